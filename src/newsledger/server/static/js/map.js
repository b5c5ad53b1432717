// Map view: places and events over a Natural Earth basemap (SVG, no tiles), markers sized by
// mentions, a date-range filter, and a side panel with a place's quotes, events and claims.
import { api, hashFor } from "./api.js";
import { h, s, append, clear, fmtDate, fmtNum } from "./dom.js";
import { project, fitBox } from "./geo.js";
import { quoteCard, empty } from "./widgets.js";

//: Marker radius in screen pixels: MIN + K * sqrt(mentions), capped, so area ~ mentions.
const R_MIN = 3, R_K = 1.6, R_MAX = 22;
//: Labels for the most mentioned places only, to keep the map legible.
const LABELS = 12;

let basemapPromise = null;
function basemap() {
  if (!basemapPromise) basemapPromise = api("basemap").catch(() => ({ countries: [], scale: 20, bounds: [-3600, -3600, 3600, 3600] }));
  return basemapPromise;
}

function graticule(scale) {
  const g = s("g", { class: "graticule" });
  for (let lon = -180; lon <= 180; lon += 10) {
    const [x] = project(lon, 0, scale);
    const [, ya] = project(0, 84, scale), [, yb] = project(0, -84, scale);
    g.appendChild(s("line", { x1: x, x2: x, y1: ya, y2: yb }));
  }
  for (let lat = -80; lat <= 80; lat += 10) {
    const [, y] = project(0, lat, scale);
    g.appendChild(s("line", { x1: -180 * scale, x2: 180 * scale, y1: y, y2: y }));
  }
  return g;
}

export async function mapView(root, r) {
  // Events shown by default only (an occurrence at 0.8 estimated precision or more);
  // "all_events=1" in the address shows the hidden ones too.
  const params = { since: r.params.since || "", until: r.params.until || "", all_events: r.params.all_events === "1" ? "1" : "" };
  const include_hidden = params.all_events ? "true" : "";
  const [bm, gj] = await Promise.all([basemap(), api("geojson", { since: params.since, until: params.until, include_hidden })]);
  const scale = bm.scale || 20;
  const places = gj.features.filter((f) => f.properties.kind === "place");
  const events = gj.features.filter((f) => f.properties.kind === "event");

  const svg = s("svg", { class: "map", id: "map-svg", role: "img", "aria-label": "Map of places and events", preserveAspectRatio: "xMidYMid meet" });
  const countries = s("g", { class: "countries" },
    bm.countries.map((c) => s("path", { d: c.d, class: "country", "data-iso": c.iso3 }, s("title", {}, c.name))));
  const markers = s("g", { class: "markers" });
  const labels = s("g", { class: "labels" });
  append(svg, s("rect", { class: "sea", x: -200 * scale, y: -200 * scale, width: 400 * scale, height: 400 * scale }), graticule(scale), countries, markers, labels);

  const projected = places.map((f) => ({ f, xy: project(f.geometry.coordinates[0], f.geometry.coordinates[1], scale) }));
  // Countries and first-order regions are drawn as rings at their centre and left out of the
  // first view, which fits the towns and cities.
  const isArea = (p) => /^(PCL|ADM1|CONT|RGN)/.test(p.f.properties.feature_code || "");
  const local = projected.filter((p) => !isArea(p));
  const fit = local.length ? local : projected;
  let box = fit.length ? fitBox(fit.map((p) => p.xy), 6 * scale, 0.6) : [-180 * scale, -85 * scale * 1.6, 360 * scale, 150 * scale * 1.6];
  const home = [...box];
  const panel = h("aside", { class: "map-panel", id: "panel" });
  function placeIndex() {
    // Before a place is chosen: every place, most mentioned first (markers can overlap).
    clear(panel);
    append(panel, h("p", { class: "muted" },
      places.length ? "Click a place on the map or in this list to see its quotes, events and claims." : "No located place in this date range."),
    h("ol", { class: "place-index" }, [...places].sort((a, b) => (b.properties.mentions || 0) - (a.properties.mentions || 0)).map((f) => {
      const a = h("a", { href: hashFor("map", [], { ...params, place: f.properties.id }), "data-place-id": f.properties.id }, f.properties.name);
      a.addEventListener("click", (ev) => { ev.preventDefault(); centreOn(f.properties.id); openPlace(f.properties.id); });
      return h("li", {}, a, h("span", { class: "muted" }, ` ${plural(f.properties.mentions, "mention")} · ${plural(f.properties.n_events || 0, "event")}`));
    })));
  }

  const circles = [];
  const sorted = [...projected].sort((a, b) => (b.f.properties.mentions || 0) - (a.f.properties.mentions || 0));
  for (const p of sorted) {
    const props = p.f.properties;
    const c = s("circle", { cx: p.xy[0], cy: p.xy[1], r: 1, class: "marker place" + (props.n_events ? " has-events" : "") + (isArea(p) ? " area" : ""),
      tabindex: 0, role: "button", "data-place-id": props.id, "aria-label": props.name },
    s("title", {}, `${props.name} — ${props.mentions} mentions in ${props.n_articles} articles, ${props.n_events || 0} events`));
    c.addEventListener("click", () => openPlace(props.id));
    c.addEventListener("keydown", (ev) => { if (ev.key === "Enter") openPlace(props.id); });
    circles.push({ el: c, mentions: props.mentions || 1 });
    markers.appendChild(c);
  }
  const eventDots = events.map((f) => {
    const [x, y] = project(f.geometry.coordinates[0], f.geometry.coordinates[1], scale);
    const props = f.properties;
    const d = s("rect", { class: "marker event" + (props.shown ? "" : " not-shown"), "data-event-id": props.id,
      "data-article-id": props.article_id, x, y, width: 1, height: 1 },
      s("title", {}, `${props.acled_sub_event_type || props.plover_type}: "${props.trigger || ""}" ${fmtDate(props.date || props.published)}` +
        `${dateBasisNote(props.date_basis)} · confidence ${fmtNum(props.confidence)}${props.shown ? "" : " (hidden by default)"}`));
    d.addEventListener("click", () => { window.location.hash = hashFor("article", [props.article_id], { event: props.id, all_events: params.all_events }); });
    markers.appendChild(d);
    return { el: d, x, y };
  });
  const labelEls = sorted.filter((p) => !isArea(p)).slice(0, LABELS).map((p) => {
    const t = s("text", { x: p.xy[0], y: p.xy[1], class: "label" }, p.f.properties.name);
    labels.appendChild(t);
    return { el: t, x: p.xy[0], y: p.xy[1], mentions: p.f.properties.mentions || 1 };
  });

  function redraw() {
    svg.setAttribute("viewBox", box.join(" "));
    const px = svg.clientWidth || 800;
    const unit = Math.max(box[2] / px, box[3] / (svg.clientHeight || 500));
    for (const c of circles) c.el.setAttribute("r", String(Math.min(R_MAX, R_MIN + R_K * Math.sqrt(c.mentions)) * unit));
    for (const d of eventDots) {
      const w = 6 * unit;
      d.el.setAttribute("x", String(d.x + 4 * unit)); d.el.setAttribute("y", String(d.y - 8 * unit));
      d.el.setAttribute("width", String(w)); d.el.setAttribute("height", String(w));
    }
    const taken = []; // label boxes already placed, in map units: most mentioned first wins
    for (const l of labelEls) {
      const rr = Math.min(R_MAX, R_MIN + R_K * Math.sqrt(l.mentions)) * unit;
      const lx = l.x + rr + 3 * unit, ly = l.y + 4 * unit;
      const bw = (l.el.textContent.length * 7 + 4) * unit, bh = 14 * unit;
      const clash = taken.some(([x, y, w, hh]) => lx < x + w && x < lx + bw && ly - bh < y && y - hh < ly);
      l.el.setAttribute("x", String(lx)); l.el.setAttribute("y", String(ly));
      l.el.setAttribute("font-size", String(12 * unit));
      l.el.classList.toggle("hidden", clash);
      if (!clash) taken.push([lx, ly, bw, bh]);
    }
  }

  function zoom(factor, cx, cy) {
    const [x, y, w, hh] = box;
    const nx = cx ?? x + w / 2, ny = cy ?? y + hh / 2;
    const nw = Math.min(400 * scale, Math.max(0.5 * scale, w * factor)), nh = hh * (nw / w);
    box = [nx - (nx - x) * (nw / w), ny - (ny - y) * (nh / hh), nw, nh];
    redraw();
  }
  function toMap(ev) {
    const rect = svg.getBoundingClientRect();
    const unit = Math.max(box[2] / rect.width, box[3] / rect.height);
    const ox = box[0] + box[2] / 2 - (rect.width / 2) * unit, oy = box[1] + box[3] / 2 - (rect.height / 2) * unit;
    return [ox + (ev.clientX - rect.left) * unit, oy + (ev.clientY - rect.top) * unit, unit];
  }
  svg.addEventListener("wheel", (ev) => { ev.preventDefault(); const [mx, my] = toMap(ev); zoom(ev.deltaY > 0 ? 1.25 : 0.8, mx, my); }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { if (ev.target.classList.contains("marker")) return; drag = { x: ev.clientX, y: ev.clientY, box: [...box] }; svg.setPointerCapture(ev.pointerId); });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const [, , unit] = toMap(ev);
    box = [drag.box[0] - (ev.clientX - drag.x) * unit, drag.box[1] - (ev.clientY - drag.y) * unit, drag.box[2], drag.box[3]];
    redraw();
  });
  svg.addEventListener("pointerup", () => { drag = null; });

  async function openPlace(id) {
    for (const c of markers.querySelectorAll(".selected")) c.classList.remove("selected");
    const m = markers.querySelector(`circle[data-place-id="${Number(id)}"]`);
    if (m) m.classList.add("selected");
    history.replaceState(null, "", hashFor("map", [], { ...params, place: id }));
    clear(panel).appendChild(h("p", { class: "muted" }, "Loading…"));
    try {
      const p = await api("places/" + Number(id), { since: params.since, until: params.until, include_hidden, limit: 50 });
      clear(panel);
      const back = h("a", { href: hashFor("map", [], params), class: "back" }, "← all places");
      back.addEventListener("click", (ev) => {
        ev.preventDefault();
        for (const c of markers.querySelectorAll(".selected")) c.classList.remove("selected");
        history.replaceState(null, "", hashFor("map", [], params));
        placeIndex();
      });
      panel.appendChild(back);
      renderPlace(panel, p, params);
    } catch (err) {
      clear(panel).appendChild(h("p", { class: "error" }, err.message));
    }
  }

  const form = h("form", { class: "filters map-filters" },
    h("label", { for: "map-since" }, "From", h("input", { type: "date", id: "map-since", name: "since", value: params.since })),
    h("label", { for: "map-until" }, "To", h("input", { type: "date", id: "map-until", name: "until", value: params.until })),
    h("label", { for: "map-all-events", title: "Also events below 0.8 estimated precision, not asserted as having happened, or generic" },
      h("input", { type: "checkbox", id: "map-all-events", name: "all_events", checked: params.all_events ? "checked" : null,
        on: { change: () => form.requestSubmit() } }), "All events"),
    h("button", { type: "submit" }, "Apply"),
    h("span", { class: "muted", id: "map-counts" }, ` ${places.length} places, ${events.length} located events` +
      (params.all_events ? " (all)" : " (shown by default)")),
    h("span", { class: "zoom" },
      h("button", { type: "button", title: "Zoom in", on: { click: () => zoom(0.6) } }, "+"),
      h("button", { type: "button", title: "Zoom out", on: { click: () => zoom(1.6) } }, "−"),
      h("button", { type: "button", title: "Back to the places", on: { click: () => { box = [...home]; redraw(); } } }, "⌂")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    window.location.hash = hashFor("map", [], { since: form.elements.since.value, until: form.elements.until.value,
      all_events: form.elements.all_events.checked ? "1" : "" });
  });

  append(root, form, h("div", { class: "map-wrap" }, h("div", { class: "map-box" }, svg), panel),
    h("p", { class: "attribution muted" }, "Boundaries: Natural Earth (public domain). Marker area ∝ mentions; red: places with events; squares: events."));
  requestAnimationFrame(redraw);
  window.addEventListener("resize", redraw, { once: true });
  placeIndex();
  /** Centre the map on a town, region-wide (countries and regions keep the current view). */
  function centreOn(id) {
    const p = projected.find((q) => String(q.f.properties.id) === String(id));
    if (p && !isArea(p)) box = [p.xy[0] - 7 * scale, p.xy[1] - 4.5 * scale, 14 * scale, 9 * scale];
    redraw();
  }
  if (r.params.place) { // opened on a place: a link from an article, or a bookmark
    centreOn(r.params.place);
    openPlace(r.params.place);
  }
}

/** What the desk says of an event's date: " (date from publication)" when it fell back. */
export function dateBasisNote(basis) {
  return basis === "published" ? " (date from publication)" : basis === "none" ? " (no date)" : "";
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function renderPlace(panel, p, params) {
  const where = [p.admin1, p.country_code].filter(Boolean).join(", ");
  append(panel,
    h("h2", { class: "place-name" }, p.name),
    h("p", { class: "muted" }, where, p.geonameid ? ` · GeoNames ${p.geonameid}` : "", p.lat !== null ? ` · ${fmtNum(p.lat)}, ${fmtNum(p.lon)}` : ""),
    p.names.length > 1 ? h("p", { class: "muted" }, "Written: " + p.names.join(", ")) : null,
    h("p", {}, h("a", { href: hashFor("quotes", [], { place_id: p.id }) }, "all quotes"), " · ",
      h("a", { href: hashFor("timeline", [], { place: p.name }) }, "timeline"), " · ",
      h("a", { href: hashFor("articles", [], { place: p.name }) }, "articles")),
    h("section", { class: "panel-quotes" }, h("h3", {}, `Quotes (${p.quotes.length})`),
      p.quotes.length ? p.quotes.map(quoteCard) : empty("No quote names this place.")),
    h("section", { class: "panel-events" }, h("h3", {}, `Events (${p.n_events})`),
      p.events.length ? h("ul", {}, p.events.map((e) => h("li", {},
        h("a", { href: hashFor("article", [e.article_id], { event: e.id }) }, e.plover_type), " ",
        h("span", {}, `"${e.trigger || ""}"`), h("span", { class: "muted" },
          ` ${fmtDate(e.date || e.published)}${dateBasisNote(e.date_basis)} · ${e.publisher || ""}${e.shown ? "" : " · hidden by default"}`)))) : empty("No event here.")),
    h("section", { class: "panel-claims" }, h("h3", {}, `Claims (${p.n_claims})`),
      p.claims.length ? h("ul", {}, p.claims.map((c) => h("li", {},
        h("a", { href: hashFor("article", [c.article_id], { claim: c.id }) }, `${c.subject || ""} ${c.relation} ${c.object || ""}`),
        ` = ${c.value_text || fmtNum(c.value)}`, h("span", { class: "muted" }, ` ${fmtDate(c.date || c.published)} · ${c.source || ""}${c.cited ? ", citing " + c.cited : ""}`)))) : empty("No claim.")),
    h("section", { class: "panel-articles" }, h("h3", {}, `Articles (${p.articles.length})`),
      h("ul", {}, p.articles.map((a) => h("li", {}, h("a", { href: hashFor("article", [a.id], { place: "" }) }, a.title || a.id),
        h("span", { class: "muted" }, ` ${a.publisher || ""} · ${fmtDate(a.published)}`))))));
}
