// Article view: the text with every layer highlighted (entities, quotes, figures, times,
// places, events), like displaCy but for the whole ledger. The text goes into text nodes only.
import { api, hashFor } from "./api.js";
import { h, append, fmtDate, fmtNum } from "./dom.js";
import { dateBasisNote } from "./map.js";
import { filterForm, pager, empty, withForm, facetBox, exportLink, activeFilters, withoutPaging, hiddenQuotesToggle } from "./widgets.js";

const LAYERS = [
  ["entity", "Entities"], ["quote", "Quotes"], ["quantity", "Figures"], ["time", "Times"],
  ["place", "Places"], ["event", "Events"], ["claim", "Claims"],
];

/** Every highlight of the article as {start, end, layer, cls, tag, title, key}. */
export function annotations(doc) {
  const out = [];
  const add = (span, layer, cls, tag, title, key) => {
    if (!span || span.end <= span.start) return;
    out.push({ start: span.start, end: span.end, layer, cls, tag, title, key });
  };
  const placeEntity = new Set((doc.places || []).map((p) => p.entity_id).filter(Boolean));
  const placeSpans = new Set((doc.places || []).flatMap((p) => (p.mentions || []).map((m) => `${m.span.start}:${m.span.end}`)));
  for (const e of doc.entities || []) {
    if (placeEntity.has(e.id)) continue; // shown as a place
    const role = [e.role, e.affiliation].filter(Boolean).join(", ");
    for (const m of e.mentions || []) {
      if (placeSpans.has(`${m.span.start}:${m.span.end}`)) continue; // the place layer shows it
      add(m.span, "entity", "ent-" + e.label, e.label,
        `${e.label}: ${e.name}${role ? " (" + role + ")" : ""}`, "entity:" + e.id);
    }
  }
  for (const q of doc.quotes || []) {
    const who = q.source ? (q.source.name || (q.source.span && q.source.span.text) || "?") : "unattributed";
    for (const c of q.content || []) add(c, "quote", "quote-" + q.kind, null, `${q.kind} quote by ${who}`, "quote:" + q.id);
    add(q.cue, "quote", "cue", "CUE", `cue of the quote by ${who}`, "quote:" + q.id);
    if (q.source && q.source.span) add(q.source.span, "quote", "source", "SOURCE", `source: ${who}${q.source.role ? ", " + q.source.role : ""}`, "quote:" + q.id);
  }
  for (const x of doc.quantities || []) {
    // a range where the text gives one ("thousands" is 1,000–10,000, not its midpoint)
    const ranged = x.low !== null && x.low !== undefined && x.high !== null && x.high !== undefined && x.low !== x.high;
    const amount = ranged ? `${fmtNum(x.low)}–${fmtNum(x.high)}${x.vague ? " (vague)" : ""}` : (x.value !== null && x.value !== undefined ? fmtNum(x.value) : "");
    const what = [amount, x.unit || "", x.measures ? "— " + x.measures : ""].filter(Boolean).join(" ");
    add(x.span, "quantity", "qty", x.count_type || x.dimension || "FIG", `figure: ${what}`, "quantity:" + x.id);
  }
  for (const t of doc.times || []) add(t.span, "time", "time", "TIME", `${t.kind}: ${t.value || "?"}`, "time:" + t.id);
  for (const p of doc.places || []) {
    const where = p.resolved ? `${p.gazetteer_name || p.name} (${p.country_code || "?"}, GeoNames ${p.geonameid})` : `${p.name} (unresolved)`;
    for (const m of p.mentions || []) add(m.span, "place", "place" + (p.resolved ? "" : " unresolved"), "PLACE", "place: " + where, "place:" + p.id);
  }
  for (const e of doc.events || []) add(e.trigger, "event", "event", e.plover_type, `event: ${e.plover_type}${e.acled_event_type ? " / " + e.acled_event_type : ""} (${e.modality})`, "event:" + e.id);
  for (const c of doc.claims || []) {
    if (c.start === null || c.end === null || c.start === undefined) continue;
    add({ start: c.start, end: c.end }, "claim", "claim", null, `claim: ${c.subject || ""} ${c.relation} ${c.object || ""} = ${c.value_text || fmtNum(c.value)}`, "claim:" + c.id);
  }
  return out;
}

/** Split the text at every highlight boundary; each piece carries the highlights over it. */
export function renderText(text, anns, focusKey) {
  const bounds = new Set([0, text.length]);
  for (const a of anns) { bounds.add(Math.max(0, Math.min(text.length, a.start))); bounds.add(Math.max(0, Math.min(text.length, a.end))); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const starts = [...anns].sort((a, b) => a.start - b.start);
  const box = h("div", { class: "article-text" });
  let active = [];
  let next = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i], b = cuts[i + 1];
    while (next < starts.length && starts[next].start <= a) active.push(starts[next++]);
    active = active.filter((x) => x.end > a);
    const piece = text.slice(a, b);
    const here = active.filter((x) => x.start <= a && x.end >= b);
    if (!here.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const cls = new Set(["hl"]);
    for (const x of here) { cls.add("hl-" + x.layer); for (const c of x.cls.split(" ")) cls.add(c); if (x.key === focusKey) cls.add("focus"); }
    const el = h("span", { class: [...cls].join(" "), title: here.map((x) => x.title).join("\n"), "data-keys": here.map((x) => x.key).join(" ") }, piece);
    box.appendChild(el);
    for (const x of here) if (x.tag && x.end === b) box.appendChild(h("span", { class: "tag tag-" + x.layer, "aria-hidden": "true" }, x.tag));
  }
  return box;
}

function recordList(title, items, render) {
  if (!items.length) return null;
  return h("section", { class: "records" }, h("h3", {}, `${title} (${items.length})`), h("ul", {}, items.map(render)));
}

export async function articleView(root, r) {
  const id = r.args[0];
  // Quotes shown by default only (a record confidence of 0.9 or more), as in every quote view;
  // "include_hidden=true" lists them all, and a quote linked to directly is always shown.
  const allQuotes = r.params.include_hidden === "true";
  const doc = await api("articles/" + encodeURIComponent(id), allQuotes || r.params.quote ? { include_hidden: "true" } : {});
  const art = doc.article;
  const everyQuote = doc.quotes || [];
  doc.quotes = everyQuote.filter((q) => allQuotes || q.shown !== false || q.id === r.params.quote);
  const nHiddenQuotes = allQuotes ? 0 : (doc.n_hidden_quotes || 0) + everyQuote.length - doc.quotes.length;
  // Events shown by default only (Event.shown), as on the map and in the API; "all_events=1"
  // shows every event, and an event linked to directly is always shown.
  const allEvents = r.params.all_events === "1";
  const everyEvent = doc.events || [];
  doc.events = everyEvent.filter((e) => allEvents || e.shown || e.id === r.params.event);
  const nHidden = everyEvent.length - doc.events.length;
  const focus = Object.entries(r.params).find(([k]) => ["quote", "event", "quantity", "place", "entity", "claim", "time"].includes(k));
  const focusKey = focus ? `${focus[0]}:${focus[1]}` : null;
  const anns = annotations(doc);
  const text = renderText(art.text, anns, focusKey);
  const toggles = h("div", { class: "layers" }, LAYERS.map(([layer, label]) => {
    const cb = h("input", { type: "checkbox", checked: true, id: "layer-" + layer, "data-layer": layer });
    cb.addEventListener("change", () => text.classList.toggle("hide-" + layer, !cb.checked));
    return h("label", { for: "layer-" + layer, class: "layer-toggle lt-" + layer }, cb, label);
  }));
  const labels = [...new Set((doc.entities || []).map((e) => e.label))].sort();
  const legend = h("p", { class: "legend entity-legend" }, "Entities: ",
    labels.map((l) => h("span", { class: `hl hl-entity ent-${l} chip` }, l)));
  const go = (k, v) => hashFor("article", [art.id], { [k]: v });
  const side = h("aside", { class: "article-side" },
    recordList("Quotes", doc.quotes || [], (q) => h("li", {}, h("a", { href: go("quote", q.id) },
      (q.source && (q.source.name || (q.source.span && q.source.span.text))) || "unattributed"), ": ",
      h("span", { class: "muted" }, (q.content || []).map((c) => c.text).join(" … ").slice(0, 140)),
      q.shown === false ? h("span", { class: "hidden-quote" }, " below 0.9 confidence") : null)),
    allQuotes || nHiddenQuotes ? h("p", { class: "muted quotes-toggle-line" },
      hiddenQuotesToggle(allQuotes ? { include_hidden: "true" } : {}, (p) => hashFor("article", [art.id], p)),
      allQuotes ? null : ` (${nHiddenQuotes} not shown)`) : null,
    recordList("Events", doc.events || [], (e) => h("li", { class: e.shown ? "event-shown" : "event-hidden", "data-event-id": e.id },
      h("a", { href: go("event", e.id) }, e.acled_sub_event_type || e.plover_type), " ",
      h("span", { class: "muted" }, `"${e.trigger.text}" ${e.date ? fmtDate(e.date) : ""}${dateBasisNote(e.date_basis)}` +
        ` · confidence ${fmtNum(e.confidence)}${e.shown ? "" : " · hidden by default"}`))),
    everyEvent.length ? h("p", { class: "muted events-toggle" },
      allEvents ? h("a", { href: hashFor("article", [art.id]), id: "article-shown-events" }, "Shown events only")
        : nHidden ? h("a", { href: hashFor("article", [art.id], { all_events: "1" }), id: "article-all-events" },
          `Show all events (${nHidden} hidden: below 0.8 estimated precision, not an occurrence, or generic)`) : null) : null,
    recordList("Figures", doc.quantities || [], (x) => h("li", {}, h("a", { href: go("quantity", x.id) }, x.span.text),
      x.measures ? h("span", { class: "muted" }, " — " + x.measures) : null)),
    recordList("Places", doc.places || [], (p) => h("li", {},
      // a place below 0.9 confidence is off the map by default: its link opens it with all events and places
      p.canonical_id ? h("a", { href: hashFor("map", [], { place: p.canonical_id, all_events: p.shown === false ? "1" : null }) }, p.name) : p.name,
      h("span", { class: "muted" }, (p.resolved ? ` ${p.country_code || ""} ${p.geonameid || ""}` : " unresolved") +
        (p.resolved && p.shown === false ? ` · confidence ${fmtNum(p.confidence)} · hidden by default` : "")))),
    recordList("Claims", doc.claims || [], (c) => h("li", {}, h("a", { href: go("claim", c.id) }, `${c.subject || ""} ${c.relation} ${c.object || ""}`),
      h("span", { class: "muted" }, ` = ${c.value_text || fmtNum(c.value)}`))),
    recordList(`Near-duplicates${doc.n_copies > (doc.copies || []).length ? ", first " + doc.copies.length + " of " + doc.n_copies : ""}`, doc.copies || [], (c) => h("li", {}, h("a", { href: hashFor("article", [c.id]) }, c.title || c.id),
      h("span", { class: "muted" }, ` ${c.publisher || ""} ${fmtDate(c.published)}`))));
  append(root,
    h("div", { class: "article-head" },
      h("h1", {}, art.title || "(untitled)"),
      h("p", { class: "byline" }, articleMeta(art, [art.byline]),
        art.url ? [" · ", h("a", { href: art.url, rel: "noopener noreferrer nofollow" }, "original")] : null),
      toggles, labels.length ? legend : null),
    h("div", { class: "article-body" }, text, side));
  if (focusKey) {
    const first = text.querySelector(".focus");
    if (first) requestAnimationFrame(() => first.scrollIntoView({ block: "center" }));
  }
}

/** "Outlet (GB) · byline · 2022-01-27 · uk": the parts an article has, no empty separators;
 * the language is shown only when it is not English (those articles have no records). */
function articleMeta(a, extra) {
  const outlet = a.publisher ? a.publisher + (a.outlet_country ? ` (${a.outlet_country})` : "") : a.outlet_country;
  const lang = a.language && a.language !== "en" ? `language: ${a.language}` : null;
  return [outlet, ...extra, fmtDate(a.published), lang].filter(Boolean).join(" · ");
}

export async function articlesView(root, r) {
  const params = { ...r.params };
  const go = (p) => hashFor("articles", [], p);
  const facetKeys = ["outlet", "outlet_country", "language"];
  const form = filterForm([["q", "Words"], ["person", "Person"], ["place", "Place"], ["source", "Source"],
    ["since", "From", "date"], ["until", "To", "date"]], params,
    (v) => { window.location.hash = go({ ...v, ...Object.fromEntries(facetKeys.map((k) => [k, params[k]])) }); });
  append(root, h("h1", {}, "Articles"));
  await withForm(root, form, async () => {
    const [page, facets] = await Promise.all([api("articles", params), api("facets/articles", withoutPaging(params))]);
    return [
      activeFilters(params, facetKeys, go({ ...params, outlet: null, outlet_country: null, language: null, offset: null })),
      h("div", { class: "list-with-facets" },
        h("div", { class: "list-main" },
          h("p", { class: "list-head" }, h("span", { class: "total" }, `${page.total} article${page.total === 1 ? "" : "s"}`), " ",
            exportLink("articles", params, "these articles")),
          page.items.length ? h("ul", { class: "article-list" }, page.items.map((a) => articleItem(a))) : empty("No article matches."),
          pager(page, (offset) => { window.location.hash = go({ ...params, offset }); })),
        facetBox(facets, params, go)),
    ];
  });
}

/** An article in a list: its title (or, untitled, its outlet and date), outlet and country, date. */
export function articleItem(a, extra = [`${a.n_quotes} quotes`]) {
  return h("li", { "data-article-id": a.id },
    h("a", { href: hashFor("article", [a.id]) }, a.title || `(untitled: ${[a.publisher, fmtDate(a.published)].filter(Boolean).join(", ")})`),
    h("span", { class: "muted" }, " " + articleMeta(a, extra)));
}
