// Quote browser: who said what, in which role; filter by person, organisation, place, date.
import { api, hashFor } from "./api.js";
import { h, append } from "./dom.js";
import { quoteCard, pager, filterForm, empty } from "./widgets.js";

export async function quotesView(root, r) {
  const params = { ...r.params };
  const [page, people, orgs, places] = await Promise.all([api("quotes", params),
    api("people", { limit: 200 }), api("organisations", { limit: 200 }), api("places", { limit: 200 })]);
  const names = (p) => p.items.map((x) => x.name);
  const form = filterForm([["person", "Person"], ["org", "Organisation"], ["place", "Place"], ["q", "Words"],
    ["source", "Source"], ["since", "From", "date"], ["until", "To", "date"]], params,
    (v) => { window.location.hash = hashFor("quotes", [], v); },
    { person: names(people), org: names(orgs), place: names(places) });
  const active = ["person_id", "org_id", "place_id"].filter((k) => params[k]);
  append(root, h("h1", {}, "Quotes"), form,
    active.length ? h("p", { class: "muted" }, "Filtered by ", active.map((k) => `${k.replace("_id", "")} #${params[k]}`).join(", "), " ",
      h("a", { href: "#/quotes" }, "clear")) : null,
    h("div", { class: "quote-list" }, page.items.length ? page.items.map(quoteCard) : empty("No quote matches these filters.")),
    pager(page, (offset) => { window.location.hash = hashFor("quotes", [], { ...params, offset }); }));
}
