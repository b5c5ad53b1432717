// Search results: articles and quotes containing the words.
import { api, hashFor } from "./api.js";
import { h, append, fmtDate } from "./dom.js";
import { quoteCard, empty } from "./widgets.js";

export async function searchView(root, r) {
  const q = r.params.q || "";
  if (!q) { append(root, empty("Type words in the search box.")); return; }
  const res = await api("search", { q, limit: 50 });
  append(root, h("h1", {}, "Search: ", q),
    h("section", {}, h("h2", {}, `Articles (${res.articles.total})`),
      res.articles.items.length ? h("ul", { class: "article-list" }, res.articles.items.map((a) => h("li", {},
        h("a", { href: hashFor("article", [a.id]) }, a.title || a.id),
        h("span", { class: "muted" }, ` ${a.publisher || ""} · ${fmtDate(a.published)}`)))) : empty("No article.")),
    h("section", {}, h("h2", {}, `Quotes (${res.quotes.total})`),
      h("div", { class: "quote-list" }, res.quotes.items.length ? res.quotes.items.map(quoteCard) : empty("No quote."))));
}
