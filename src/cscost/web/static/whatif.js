// The what-if sliders: a quick answer (the staffing surrogate) while a slider moves, the
// exact one (evaluate's own code) when it stops; the newest answer asked for wins.
(function () {
  "use strict";
  const root = document.getElementById("whatif");
  if (!root) return;
  const sliders = Array.from(root.querySelectorAll("input[type=range]"));
  const initial = sliders.map((s) => s.value);
  const state = document.getElementById("whatif-state");
  const body = document.querySelector("#whatif-ranking tbody");
  const money = new Intl.NumberFormat(root.dataset.lang, { maximumFractionDigits: 0 });
  let asked = 0; // sequence number of the last request sent
  let shown = 0; // sequence number of the answer on the page
  let quickBusy = false;
  let quickWaiting = false;

  function multiplier(slider) {
    return slider.dataset.kind === "aht" ? Math.exp(0.05 * Number(slider.value)) : slider.value / 100;
  }

  function label(slider) {
    const pct = (multiplier(slider) - 1) * 100;
    slider.nextElementSibling.textContent = (pct >= 0 ? "+" : "") + pct.toFixed(1) + " %";
  }

  function query(exact) {
    const q = new URLSearchParams();
    for (const s of sliders) q.set(s.name, s.dataset.kind === "aht" ? s.value : String(s.value / 100));
    if (exact) q.set("exact", "1");
    return q;
  }

  function draw(result) {
    document.getElementById("whatif-currency").textContent = result.currency;
    const ranked = result.options.slice().sort((a, b) => a.rank - b.rank);
    body.replaceChildren(...ranked.map((o) => {
      const row = document.createElement("tr");
      for (const [text, cls] of [[o.rank, ""], [o.name, ""], [money.format(o.total), "num"], [money.format(o.npv), "num"]]) {
        const cell = document.createElement("td");
        cell.textContent = String(text);
        if (cls) cell.className = cls;
        row.append(cell);
      }
      return row;
    }));
    if (window.Plotly) {
      const layout = { margin: { t: 10, l: 60, r: 10, b: 40 }, height: 320 };
      Plotly.react("chart-totals", [{ type: "bar", orientation: "h", y: ranked.map((o) => o.name),
        x: ranked.map((o) => o.total) }], { ...layout, yaxis: { autorange: "reversed", automargin: true } },
        { displaylogo: false, responsive: true });
      Plotly.react("chart-monthly", result.options.map((o) => ({ type: "scatter", mode: "lines",
        name: o.name, x: result.months, y: o.monthly })), layout, { displaylogo: false, responsive: true });
    }
    state.textContent = result.exact ? root.dataset.exact : root.dataset.estimate;
    state.dataset.exact = result.exact ? "1" : "0";
  }

  async function ask(exact) {
    const seq = ++asked;
    state.textContent = root.dataset.busy;
    state.dataset.exact = "0";
    const answer = await fetch(root.dataset.result + "?" + query(exact), { credentials: "same-origin" });
    const result = await answer.json();
    if (seq < shown) return; // an answer to a newer position is already on the page
    if (!answer.ok) { state.textContent = result.detail || answer.statusText; return; }
    shown = seq;
    draw(result);
  }

  async function quick() {
    if (quickBusy) { quickWaiting = true; return; }
    quickBusy = true;
    try { await ask(false); } finally { quickBusy = false; }
    if (quickWaiting) { quickWaiting = false; quick(); }
  }

  for (const s of sliders) {
    label(s);
    s.addEventListener("input", () => { label(s); quick(); });
    s.addEventListener("change", () => { label(s); ask(true); });
  }
  document.getElementById("whatif-reset").addEventListener("click", () => {
    sliders.forEach((s, k) => { s.value = initial[k]; label(s); });
    ask(true);
  });
  const save = document.getElementById("whatif-save");
  if (save) save.addEventListener("submit", () => {
    for (const [name, value] of query(false)) {
      const field = document.createElement("input");
      field.type = "hidden"; field.name = name; field.value = value;
      save.append(field);
    }
  });
  ask(true);
})();
