// People page: each person's quotes and roles over time. Organisations share the detail view.
import { api, hashFor } from "./api.js";
import { h, s, append, fmtDate } from "./dom.js";
import { quoteCard, pager, filterForm, empty, withForm, exportLink, scrollBox, withoutPaging, hiddenQuotesToggle } from "./widgets.js";

/** The counts a person or organisation has on every page, defined once in the query layer
 * (experts.counted_quote): headers and their explanations. */
const COUNT_HEADERS = {
  quotes: ["Quotes", "Quotes by this speaker (named speakers only)"],
  quoted: ["Articles quoted in", "Articles holding at least one of those quotes"],
  mentioned: ["Articles mentioning", "Articles that mention the name, quoted or not"],
};
const th = (key) => h("th", { scope: "col", class: "num", title: COUNT_HEADERS[key][1] }, COUNT_HEADERS[key][0]);

export async function peopleView(root, r) {
  const params = { ...r.params };
  if (params.kind === "experts") return expertsView(root, params);
  const kind = params.kind === "organisations" ? "organisations" : "people";
  delete params.kind;
  const go = (p) => hashFor("people", [], { ...p, kind: kind === "people" ? null : kind });
  const form = filterForm([["q", "Name"], ["since", "From", "date"], ["until", "To", "date"]], params, (v) => { window.location.hash = go(v); });
  append(root, h("h1", {}, kind === "people" ? "People" : "Organisations"), peopleTabs(kind));
  await withForm(root, form, async () => {
    const page = await api(kind, params);
    const rows = page.items.map((p) => h("tr", { "data-id": p.id },
      h("td", {}, h("a", { href: kind === "people" ? hashFor("people", [p.id]) : hashFor("organisations", [p.id]) }, p.name)),
      h("td", {}, p.latest_role || ""), h("td", { class: "num quotes" }, p.n_quotes),
      h("td", { class: "num quoted" }, p.n_quoted_articles), h("td", { class: "num mentioned" }, p.n_articles)));
    return [
      rows.length ? scrollBox(h("table", { class: "grid people" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Latest role"),
          th("quotes"), th("quoted"), th("mentioned"))),
        h("tbody", {}, rows)), kind === "people" ? "People" : "Organisations") : empty("Nobody matches."),
      pager(page, (offset) => { window.location.hash = go({ ...params, offset }); }),
    ];
  });
}

export async function personView(root, r, kind = "people") {
  const all = r.params.include_hidden === "true";
  const p = await api(`${kind}/${encodeURIComponent(r.args[0])}`, all ? { include_hidden: "true" } : {});
  const byRole = [];
  for (const a of p.appearances) {
    const role = [a.role, a.affiliation, a.titles].filter(Boolean).join(" · ") || "—";
    const last = byRole[byRole.length - 1];
    if (last && last.role === role) { last.to = a.published; last.n += 1; } else byRole.push({ role, from: a.published, to: a.published, n: 1, article: a.article_id });
  }
  const filterKey = kind === "people" ? "person_id" : "org_id";
  append(root,
    h("h1", {}, p.name),
    h("p", { class: "muted" }, kind === "people" ? "Person" : "Organisation",
      p.aliases.some((a) => a !== p.name) ? " · also written " + p.aliases.filter((a) => a !== p.name).join(", ") : ""),
    h("section", {}, h("h2", {}, "Roles over time"),
      byRole.length ? h("table", { class: "grid roles" },
        h("thead", {}, h("tr", {}, h("th", {}, "From"), h("th", {}, "To"), h("th", {}, "Role, affiliation, title"), h("th", {}, "Articles"))),
        h("tbody", {}, byRole.map((x) => h("tr", {}, h("td", {}, fmtDate(x.from)), h("td", {}, fmtDate(x.to)),
          h("td", {}, h("a", { href: hashFor("article", [x.article]) }, x.role)), h("td", { class: "num" }, x.n))))) : empty("No appearance.")),
    h("section", {}, h("h2", {}, `Quotes over time (${p.quotes.length})`), quotesPerDay(p.quotes),
      h("p", {}, hiddenQuotesToggle(r.params, (q) => hashFor(kind, [p.id], q)), " · ",
        h("a", { href: hashFor("quotes", [], { [filterKey]: p.id, include_hidden: all ? "true" : null }) }, "open in the quote browser"),
        kind === "people" ? [" · ", h("a", { class: "person-claims", href: hashFor("timeline", [], { person: p.name }) },
          "claims in articles naming " + p.name + ", and who disagrees →")] : null),
      h("div", { class: "quote-list" }, p.quotes.length ? p.quotes.map(quoteCard) : empty("No quote."))));
}

/** A strip of bars: quotes per publication day, one bar per day from the first to the last. */
function quotesPerDay(quotes) {
  const days = new Map();
  for (const q of quotes) {
    const d = (q.published || "").slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) days.set(d, (days.get(d) || 0) + 1);
  }
  if (!days.size) return null;
  const DAY = 86400000, keys = [...days.keys()].sort();
  const t0 = Date.parse(keys[0]), n = Math.round((Date.parse(keys[keys.length - 1]) - t0) / DAY) + 1;
  const W = 900, H = 60, bw = Math.min(40, (W - 20) / n), max = Math.max(...days.values());
  const svg = s("svg", { class: "chart per-day", viewBox: `0 0 ${W} ${H + 20}`, role: "img", "aria-label": "Quotes per day" });
  for (const [d, c] of days) {
    const i = Math.round((Date.parse(d) - t0) / DAY), bh = (c / max) * H;
    const x = 10 + (n > 1 ? i * ((W - 20 - bw) / (n - 1)) : (W - 20 - bw) / 2);
    svg.appendChild(s("rect", { x, y: H - bh, width: Math.max(2, bw - 2), height: bh, class: "bar" },
      s("title", {}, `${d}: ${c} quote${c === 1 ? "" : "s"}`)));
  }
  svg.appendChild(s("text", { x: 10, y: H + 16 }, keys[0]));
  if (keys.length > 1) svg.appendChild(s("text", { x: W - 10, y: H + 16, "text-anchor": "end" }, keys[keys.length - 1]));
  return svg;
}

function peopleTabs(kind) {
  return h("p", { class: "tabs" },
    h("a", { href: hashFor("people"), class: kind === "people" ? "active" : "" }, "People"), " · ",
    h("a", { href: hashFor("people", [], { kind: "organisations" }), class: kind === "organisations" ? "active" : "" }, "Organisations"), " · ",
    h("a", { href: hashFor("people", [], { kind: "experts" }), class: kind === "experts" ? "active" : "" }, "Expert directory"));
}

/** Source types as the quotes layer labels them (models.SourceType). */
const SOURCE_TYPES = ["expert", "government", "military", "intelligence", "media", "anonymous", "other"];
const EXPERTS_PAGE = 50;

/** The quote browser holding a directory row's quotes (the same dates and outlet filters). */
function speakerQuotes(x, query) {
  const who = x.id && x.label === "PERSON" ? { person_id: x.id } : x.id && x.label === "ORG" ? { org_id: x.id } : { person: x.name };
  const keep = Object.fromEntries(["since", "until", "source", "outlet", "outlet_country", "language", "include_hidden"].filter((k) => query[k]).map((k) => [k, query[k]]));
  return hashFor("quotes", [], { ...keep, ...who });
}

/** Who is quoted, under which affiliations and roles, how often, and about which places:
 * filtered by source type, role and affiliation, paged, exportable. */
async function expertsView(root, params) {
  const go = (p) => hashFor("people", [], { ...p, kind: "experts" });
  const form = filterForm([["q", "Name"], ["source_type", "Source type", "select", SOURCE_TYPES.map((x) => [x, x])],
    ["role", "Role"], ["affiliation", "Affiliation"], ["since", "From", "date"], ["until", "To", "date"]], params,
  (v) => { window.location.hash = go({ ...v, include_hidden: params.include_hidden }); });
  const query = { ...withoutPaging(params), name: params.q, q: null, kind: null };
  append(root, h("h1", {}, "Expert directory"), peopleTabs("experts"));
  await withForm(root, form, async () => {
    const page = await api("experts", { ...query, limit: params.limit || EXPERTS_PAGE, offset: params.offset });
    const rows = page.items.map((x) => h("tr", { "data-id": x.id || "" },
      h("td", { class: "name" }, x.id && (x.label === "PERSON" || x.label === "ORG")
        ? h("a", { href: hashFor(x.label === "ORG" ? "organisations" : "people", [x.id]) }, x.name) : x.name),
      h("td", {}, x.affiliations.join("; ")), h("td", {}, x.roles.join("; ")), h("td", { class: "source-types" }, x.source_types.join(", ")),
      h("td", { class: "num quotes" }, h("a", { href: speakerQuotes(x, query), title: "This speaker's quotes, each with its evidence" }, String(x.quotes))),
      h("td", { class: "num quoted" }, x.articles),
      h("td", {}, x.topics.slice(0, 5).join(", ")), h("td", {}, `${fmtDate(x.first_quoted)} – ${fmtDate(x.last_quoted)}`)));
    return [
      h("p", { class: "list-head" }, h("span", { class: "total" }, `${page.total} speaker${page.total === 1 ? "" : "s"}`), " ",
        exportLink("experts", query, "this directory"), " · ", hiddenQuotesToggle(params, go)),
      rows.length ? scrollBox(h("table", { class: "grid experts" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Affiliations"),
          h("th", { scope: "col" }, "Roles"), h("th", { scope: "col" }, "Source type"), th("quotes"), th("quoted"),
          h("th", { scope: "col" }, "About"), h("th", { scope: "col" }, "Quoted"))),
        h("tbody", {}, rows)), "Expert directory") : empty("Nobody matches."),
      pager(page, (offset) => { window.location.hash = go({ ...params, offset }); }),
    ];
  });
}
