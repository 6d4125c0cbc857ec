// NPS score-card gauge (anywidget ES module). A half dial from -100 to 100 with the NPS
// needle, its interval as an arc, an optional benchmark tick, and the detractor / passive /
// promoter split beneath. Clicking a category sets `selected` (click again to clear), which
// Python observes to drill down. All user text goes through textContent (never innerHTML).
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

// angle for an NPS value: -100 -> 180 degrees (left), 100 -> 0 degrees (right)
function point(value, r, cx, cy) {
  const a = Math.PI * (1 - (Math.max(-100, Math.min(100, value)) + 100) / 200);
  return [cx + r * Math.cos(a), cy - r * Math.sin(a)];
}

function arc(from, to, r, cx, cy) {
  const [x1, y1] = point(from, r, cx, cy);
  const [x2, y2] = point(to, r, cx, cy);
  return `M ${x1} ${y1} A ${r} ${r} 0 0 1 ${x2} ${y2}`;
}

function render({ model, el: host }) {
  const root = document.createElement("div");
  root.className = "nps-gauge";
  host.appendChild(root);

  function draw() {
    root.replaceChildren();
    const colours = model.get("colours");
    const title = document.createElement("div");
    title.className = "nps-gauge-title";
    title.textContent = model.get("title");
    root.appendChild(title);

    const nps = model.get("nps");
    const lo = model.get("ci_low");
    const hi = model.get("ci_high");
    const n = model.get("n");
    const w = 290, h = 150, cx = 145, cy = 135, r = 110;
    const svg = el("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: "img" }, root);
    el("title", {}, svg).textContent =
      n > 0 ? `NPS ${nps.toFixed(1)}, interval ${lo.toFixed(1)} to ${hi.toFixed(1)}, n=${n}`
            : "No responses";
    el("path", { d: arc(-100, 100, r, cx, cy), class: "nps-gauge-track" }, svg);
    if (n > 0) {
      el("path", { d: arc(lo, hi, r, cx, cy), class: "nps-gauge-interval" }, svg);
      const [nx, ny] = point(nps, r - 18, cx, cy);
      el("line", { x1: cx, y1: cy, x2: nx, y2: ny, class: "nps-gauge-needle" }, svg);
    }
    el("circle", { cx, cy, r: 5, class: "nps-gauge-hub" }, svg);
    for (const v of [-100, 0, 100]) {
      const [tx, ty] = point(v, r + 12, cx, cy);
      const t = el("text", { x: tx, y: Math.min(ty + 4, h - 2), class: "nps-gauge-tick",
                             "text-anchor": "middle" }, svg);
      t.textContent = String(v);
    }
    const bench = model.get("benchmark");
    if (bench !== null && bench !== undefined) {
      const [bx1, by1] = point(bench, r - 14, cx, cy);
      const [bx2, by2] = point(bench, r + 14, cx, cy);
      const tick = el("line", { x1: bx1, y1: by1, x2: bx2, y2: by2,
                                class: "nps-gauge-benchmark" }, svg);
      el("title", {}, tick).textContent = `${model.get("benchmark_label")}: ${bench}`;
    }
    const value = el("text", { x: cx, y: cy - 30, "text-anchor": "middle",
                               class: "nps-gauge-value" }, svg);
    value.textContent = n > 0 ? nps.toFixed(1) : "-";

    const sub = document.createElement("div");
    sub.className = "nps-gauge-sub";
    sub.textContent = n > 0
      ? `${Math.round(model.get("confidence") * 100)}% interval ${lo.toFixed(1)} to ${hi.toFixed(1)} · n = ${n.toLocaleString("en")}`
      : "No responses match the filters";
    root.appendChild(sub);
    if (bench !== null && bench !== undefined) {
      const b = document.createElement("div");
      b.className = "nps-gauge-sub";
      b.textContent = `Benchmark: ${model.get("benchmark_label")} (${bench})`;
      root.appendChild(b);
    }

    const shares = model.get("shares");
    const bar = document.createElement("div");
    bar.className = "nps-gauge-bar";
    const selected = model.get("selected");
    for (const cat of ["detractor", "passive", "promoter"]) {
      const share = shares[cat] || 0;
      const seg = document.createElement("button");
      seg.type = "button";
      seg.className = "nps-gauge-seg" + (selected === cat ? " selected" : "");
      seg.dataset.category = cat;
      seg.style.flexGrow = String(Math.max(share, 0.0001));
      seg.style.background = colours[cat];
      seg.title = `${cat}s: ${(share * 100).toFixed(1)}% (click to drill down)`;
      seg.textContent = share >= 0.08 ? `${Math.round(share * 100)}%` : "";
      seg.addEventListener("click", () => {
        model.set("selected", model.get("selected") === cat ? "" : cat);
        model.save_changes();
      });
      bar.appendChild(seg);
    }
    root.appendChild(bar);
    const hint = document.createElement("div");
    hint.className = "nps-gauge-hint";
    hint.textContent = selected ? `Showing ${selected}s · click again to clear`
                                : "Click a category to drill down";
    root.appendChild(hint);
  }

  draw();
  const names = ["nps", "ci_low", "ci_high", "n", "benchmark", "benchmark_label", "shares",
                 "title", "selected", "confidence"];
  for (const name of names) model.on(`change:${name}`, draw);
  return () => { for (const name of names) model.off(`change:${name}`, draw); };
}

export default { render };
