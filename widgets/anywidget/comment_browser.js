// Comment browser (anywidget ES module): search, category / theme / language filters and a
// virtually scrolled list that stays smooth with 100,000+ comments (only the rows in view
// are in the DOM). Comments arrive once as columns; Python narrows them further with `mask`
// (one byte per comment) without re-sending text. All comment text is set with textContent,
// so markup in a comment shows as text.
const ROW = 56;      // px per row (two lines of text)
const BUFFER = 8;    // rows drawn above and below the viewport

function fold(s) {
  // as nps_toolkit.text._fold: NFKD, strip combining marks, NFC, lower case, collapse spaces
  return String(s ?? "").normalize("NFKD").replace(/\p{Mn}/gu, "").normalize("NFC")
    .toLowerCase().replace(/\s+/g, " ").trim();
}

function select(label, options, value, onChange) {
  const wrap = document.createElement("label");
  wrap.className = "nps-cb-field";
  wrap.append(label + " ");
  const sel = document.createElement("select");
  for (const [text, val] of options) {
    const opt = document.createElement("option");
    opt.value = val;
    opt.textContent = text;
    sel.appendChild(opt);
  }
  sel.value = value;
  sel.addEventListener("change", () => onChange(sel.value));
  wrap.appendChild(sel);
  return [wrap, sel];
}

function render({ model, el: host }) {
  const root = document.createElement("div");
  root.className = "nps-cb";
  host.appendChild(root);

  let cols = null, folded = [], themeSets = [], visible = new Int32Array(0);

  function load() {
    cols = model.get("comments");
    const n = (cols.text || []).length;
    folded = new Array(n);
    themeSets = new Array(n);
    for (let i = 0; i < n; i++) {
      folded[i] = fold(cols.text[i]);
      themeSets[i] = cols.themes && cols.themes[i] ? cols.themes[i].split("\u001f") : [];
    }
  }

  const controls = document.createElement("div");
  controls.className = "nps-cb-controls";
  const search = document.createElement("input");
  search.type = "search";
  search.placeholder = "Search comments";
  search.className = "nps-cb-search";
  search.value = model.get("search");
  search.addEventListener("input", () => { model.set("search", search.value); model.save_changes(); });
  controls.appendChild(search);
  const catOpts = [["All categories", ""], ["Promoters", "promoter"], ["Passives", "passive"],
                   ["Detractors", "detractor"]];
  const [catWrap, catSel] = select("Category", catOpts, model.get("category"), (v) => {
    model.set("category", v); model.save_changes(); });
  controls.appendChild(catWrap);
  const themeOpts = () => [["All themes", ""], ...model.get("theme_options").map((t) => [t, t])];
  const [themeWrap, themeSel] = select("Theme", themeOpts(), model.get("theme"), (v) => {
    model.set("theme", v); model.save_changes(); });
  controls.appendChild(themeWrap);
  const langOpts = () => [["All languages", ""], ...model.get("language_options").map((t) => [t, t])];
  const [langWrap, langSel] = select("Language", langOpts(), model.get("language"), (v) => {
    model.set("language", v); model.save_changes(); });
  controls.appendChild(langWrap);
  root.appendChild(controls);

  const count = document.createElement("div");
  count.className = "nps-cb-count";
  root.appendChild(count);
  const viewport = document.createElement("div");
  viewport.className = "nps-cb-viewport";
  viewport.style.height = `${model.get("height")}px`;
  const spacer = document.createElement("div");
  spacer.className = "nps-cb-spacer";
  viewport.appendChild(spacer);
  root.appendChild(viewport);

  function filter() {
    const n = folded.length;
    const mask = model.get("mask");
    const bytes = mask && mask.byteLength === n ? new Uint8Array(mask.buffer || mask, mask.byteOffset || 0, n) : null;
    const needle = fold(model.get("search"));
    const cat = model.get("category"), theme = model.get("theme"), lang = model.get("language");
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (bytes && !bytes[i]) continue;
      if (cat && cols.category[i] !== cat) continue;
      if (lang && cols.language[i] !== lang) continue;
      if (theme && !themeSets[i].includes(theme)) continue;
      if (needle && !folded[i].includes(needle)) continue;
      out[k++] = i;
    }
    visible = out.subarray(0, k);
    count.textContent = `${k.toLocaleString("en")} of ${n.toLocaleString("en")} comments`;
    spacer.style.height = `${k * ROW}px`;
    if (model.get("shown") !== k) { model.set("shown", k); model.save_changes(); }
    viewport.scrollTop = 0;
    draw();
  }

  function row(i, top) {
    const item = document.createElement("div");
    item.className = `nps-cb-row nps-cb-${cols.category[i] || "none"}`;
    item.style.top = `${top}px`;
    item.style.height = `${ROW - 4}px`;
    item.dataset.index = String(i);
    const head = document.createElement("span");
    head.className = "nps-cb-head";
    const score = cols.score[i];
    head.textContent = `${score === null || score === undefined ? "-" : score} ${cols.category[i] || ""}` +
      (cols.language[i] ? ` · ${cols.language[i]}` : "");
    const text = document.createElement("span");
    text.className = "nps-cb-text";
    text.textContent = cols.text[i];
    item.title = String(cols.text[i] ?? "");
    item.append(head, text);
    return item;
  }

  function draw() {
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - BUFFER);
    const last = Math.min(visible.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW) + BUFFER);
    const rows = [];
    for (let j = first; j < last; j++) rows.push(row(visible[j], j * ROW));
    spacer.replaceChildren(...rows);
  }

  let ticking = false;
  viewport.addEventListener("scroll", () => {
    if (!ticking) { ticking = true; requestAnimationFrame(() => { ticking = false; draw(); }); }
  });

  function sync() {
    if (search.value !== model.get("search")) search.value = model.get("search");
    catSel.value = model.get("category");
    themeSel.value = model.get("theme");
    langSel.value = model.get("language");
    filter();
  }
  function reload() {
    load();
    for (const [sel, opts] of [[themeSel, themeOpts()], [langSel, langOpts()]]) {
      sel.replaceChildren(...opts.map(([t, v]) => { const o = document.createElement("option");
        o.value = v; o.textContent = t; return o; }));
    }
    sync();
  }
  load();
  filter();
  const handlers = [["change:comments", reload], ["change:theme_options", reload],
                    ["change:language_options", reload], ["change:search", sync],
                    ["change:category", sync], ["change:theme", sync], ["change:language", sync],
                    ["change:mask", filter]];
  for (const [ev, fn] of handlers) model.on(ev, fn);
  return () => { for (const [ev, fn] of handlers) model.off(ev, fn); };
}

export default { render };
