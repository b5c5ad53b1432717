// Timeline: claims over time (one series = one claim key, e.g. distance of forces to a town),
// one point per report with its source, and the events over time below.
import { api, hashFor } from "./api.js";
import { h, s, append, fmtDate, fmtNum } from "./dom.js";
import { filterForm, empty } from "./widgets.js";
import { showFormError } from "./formerror.js";

const W = 900, H = 260, M = { l: 60, r: 20, t: 16, b: 36 };
const PALETTE = ["#1d3557", "#e63946", "#2a9d8f", "#e9c46a", "#8338ec", "#f4a261", "#457b9d", "#6a994e"];
const DAY = 86400000;

function toTime(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso || ""); // a week ("2024-W34") has no point
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3] || 1) : null;
}

/** A short axis label: 12k, 1.5M, 2B (the full figure is in each point's title and the table). */
export function axisLabel(v) {
  const a = Math.abs(v);
  for (const [n, suffix] of [[1e9, "B"], [1e6, "M"], [1e3, "k"]]) {
    if (a >= n) return `${Number((v / n).toFixed(a / n >= 100 ? 0 : 1))}${suffix}`;
  }
  return fmtNum(v);
}

/** A left margin wide enough for the longest y label (about 7 units a character at 12px). */
function leftMargin(labels) {
  return Math.max(M.l, 16 + 7 * Math.max(0, ...labels.map((l) => String(l).length)));
}

function timeAxis(t0, t1, left = M.l) {
  const g = s("g", { class: "axis x" });
  const span = Math.max(DAY, t1 - t0);
  const x = (t) => left + ((t - t0) / span) * (W - left - M.r);
  const step = Math.max(1, Math.ceil(span / DAY / 6)) * DAY; // at most ~6 labels, whole days
  for (let t = t0; t <= t1; t += step) {
    g.appendChild(s("line", { x1: x(t), x2: x(t), y1: H - M.b, y2: H - M.b + 5 }));
    g.appendChild(s("text", { x: x(t), y: H - M.b + 18, "text-anchor": t + step > t1 ? "end" : "middle" }, new Date(t).toISOString().slice(0, 10)));
  }
  g.appendChild(s("line", { x1: left, x2: W - M.r, y1: H - M.b, y2: H - M.b }));
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
  const ticks = [];
  for (let i = 0; i * stepV <= vmax + 1e-9; i++) ticks.push(i * stepV);
  const left = leftMargin(ticks.map(axisLabel));
  const { g: xaxis, x } = timeAxis(t0, t1, left);
  const yaxis = s("g", { class: "axis y" });
  ticks.forEach((v, i) => {
    yaxis.appendChild(s("line", { x1: left - 5, x2: W - M.r, y1: y(v), y2: y(v), class: i ? "grid" : "" }));
    yaxis.appendChild(s("text", { x: left - 8, y: y(v) + 4, "text-anchor": "end" }, axisLabel(v)));
  });
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

/** Events (or quotes) per day or week, stacked by type: every matching record, counted by the
 *  server. */
function eventChart(counts, bucket, what = "event") {
  if (!counts.length) return empty(`No dated ${what}.`);
  const periods = [...new Set(counts.map((c) => c.start))].sort();
  const types = [...new Set(counts.map((c) => c.type))].sort();
  const color = (t) => PALETTE[types.indexOf(t) % PALETTE.length];
  const totals = periods.map((p) => counts.filter((c) => c.start === p).reduce((a, c) => a + c.n, 0));
  const top = Math.max(...totals), stepV = Math.max(1, niceStep(top, 4)), vmax = Math.ceil(top / stepV) * stepV;
  const ticks = [];
  for (let v = 0; v <= vmax; v += stepV) ticks.push(v);
  const left = leftMargin(ticks.map(axisLabel));
  const t0 = toTime(periods[0]), t1 = toTime(periods[periods.length - 1]) + (bucket === "week" ? 7 : 1) * DAY;
  const { g: xaxis, x } = timeAxis(t0, t1, left);
  const y = (v) => H - M.b - (v / vmax) * (H - M.t - M.b);
  const yaxis = s("g", { class: "axis y" });
  ticks.forEach((v, i) => {
    yaxis.appendChild(s("line", { x1: left - 5, x2: W - M.r, y1: y(v), y2: y(v), class: i ? "grid" : "" }));
    yaxis.appendChild(s("text", { x: left - 8, y: y(v) + 4, "text-anchor": "end" }, axisLabel(v)));
  });
  const width = Math.max(2, x(t0 + (bucket === "week" ? 7 : 1) * DAY) - x(t0) - 1);
  const bars = s("g", { class: "bars" });
  periods.forEach((p) => {
    let base = 0;
    for (const c of counts.filter((c) => c.start === p)) {
      bars.appendChild(s("rect", { x: x(toTime(p)), width, y: y(base + c.n), height: y(base) - y(base + c.n),
        fill: color(c.type), class: "event-bar", "data-period": c.period, "data-type": c.type, "data-n": c.n },
        s("title", {}, `${c.period} ${c.type}: ${c.n}`)));
      base += c.n;
    }
  });
  const svg = s("svg", { class: "chart " + what + "s", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${what}s per ${bucket}` }, yaxis, xaxis, bars);
  const legend = h("p", { class: "legend" }, types.map((t) => h("span", { class: "legend-item" },
    s("svg", { width: 12, height: 12, viewBox: "0 0 12 12" }, s("rect", { width: 12, height: 12, fill: color(t) })), " ", t, " ")));
  return h("div", {}, svg, legend);
}

/** Other independent sources' figures, each a link to its words in its article. */
function others(refs) {
  if (!refs || !refs.length) return "";
  return h("ul", { class: "others" }, refs.map((o) => h("li", {},
    h("a", { class: "evidence", href: hashFor("article", [o.article_id], { claim: o.id }), title: o.title || "" }, o.value_text || "figure"),
    ` — ${o.source || "unknown"}${o.cited ? ", citing " + o.cited : ""} (${fmtDate(o.date)})`)));
}

const FIELDS = [["place", "Place"], ["person", "Person"], ["q", "Claim words"], ["source", "Source"], ["since", "From", "date"], ["until", "To", "date"],
  ["event_type", "Event type"], ["actor", "Actor"], ["bucket", "Per (day/week)"]];
const FIELD_LABELS = Object.fromEntries(FIELDS.map(([k, label]) => [k, label]));

/** How a list of claims is ranked: disputed figures first, then the other figures, the ones
 *  more independent sources give first; then statements attributed to a named or official
 *  source, then those of anonymous sources ("some residents", "both sides"): the records an
 *  analyst can check and cite come before those no one stands behind. */
export function claimRank(c) {
  if (c.disagrees) return 0;
  if (c.value !== null && c.value !== undefined) return 1;
  return c.cited_type === "anonymous" ? 3 : 2;
}

function claimOrder(a, b) {
  const ra = claimRank(a), rb = claimRank(b);
  if (ra !== rb) return ra - rb;
  return ra <= 1 ? (b.independent_sources || 0) - (a.independent_sources || 0) : 0;
}

/** Every claim the filters keep (about a place, or in articles about a person), each with the
 *  independent sources that give another figure for its series in the window. */
function allClaims(page, what, params) {
  const rows = page.items.map((c, i) => [c, i]).sort((a, b) => claimOrder(a[0], b[0]) || a[1] - b[1]).map(([c]) => c);
  if (!rows.length) return empty(`No claim ${what}.`);
  const disputed = rows.filter((c) => c.disagrees).length;
  return [h("p", { class: "muted", id: "all-claims-summary" },
    `${page.total} claims ${what}` + (page.total > rows.length ? ` (the first ${rows.length})` : "") +
    `; ${disputed} with another independent source giving a different figure.`),
  h("div", { class: "table-scroll" }, h("table", { class: "grid all-claims" },
    h("thead", {}, h("tr", {}, h("th", {}, "Claim"), h("th", {}, "Date"), h("th", {}, "Value"), h("th", {}, "Source"),
      h("th", {}, "Citing"), h("th", {}, "Who says more"), h("th", {}, "Who says less"), h("th", {}, "Evidence"))),
    h("tbody", {}, rows.map((c) => h("tr", { "data-claim-id": c.id, "data-key": c.key, class: c.disagrees ? "disagrees" : "" },
      h("td", {}, h("a", { href: hashFor("timeline", [], { ...params, key: c.key }), title: "This series over time" },
        `${c.subject || ""} ${c.relation} ${c.object || ""}`.trim())),
      h("td", {}, fmtDate(c.date || c.published)), h("td", { class: "value" }, c.value_text || fmtNum(c.value)),
      h("td", {}, c.source || ""), h("td", {}, c.cited || ""),
      h("td", { class: "says-more" }, others(c.says_more)), h("td", { class: "says-less" }, others(c.says_less)),
      h("td", {}, h("a", { class: "evidence", href: hashFor("article", [c.article_id], { claim: c.id }) }, c.title || "article")))))))];
}

export async function timelineView(root, r) {
  const params = { ...r.params };
  const filters = { place: params.place, person: params.person, since: params.since, until: params.until, source: params.source };
  const bucket = params.bucket === "day" ? "day" : "week";
  const form = filterForm(FIELDS, params, (v) => { window.location.hash = hashFor("timeline", [], v); });
  const errorBox = h("div", { class: "form-error error", id: "timeline-error", role: "alert" });
  errorBox.hidden = true;
  let seriesPage, eventCounts, quoteCounts, scoped;
  const what = [params.place ? `about ${params.place}` : "", params.person ? `in articles naming ${params.person}` : ""].filter(Boolean).join(", ");
  try {
    [seriesPage, eventCounts, quoteCounts, scoped] = await Promise.all([
      api("claim-series", { ...filters, q: params.q, limit: 100 }),
      api("event-counts", { ...filters, event_type: params.event_type, actor: params.actor, bucket }),
      api("quote-counts", { ...filters, bucket }),
      what ? api("claims", { ...filters, q: params.q, limit: 200 }) : null,
    ]);
  } catch (err) {
    append(root, h("h1", {}, "Timeline"), form, errorBox);
    showFormError(errorBox, form, err, FIELD_LABELS);
    return;
  }
  const nEvents = eventCounts.items.reduce((a, c) => a + c.n, 0);
  const nQuotes = quoteCounts.items.reduce((a, c) => a + c.n, 0);
  const series = seriesPage.items;
  // the default series: the figure series with the most independent sources (the API's order)
  const first = series.find((x) => x.n_values > 0) || series[0];
  const key = params.key || (first && first.key);
  const claims = key ? (await api("claims", { ...filters, key, limit: 200 })).items : [];
  const select = h("select", { id: "series", name: "key" }, series.map((x) => {
    const o = h("option", { value: x.key }, `${x.subject ? x.subject + " — " : ""}${x.relation} — ${x.object || "?"} (${x.n} reports, ${x.n_sources} sources)`);
    if (x.key === key) o.selected = true;
    return o;
  }));
  select.addEventListener("change", () => { window.location.hash = hashFor("timeline", [], { ...params, key: select.value }); });
  const current = series.find((x) => x.key === key);
  append(root, h("h1", {}, "Timeline"), form, errorBox,
    scoped ? h("section", { class: "all-claims-section" }, h("h2", {}, `All claims ${what}, and who disagrees`), allClaims(scoped, what, params)) : null,
    h("section", { class: "claims-section" }, h("h2", {}, "Claims over time"),
      series.length ? [h("label", { for: "series", class: "series-label" }, "Series ", select),
        current ? h("p", { class: "muted" }, `${current.subject || ""} ${current.relation} ${current.object || ""}${current.dimension ? " (" + current.dimension + (current.unit ? ", " + current.unit : "") + ")" : ""}: ${current.n} reports from ${current.n_sources} independent sources`) : null,
        claimChart(claims),
        h("table", { class: "grid claims" },
          h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Value"), h("th", {}, "Source"), h("th", {}, "Citing"),
            h("th", { title: "Near-duplicate clusters giving an agreeing figure within the window" }, "Independent"),
            h("th", {}, "Who says more"), h("th", {}, "Who says less"), h("th", {}, "Evidence"))),
          h("tbody", {}, claims.map((c) => h("tr", { "data-claim-id": c.id, class: c.disagrees ? "disagrees" : "" }, h("td", {}, fmtDate(c.date || c.published)),
            h("td", {}, c.value_text || fmtNum(c.value)), h("td", {}, c.source || ""), h("td", {}, c.cited || ""),
            h("td", { class: "num" }, String(c.independent_sources)),
            h("td", { class: "says-more" }, others(c.says_more)), h("td", { class: "says-less" }, others(c.says_less)),
            h("td", {}, h("a", { href: hashFor("article", [c.article_id], { claim: c.id }) }, c.title || "article"))))))]
        : empty("No claim matches these filters.")),
    h("section", { class: "events-section" }, h("h2", {}, `Events per ${bucket} (${nEvents})`), eventChart(eventCounts.items, bucket)),
    h("section", { class: "quotes-section" }, h("h2", {}, `Quotes per ${bucket} (${nQuotes})`), eventChart(quoteCounts.items, bucket, "quote")));
}
