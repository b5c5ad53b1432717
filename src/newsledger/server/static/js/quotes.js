// Quote browser: who said what, in which role; filter by person, organisation, place, date,
// outlet, outlet country and language (facets), and export what is shown as CSV.
import { api, hashFor } from "./api.js";
import { h, append } from "./dom.js";
import { quoteCard, pager, filterForm, empty, withForm, facetBox, exportLink, activeFilters, withoutPaging, hiddenQuotesToggle } from "./widgets.js";

const FACET_KEYS = ["outlet", "outlet_country", "language"];

export async function quotesView(root, r) {
  const params = { ...r.params };
  const go = (p) => hashFor("quotes", [], p);
  const [people, orgs, places] = await Promise.all([api("people", { limit: 200 }),
    api("organisations", { limit: 200 }), api("places", { limit: 200 })]);
  const names = (p) => p.items.map((x) => x.name);
  const form = filterForm([["person", "Person"], ["org", "Organisation"], ["place", "Place"], ["q", "Words"],
    ["source", "Source"], ["since", "From", "date"], ["until", "To", "date"]], params,
    (v) => { window.location.hash = go({ ...v, include_hidden: params.include_hidden, ...Object.fromEntries(FACET_KEYS.map((k) => [k, params[k]])) }); },
    { person: names(people), org: names(orgs), place: names(places) });
  const ids = ["person_id", "org_id", "place_id"].filter((k) => params[k]);
  append(root, h("h1", {}, "Quotes"));
  await withForm(root, form, async () => {
    const [page, facets] = await Promise.all([api("quotes", params), api("facets/quotes", withoutPaging(params))]);
    return [
      ids.length ? h("p", { class: "muted" }, "Filtered by ", ids.map((k) => `${k.replace("_id", "")} #${params[k]}`).join(", "), " ",
        h("a", { href: "#/quotes" }, "clear")) : null,
      activeFilters(params, FACET_KEYS, go({ ...params, outlet: null, outlet_country: null, language: null, offset: null })),
      h("div", { class: "list-with-facets" },
        h("div", { class: "list-main" },
          h("p", { class: "list-head" }, h("span", { class: "total" }, `${page.total} quote${page.total === 1 ? "" : "s"}`), " ",
            exportLink("quotes", params, "these quotes"), " · ", hiddenQuotesToggle(params, go)),
          h("div", { class: "quote-list" }, page.items.length ? page.items.map(quoteCard) : empty("No quote matches these filters.")),
          pager(page, (offset) => { window.location.hash = go({ ...params, offset }); })),
        facetBox(facets, params, go)),
    ];
  });
}
