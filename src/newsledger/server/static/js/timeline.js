// Timeline: claims over time (one series = one claim key, e.g. distance of forces to a town),
// one point per report with its source, and the events over time below.
import { api, hashFor } from "./api.js";
import { h, s, append, fmtDate, fmtNum } from "./dom.js";
import { filterForm, empty } from "./widgets.js";

const W = 900, H = 260, M = { l: 60, r: 20, t: 16, b: 36 };
const PALETTE = ["#1d3557", "#e63946", "#2a9d8f", "#e9c46a", "#8338ec", "#f4a261", "#457b9d", "#6a994e"];
const DAY = 86400000;

function toTime(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso || ""); // a week ("2024-W34") has no point
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3] || 1) : null;
}

function timeAxis(t0, t1) {
  const g = s("g", { class: "axis x" });
  const span = Math.max(DAY, t1 - t0);
  const x = (t) => M.l + ((t - t0) / span) * (W - M.l - M.r);
  const step = Math.max(1, Math.ceil(span / DAY / 6)) * DAY; // at most ~6 labels, whole days
  for (let t = t0; t <= t1; t += step) {
    g.appendChild(s("line", { x1: x(t), x2: x(t), y1: H - M.b, y2: H - M.b + 5 }));
    g.appendChild(s("text", { x: x(t), y: H - M.b + 18, "text-anchor": t + step > t1 ? "end" : "middle" }, new Date(t).toISOString().slice(0, 10)));
  }
  g.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b }));
  return { g, x };
}

/** A round tick step (1, 2 or 5 times a power of ten) giving about n ticks up to vmax. */
function niceStep(vmax, n) {
  const raw = vmax / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

export function claimChart(points) {
  const dated = points.filter((p) => toTime(p.date || p.published) !== null && p.value !== null && p.value !== undefined);
  if (!dated.length) return empty("No dated figure in this series.");
  const ts = dated.map((p) => toTime(p.date || p.published));
  const t0 = Math.min(...ts) - DAY, t1 = Math.max(...ts) + DAY;
  const top = Math.max(...dated.map((p) => p.high ?? p.value)) * 1.1 || 1;
  const stepV = niceStep(top, 4);
  const vmax = Math.ceil(top / stepV) * stepV;
  const y = (v) => H - M.b - (v / vmax) * (H - M.t - M.b);
  const { g: xaxis, x } = timeAxis(t0, t1);
  const yaxis = s("g", { class: "axis y" });
  for (let i = 0; i * stepV <= vmax + 1e-9; i++) {
    const v = i * stepV;
    yaxis.appendChild(s("line", { x1: M.l - 5, x2: W - M.r, y1: y(v), y2: y(v), class: i ? "grid" : "" }));
    yaxis.appendChild(s("text", { x: M.l - 8, y: y(v) + 4, "text-anchor": "end" }, fmtNum(v)));
  }
  const sources = [...new Set(dated.map((p) => p.source || "unknown"))];
  const color = (src) => PALETTE[sources.indexOf(src) % PALETTE.length];
  const series = s("g", { class: "points" });
  for (const src of sources) {
    const mine = dated.filter((p) => (p.source || "unknown") === src).sort((a, b) => toTime(a.date || a.published) - toTime(b.date || b.published));
    if (mine.length > 1) series.appendChild(s("path", { class: "line", stroke: color(src), d: mine.map((p, i) => `${i ? "L" : "M"}${x(toTime(p.date || p.published))} ${y(p.value)}`).join("") }));
    for (const p of mine) {
      const cx = x(toTime(p.date || p.published));
      if (p.low !== null && p.high !== null && p.low !== undefined && p.high !== p.low) series.appendChild(s("line", { class: "range", x1: cx, x2: cx, y1: y(p.low), y2: y(p.high), stroke: color(src) }));
      const dot = s("circle", { cx, cy: y(p.value), r: 5, fill: color(src), class: "point", tabindex: 0, "data-claim-id": p.id },
        s("title", {}, `${fmtDate(p.date || p.published)}: ${p.value_text || fmtNum(p.value)} — ${src}${p.cited ? ", citing " + p.cited : ""}`));
      dot.addEventListener("click", () => { window.location.hash = hashFor("article", [p.article_id], { claim: p.id }); });
      series.appendChild(dot);
    }
  }
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Claim values over time" }, yaxis, xaxis, series);
  const legend = h("p", { class: "legend" }, sources.map((src) => h("span", { class: "legend-item", "data-color": color(src) },
    s("svg", { width: 12, height: 12, viewBox: "0 0 12 12" }, s("circle", { cx: 6, cy: 6, r: 5, fill: color(src) })), " ", src, " ")));
  return h("div", {}, svg, legend);
}

function eventChart(events) {
  const dated = events.filter((e) => toTime(e.date || e.published) !== null);
  if (!dated.length) return empty("No dated event.");
  const types = [...new Set(dated.map((e) => e.plover_type))];
  const rowH = 22, height = M.t + M.b + rowH * types.length;
  const ts = dated.map((e) => toTime(e.date || e.published));
  const t0 = Math.min(...ts) - DAY, t1 = Math.max(...ts) + DAY;
  const span = t1 - t0, x = (t) => M.l + 80 + ((t - t0) / span) * (W - M.l - 80 - M.r);
  const svg = s("svg", { class: "chart events", viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": "Events over time" });
  types.forEach((t, i) => {
    const yy = M.t + rowH * i + rowH / 2;
    svg.appendChild(s("text", { x: M.l + 72, y: yy + 4, "text-anchor": "end" }, t));
    svg.appendChild(s("line", { x1: M.l + 80, x2: W - M.r, y1: yy, y2: yy, class: "grid" }));
  });
  for (const e of dated) {
    const yy = M.t + rowH * types.indexOf(e.plover_type) + rowH / 2;
    const dot = s("circle", { cx: x(toTime(e.date || e.published)), cy: yy, r: 5, class: "event-dot", tabindex: 0 },
      s("title", {}, `${fmtDate(e.date || e.published)} ${e.plover_type}: "${e.trigger || ""}"${e.place_name ? " in " + e.place_name : ""} — ${e.publisher || ""}`));
    dot.addEventListener("click", () => { window.location.hash = hashFor("article", [e.article_id], { event: e.id }); });
    svg.appendChild(dot);
  }
  const first = s("text", { x: M.l + 80, y: height - 8 }, new Date(t0 + DAY).toISOString().slice(0, 10));
  const last = s("text", { x: W - M.r, y: height - 8, "text-anchor": "end" }, new Date(t1 - DAY).toISOString().slice(0, 10));
  append(svg, first, last);
  return svg;
}

export async function timelineView(root, r) {
  const params = { ...r.params };
  const filters = { place: params.place, since: params.since, until: params.until, source: params.source };
  const [seriesPage, eventsPage] = await Promise.all([
    api("claim-series", { ...filters, q: params.q, limit: 100 }),
    api("events", { ...filters, event_type: params.event_type, limit: 200 }),
  ]);
  const series = seriesPage.items;
  const key = params.key || (series[0] && series[0].key);
  const claims = key ? (await api("claims", { ...filters, key, limit: 200 })).items : [];
  const form = filterForm([["place", "Place"], ["q", "Claim words"], ["source", "Source"], ["since", "From", "date"], ["until", "To", "date"]],
    params, (v) => { window.location.hash = hashFor("timeline", [], v); });
  const select = h("select", { id: "series", name: "key" }, series.map((x) => {
    const o = h("option", { value: x.key }, `${x.subject ? x.subject + " — " : ""}${x.relation} — ${x.object || "?"} (${x.n} reports, ${x.n_sources} sources)`);
    if (x.key === key) o.selected = true;
    return o;
  }));
  select.addEventListener("change", () => { window.location.hash = hashFor("timeline", [], { ...params, key: select.value }); });
  const current = series.find((x) => x.key === key);
  append(root, h("h1", {}, "Timeline"), form,
    h("section", { class: "claims-section" }, h("h2", {}, "Claims over time"),
      series.length ? [h("label", { for: "series", class: "series-label" }, "Series ", select),
        current ? h("p", { class: "muted" }, `${current.subject || ""} ${current.relation} ${current.object || ""}${current.unit ? " (" + current.unit + ")" : ""}: ${current.n} reports from ${current.n_sources} independent sources`) : null,
        claimChart(claims),
        h("table", { class: "grid claims" },
          h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Value"), h("th", {}, "Source"), h("th", {}, "Citing"), h("th", {}, "Evidence"))),
          h("tbody", {}, claims.map((c) => h("tr", { "data-claim-id": c.id }, h("td", {}, fmtDate(c.date || c.published)),
            h("td", {}, c.value_text || fmtNum(c.value)), h("td", {}, c.source || ""), h("td", {}, c.cited || ""),
            h("td", {}, h("a", { href: hashFor("article", [c.article_id], { claim: c.id }) }, c.title || "article"))))))]
        : empty("No claim matches these filters.")),
    h("section", { class: "events-section" }, h("h2", {}, `Events over time (${eventsPage.total})`), eventChart(eventsPage.items)));
}
