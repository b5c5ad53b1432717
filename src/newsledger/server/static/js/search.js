// Search results: the best matches, then every matching article and quote, counted by the
// same matcher (word forms and the ledger's spellings of names), with facets and CSV export.
import { api, hashFor } from "./api.js";
import { h, append, fmtDate } from "./dom.js";
import { quoteCard, empty, pager, filterForm, withForm, facetBox, exportLink, activeFilters, hiddenQuotesToggle } from "./widgets.js";
import { articleItem } from "./article.js";

const FACET_KEYS = ["outlet", "outlet_country", "language"];

export async function searchView(root, r) {
  const params = { ...r.params };
  const q = params.q || "";
  const input = document.getElementById("search-q");
  if (input && q && input.value !== q) input.value = q;
  if (!q) { append(root, empty("Type words in the search box.")); return; }
  const go = (p) => hashFor("search", [], p);
  const form = filterForm([["q", "Words"], ["since", "From", "date"], ["until", "To", "date"]], params,
    (v) => { window.location.hash = go({ ...v, include_hidden: params.include_hidden, ...Object.fromEntries(FACET_KEYS.map((k) => [k, params[k]])) }); });
  append(root, h("h1", {}, "Search: ", q));
  await withForm(root, form, async () => {
    const res = await api("search", { ...params, limit: params.limit || 20 });
    const best = (res.hits || []).map((x) => h("li", { class: "hit", "data-kind": x.kind },
      h("a", { href: hashFor("article", [x.article_id], x.record_id ? { quote: x.record_id } : {}) }, x.title || x.article_id),
      h("span", { class: "muted" }, ` ${x.kind}${x.speaker ? " by " + x.speaker : ""}${x.publisher ? " · " + x.publisher : ""} · ${fmtDate(x.published)}`),
      h("div", { class: "snippet" }, marked(x.snippet || ""))));
    const variants = Object.entries(res.variants || {});
    const nArt = res.articles.total, nQuo = res.quotes.total;
    const page = () => (offset) => { window.location.hash = go({ ...params, offset }); };
    return [
      h("p", { class: "search-summary" },
        h("span", { class: "total" }, `${nArt} article${nArt === 1 ? "" : "s"} and ${nQuo} quote${nQuo === 1 ? "" : "s"} match`),
        " (any form of each word", variants.length ? "" : ")",
        variants.length ? h("span", { class: "variants" }, "; names also in the spellings ",
          variants.map(([w, vs]) => `${w}: ${vs.join(", ")}`).join("; "), ")") : null,
        " ", exportLink("search", params, "every matching article and quote")),
      activeFilters(params, FACET_KEYS, go({ ...params, outlet: null, outlet_country: null, language: null, offset: null })),
      h("div", { class: "list-with-facets" },
        h("div", { class: "list-main" },
          Number(params.offset || 0) > 0 ? null : best.length ? h("section", { class: "best" }, h("h2", {}, `Best matches (top ${best.length} of ${nArt + nQuo})`),
            h("ul", { class: "hits" }, best)) : empty("Nothing matches."),
          h("section", { class: "articles-section" }, h("h2", {}, `Articles (${nArt})`),
            res.articles.items.length ? h("ul", { class: "article-list" }, res.articles.items.map((a) => articleItem(a))) : empty("No article."),
            nArt > res.articles.limit ? pager(res.articles, page()) : null),
          h("section", { class: "quotes-section" }, h("h2", {}, `Quotes (${nQuo})`), h("p", {}, hiddenQuotesToggle(params, go)),
            h("div", { class: "quote-list" }, res.quotes.items.length ? res.quotes.items.map(quoteCard) : empty("No quote.")),
            nQuo > res.quotes.limit ? pager(res.quotes, page()) : null)),
        facetBox(res.facets, params, go)),
    ];
  });
}

/** The snippet as text nodes, with the words between « and » in <mark> elements. */
function marked(snippet) {
  return snippet.split(/(«[^»]*»)/).map((part) =>
    part.startsWith("«") && part.endsWith("»") ? h("mark", {}, part.slice(1, -1)) : part);
}
