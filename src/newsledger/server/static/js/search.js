// Search results: articles and quotes containing the words.
import { api, hashFor } from "./api.js";
import { h, append, fmtDate } from "./dom.js";
import { quoteCard, empty } from "./widgets.js";

export async function searchView(root, r) {
  const q = r.params.q || "";
  if (!q) { append(root, empty("Type words in the search box.")); return; }
  const res = await api("search", { q, limit: 50 });
  const best = (res.hits || []).map((x) => h("li", { class: "hit" },
    h("a", { href: hashFor("article", [x.article_id], x.record_id ? { quote: x.record_id } : {}) }, x.title || x.article_id),
    h("span", { class: "muted" }, ` ${x.kind}${x.speaker ? " by " + x.speaker : ""} · ${x.publisher || ""} · ${fmtDate(x.published)}`),
    h("div", { class: "snippet" }, marked(x.snippet || ""))));
  append(root, h("h1", {}, "Search: ", q),
    best.length ? h("section", {}, h("h2", {}, "Best matches"), h("ul", { class: "hits" }, best)) : null,
    h("section", {}, h("h2", {}, `Articles (${res.articles.total})`),
      res.articles.items.length ? h("ul", { class: "article-list" }, res.articles.items.map((a) => h("li", {},
        h("a", { href: hashFor("article", [a.id]) }, a.title || a.id),
        h("span", { class: "muted" }, ` ${a.publisher || ""} · ${fmtDate(a.published)}`)))) : empty("No article.")),
    h("section", {}, h("h2", {}, `Quotes (${res.quotes.total})`),
      h("div", { class: "quote-list" }, res.quotes.items.length ? res.quotes.items.map(quoteCard) : empty("No quote."))));
}

/** The snippet as text nodes, with the words between « and » in <mark> elements. */
function marked(snippet) {
  return snippet.split(/(«[^»]*»)/).map((part) =>
    part.startsWith("«") && part.endsWith("»") ? h("mark", {}, part.slice(1, -1)) : part);
}
