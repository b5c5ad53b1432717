// The desk's entry point: a hash router over the views.
import { api, parseHash, hashFor } from "./api.js";
import { h, clear } from "./dom.js";
import { mapView } from "./map.js";
import { timelineView } from "./timeline.js";
import { quotesView } from "./quotes.js";
import { articleView, articlesView } from "./article.js";
import { peopleView, personView } from "./people.js";
import { searchView } from "./search.js";
import { apiDocsView } from "./apidocs.js";

const VIEWS = {
  map: mapView,
  timeline: timelineView,
  quotes: quotesView,
  article: articleView,
  articles: articlesView,
  people: (root, r) => (r.args.length ? personView(root, r) : peopleView(root, r)),
  organisations: (root, r) => personView(root, r, "organisations"),
  search: searchView,
  api: apiDocsView,
};

let generation = 0;

async function route() {
  const root = document.getElementById("view");
  const mine = ++generation;
  let r;
  try {
    r = parseHash(window.location.hash);
  } catch (err) { // a malformed address: say so, in place of whatever view was shown
    root.dataset.view = "error";
    delete root.dataset.ready;
    clear(root).appendChild(h("p", { class: "error" }, err.message));
    return;
  }
  const view = VIEWS[r.view] || mapView;
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.dataset.view === r.view || (r.view === "organisations" && a.dataset.view === "people"));
  }
  clear(root);
  delete root.dataset.ready; // set again when the new view is drawn
  root.dataset.view = r.view;
  root.appendChild(h("p", { class: "muted" }, "Loading…"));
  try {
    const node = h("div", { class: "view view-" + r.view });
    await view(node, r);
    if (mine !== generation) return; // a newer navigation won
    clear(root).appendChild(node);
    root.dataset.ready = r.view;
    window.dispatchEvent(new CustomEvent("nl:view-ready", { detail: r.view }));
  } catch (err) {
    if (mine !== generation) return;
    clear(root).appendChild(h("p", { class: "error" }, "Could not load this view: " + err.message));
  }
}

async function showStats() {
  try {
    const st = await api("stats");
    const el = document.getElementById("stats");
    // places and events as every view counts them: those shown by default (the others only
    // with "All events and places")
    el.textContent = `${st.articles} articles · ${st.quotes} quotes · ${st.places_shown} places · ${st.events_shown} events`;
    el.title = `published ${st.first_published || "?"} to ${st.last_published || "?"}; ` +
      `${st.events_shown} events shown by default, ${st.events} with those below the shown threshold; ` +
      `${st.places_shown} places shown by default, ${st.places} with those below it`;
  } catch (_) { /* the views show errors */ }
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("search-q").value.trim();
  if (q) window.location.hash = hashFor("search", [], { q });
});

window.addEventListener("hashchange", route);
showStats();
route();
