// Build-path independence: rspack's default ids hash the modules' absolute paths, so the same
// source built in another folder (a CI checkout) would give different bytes. Natural ids
// depend only on module order, so the committed assets can be compared byte for byte.
module.exports = {
  optimization: {
    moduleIds: 'natural',
    chunkIds: 'natural'
  }
};
