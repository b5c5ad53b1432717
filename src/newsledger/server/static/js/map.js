// Map view: places and events over a Natural Earth basemap (SVG, no tiles), markers sized by
// mentions, filters by date, event type and sub-type, actor and confidence, and a side panel
// with a place's quotes, events (those the map's filters keep, by type and week) and claims. The first view fits where the
// mentions are densest (filtered by an event's fields: every place left); markers that would overlap are grouped under the biggest (a click on
// a group zooms into it), so a click always lands on the marker under the pointer.
import { api, hashFor } from "./api.js";
import { h, s, append, clear, fmtDate, fmtNum } from "./dom.js";
import { project, fitBox, densest, groupOverlapping } from "./geo.js";
import { quoteCard, empty } from "./widgets.js";
import { showFormError } from "./formerror.js";

//: Marker radius in screen pixels: MIN + K * sqrt(mentions), capped, so area ~ mentions.
const R_MIN = 3, R_K = 1.6, R_MAX = 22;
//: The first view fits the places within this many degrees (about 400 km) of the place whose
//: neighbourhood holds the most mentions: one front or region, not the whole world (on the
//: 216-article war ledger the world view put 68 markers within 25 px of Kyiv).
const DENSE_RADIUS_DEG = 4;
//: Two markers closer than their radii plus this many pixels join one group.
const GROUP_GAP_PX = 2;
//: Most labels drawn at once (labels never overlap each other: the most mentioned win).
const MAX_LABELS = 150;
//: Narrowest view, in degrees of longitude (as far as the zoom buttons go).
const MIN_SPAN_DEG = 0.5;

//: Most events a place's panel lists (the API's largest page); its counts cover them all.
const PANEL_EVENTS = 200;

//: The map's filters: in the address, in the form and in the API.
const FILTERS = ["since", "until", "event_type", "sub_event_type", "actor", "min_confidence"];
const FIELD_LABELS = { since: "From", until: "To", event_type: "Event type", sub_event_type: "Sub-type",
  actor: "Actor", min_confidence: "Lowest confidence", include_hidden: "All events and places" };

/** The API's parameters for the map's filters in the address. */
export function mapQuery(params) {
  const out = {};
  for (const k of FILTERS) if (params[k]) out[k] = params[k];
  if (params.all_events) out.include_hidden = "true";
  return out;
}

function apiUrl(path, query) {
  const q = new URLSearchParams(query).toString();
  return "/api/" + path + (q ? "?" + q : "");
}

function radius(mentions) {
  return Math.min(R_MAX, R_MIN + R_K * Math.sqrt(mentions || 1));
}

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
  // Events shown by default only (an occurrence at 0.8 estimated precision or more), and places
  // resolved at 0.9 confidence or more in some article; "all_events=1" in the address shows the
  // hidden ones too. An event whose place is hidden keeps it: its square is drawn there.
  const params = { all_events: r.params.all_events === "1" ? "1" : "" };
  for (const k of FILTERS) params[k] = r.params[k] || "";
  const query = mapQuery(params);
  const eventFiltered = ["event_type", "sub_event_type", "actor", "min_confidence"].some((k) => params[k]);
  const [bm, gjResult, types] = await Promise.all([basemap(),
    api("geojson", query).then((v) => ({ ok: v }), (err) => ({ err })),
    api("acled-types", params.all_events ? { include_hidden: "true" } : {}).catch(() => [])]);
  const gj = gjResult.ok || { features: [] };
  const scale = bm.scale || 20;
  const places = gj.features.filter((f) => f.properties.kind === "place");
  const events = gj.features.filter((f) => f.properties.kind === "event");

  const svg = s("svg", { class: "map", id: "map-svg", role: "img", "aria-label": "Map of places and events", preserveAspectRatio: "xMidYMid meet" });
  const countries = s("g", { class: "countries" },
    bm.countries.map((c) => s("path", { d: c.d, class: "country", "data-iso": c.iso3 }, s("title", {}, c.name))));
  const areaLayer = s("g", { class: "markers areas" });
  const eventLayer = s("g", { class: "markers events" });
  const markers = s("g", { class: "markers" });
  const labels = s("g", { class: "labels" });
  append(svg, s("rect", { class: "sea", x: -200 * scale, y: -200 * scale, width: 400 * scale, height: 400 * scale }), graticule(scale),
    countries, areaLayer, eventLayer, markers, labels);

  // Countries and first-order regions are drawn as rings at their centre, below the towns,
  // and left out of the first view and of the groups.
  const isArea = (f) => /^(PCL|ADM1|CONT|RGN)/.test(f.properties.feature_code || "");
  const projected = places.map((f) => ({ f, id: f.properties.id, mentions: f.properties.mentions || 1,
    area: isArea(f), xy: project(f.geometry.coordinates[0], f.geometry.coordinates[1], scale) }))
    .sort((a, b) => b.mentions - a.mentions);
  const local = projected.filter((p) => !p.area);
  const fit = local.length ? local : projected;
  // Filtered by an event's fields, the places left are the answer: the first view holds them
  // all. Otherwise it fits where the mentions are densest.
  const dense = eventFiltered ? fit.map((p) => p.xy) : densest(fit.map((p) => p.xy), fit.map((p) => p.mentions), DENSE_RADIUS_DEG * scale);
  const world = [-180 * scale, -85 * scale * 1.6, 360 * scale, 150 * scale * 1.6];
  let box = dense.length ? fitBox(dense, 6 * scale, 0.6) : world;
  const home = [...box];
  const everywhere = fit.length ? fitBox(fit.map((p) => p.xy), 6 * scale, 0.3) : world;
  const panel = h("aside", { class: "map-panel", id: "panel" });
  const byId = new Map(projected.map((p) => [String(p.id), p]));

  function placeIndex() {
    // Before a place is chosen: every place, most mentioned first (with an event filter: the
    // places with the most such events first), each opening its panel.
    clear(panel);
    const order = [...places].sort((a, b) => (eventFiltered ? (b.properties.n_events || 0) - (a.properties.n_events || 0) : 0) ||
      (b.properties.mentions || 0) - (a.properties.mentions || 0));
    append(panel, h("p", { class: "muted" },
      places.length ? (eventFiltered ? "Places with such events, most events first. " : "") + "Click a place on the map or in this list to see its quotes, events and claims."
        : "No located place matches these filters."),
    h("ol", { class: "place-index" }, order.map((f) => {
      const a = h("a", { href: hashFor("map", [], { ...params, place: f.properties.id }), "data-place-id": f.properties.id }, f.properties.name);
      a.addEventListener("click", (ev) => { ev.preventDefault(); centreOn(f.properties.id); openPlace(f.properties.id); });
      const counts = `${plural(f.properties.n_events || 0, "event")} · ${plural(f.properties.mentions, "mention")}`;
      return h("li", { "data-place-id": f.properties.id }, a, h("span", { class: "muted" }, " " + counts));
    })));
  }

  for (const p of projected) {
    const props = p.f.properties;
    p.el = s("circle", { cx: p.xy[0], cy: p.xy[1], r: 1, class: "marker place" + (props.n_events ? " has-events" : "") + (p.area ? " area" : ""),
      tabindex: 0, role: "button", "data-place-id": props.id, "aria-label": props.name },
    s("title", {}, `${props.name} — ${props.mentions} mentions in ${props.n_articles} articles, ${props.n_events || 0} events`));
    p.el.addEventListener("click", () => activate(p));
    p.el.addEventListener("keydown", (ev) => { if (ev.key === "Enter") activate(p); });
    (p.area ? areaLayer : markers).appendChild(p.el);
    if (!p.area) {
      p.count = s("text", { class: "group-count", "text-anchor": "middle" });
      labels.appendChild(p.count);
      p.label = s("text", { class: "label" }, props.name);
      labels.appendChild(p.label);
    }
  }
  // Events: small squares beside their place. They take no clicks (a click there is meant
  // for the place; its panel lists the events with their evidence).
  const eventDots = events.map((f) => {
    const props = f.properties;
    const [x, y] = project(f.geometry.coordinates[0], f.geometry.coordinates[1], scale);
    const d = s("rect", { class: "marker event" + (props.shown ? "" : " not-shown"), "data-event-id": props.id,
      "data-article-id": props.article_id, "data-place-id": props.canonical_place_id, x, y, width: 1, height: 1 });
    d.setAttribute("pointer-events", "none");
    eventLayer.appendChild(d);
    return { el: d, x, y, place: byId.get(String(props.canonical_place_id)) };
  });

  function redraw() {
    svg.setAttribute("viewBox", box.join(" "));
    const px = svg.clientWidth || 800;
    const unit = Math.max(box[2] / px, box[3] / (svg.clientHeight || 500));
    for (const p of projected) { p.r = radius(p.mentions); p.el.setAttribute("r", String(p.r * unit)); }
    const head = groupOverlapping(local.map((p) => ({ x: p.xy[0] / unit, y: p.xy[1] / unit, r: p.r })), GROUP_GAP_PX);
    local.forEach((p, i) => { p.head = local[head[i]]; p.group = []; });
    for (const p of local) p.head.group.push(p);
    const taken = []; // label boxes already placed, in map units: most mentioned first wins
    let nLabels = 0;
    for (const p of local) {
      const hidden = p.head !== p;
      p.el.setAttribute("display", hidden ? "none" : "inline");
      p.el.classList.toggle("group", !hidden && p.group.length > 1);
      if (!hidden && p.group.length > 1) p.el.setAttribute("data-group", String(p.group.length));
      else p.el.removeAttribute("data-group");
      p.count.textContent = !hidden && p.group.length > 1 ? String(p.group.length) : "";
      p.count.setAttribute("x", String(p.xy[0])); p.count.setAttribute("y", String(p.xy[1] + 4 * unit));
      p.count.setAttribute("font-size", String(11 * unit));
      const name = p.f.properties.name + (!hidden && p.group.length > 1 ? ` +${p.group.length - 1}` : "");
      p.label.textContent = name;
      const lx = p.xy[0] + p.r * unit + 3 * unit, ly = p.xy[1] + 4 * unit;
      const bw = (name.length * 7 + 4) * unit, bh = 14 * unit;
      const clash = hidden || nLabels >= MAX_LABELS || taken.some(([x, y, w, hh]) => lx < x + w && x < lx + bw && ly - bh < y && y - hh < ly);
      p.label.setAttribute("x", String(lx)); p.label.setAttribute("y", String(ly));
      p.label.setAttribute("font-size", String(12 * unit));
      p.label.classList.toggle("hidden", clash);
      if (!clash) { taken.push([lx, ly, bw, bh]); nLabels++; }
    }
    for (const d of eventDots) {
      const at = d.place && d.place.head ? d.place.head : d.place;
      const hidden = d.place && d.place.head && d.place.head !== d.place;
      d.el.setAttribute("display", hidden ? "none" : "inline");
      const [x, y] = at ? at.xy : [d.x, d.y];
      const rr = at ? at.r : R_MIN;
      const w = 6 * unit;
      d.el.setAttribute("x", String(x + (rr * 0.7) * unit)); d.el.setAttribute("y", String(y - (rr * 0.7 + 6) * unit));
      d.el.setAttribute("width", String(w)); d.el.setAttribute("height", String(w));
    }
  }

  /** A click on a marker: a group zooms in until its places come apart; a place (or a group
   *  already at the closest zoom) opens its panel. */
  function activate(p) {
    const group = !p.area && p.head === p ? p.group : [p];
    if (group.length > 1 && box[2] > MIN_SPAN_DEG * scale * 1.01) {
      const b = fitBox(group.map((q) => q.xy), MIN_SPAN_DEG * scale, 1.2);
      box = b;
      redraw();
      return;
    }
    openPlace(p.id, group.length > 1 ? group.slice(1) : []);
  }

  function zoom(factor, cx, cy) {
    const [x, y, w, hh] = box;
    const nx = cx ?? x + w / 2, ny = cy ?? y + hh / 2;
    const nw = Math.min(400 * scale, Math.max(MIN_SPAN_DEG * scale, w * factor)), nh = hh * (nw / w);
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

  async function openPlace(id, nearby = []) {
    for (const c of svg.querySelectorAll(".selected")) c.classList.remove("selected");
    const m = svg.querySelector(`circle[data-place-id="${Number(id)}"]`);
    if (m) m.classList.add("selected");
    history.replaceState(null, "", hashFor("map", [], { ...params, place: id }));
    clear(panel).appendChild(h("p", { class: "muted" }, "Loading…"));
    try {
      // The place's quotes, claims and articles come from the articles in the date range; its
      // events are the map's own selection (every filter of the map, the same query as the
      // markers) at this place, listed and counted by type and week.
      const here = { ...query, place_id: Number(id) };
      const [p, ev, weeks] = await Promise.all([
        api("places/" + Number(id), { since: params.since, until: params.until, include_hidden: query.include_hidden, limit: 50 }),
        api("events", { ...here, limit: PANEL_EVENTS }),
        api("event-counts", { ...here, bucket: "week", by: "acled" })]);
      clear(panel);
      const back = h("a", { href: hashFor("map", [], params), class: "back" }, "← all places");
      back.addEventListener("click", (ev) => {
        ev.preventDefault();
        for (const c of svg.querySelectorAll(".selected")) c.classList.remove("selected");
        history.replaceState(null, "", hashFor("map", [], params));
        placeIndex();
      });
      panel.appendChild(back);
      if (nearby.length) {
        panel.appendChild(h("p", { class: "muted nearby" }, "At the same spot: ", nearby.map((q, i) => {
          const a = h("a", { href: hashFor("map", [], { ...params, place: q.id }), "data-place-id": q.id }, q.f.properties.name);
          a.addEventListener("click", (ev) => { ev.preventDefault(); openPlace(q.id, [byId.get(String(id)), ...nearby.filter((x) => x !== q)]); });
          return [i ? ", " : "", a];
        })));
      }
      renderPlace(panel, { ...p, events: ev.items, n_events: ev.total, event_weeks: weeks.items }, describeFilters(params));
    } catch (err) {
      clear(panel).appendChild(h("p", { class: "error" }, err.message));
    }
  }

  const typeSelect = h("select", { id: "map-event-type", name: "event_type" },
    h("option", { value: "" }, "any"),
    [...new Set(types.map((t) => t.type))].map((t) => {
      const n = types.filter((x) => x.type === t).reduce((a, x) => a + x.n, 0);
      return h("option", { value: t, selected: params.event_type === t ? "selected" : null }, `${t} (${n})`);
    }),
    params.event_type && !types.some((t) => t.type === params.event_type)
      ? h("option", { value: params.event_type, selected: "selected" }, params.event_type) : null);
  const subTypes = types.filter((t) => t.sub_type && (!params.event_type || t.type === params.event_type));
  const errorBox = h("div", { class: "form-error error", id: "map-error", role: "alert" });
  errorBox.hidden = true;
  const exportQuery = { ...query };
  const geoLink = h("a", { class: "export", id: "map-export-geojson", href: apiUrl("geojson", exportQuery),
    title: "The places and events on this map, as GeoJSON" }, "GeoJSON");
  geoLink.setAttribute("download", "newsledger-map.geojson");
  const acledLink = h("a", { class: "export", id: "map-export-acled", href: apiUrl("export/acled.csv", exportQuery),
    title: "The events on this map, as ACLED-shaped CSV" }, "ACLED CSV");
  acledLink.setAttribute("download", "newsledger-events-acled.csv");
  const form = h("form", { class: "filters map-filters", "aria-describedby": "map-error" },
    h("label", { for: "map-since" }, "From", h("input", { type: "date", id: "map-since", name: "since", value: params.since })),
    h("label", { for: "map-until" }, "To", h("input", { type: "date", id: "map-until", name: "until", value: params.until })),
    h("label", { for: "map-event-type" }, "Event type", typeSelect),
    h("label", { for: "map-sub-type" }, "Sub-type", h("input", { type: "text", id: "map-sub-type", name: "sub_event_type",
      value: params.sub_event_type, list: "map-sub-types", maxlength: 64, placeholder: "any" }),
    h("datalist", { id: "map-sub-types" }, subTypes.map((t) => h("option", { value: t.sub_type }, `${t.type} (${t.n})`)))),
    h("label", { for: "map-actor" }, "Actor", h("input", { type: "text", id: "map-actor", name: "actor", value: params.actor, maxlength: 200, placeholder: "any" })),
    h("label", { for: "map-confidence", title: "Events whose confidence is at least this (0 to 1)" }, "Lowest confidence",
      h("input", { type: "number", id: "map-confidence", name: "min_confidence", value: params.min_confidence, min: 0, max: 1, step: "any" })),
    h("label", { for: "map-all-events", title: "Also events below 0.8 estimated precision, not asserted as having happened, or generic" },
      h("input", { type: "checkbox", id: "map-all-events", name: "all_events", checked: params.all_events ? "checked" : null,
        on: { change: () => form.requestSubmit() } }), "All events and places"),
    h("button", { type: "submit" }, "Apply"),
    h("span", { class: "muted", id: "map-counts" }, ` ${places.length} places, ${events.length} located events` +
      (params.all_events ? " (all)" : " (shown by default)")),
    h("span", { class: "exports" }, "Export: ", geoLink, " · ", acledLink),
    h("span", { class: "zoom" },
      h("button", { type: "button", title: "Zoom in", on: { click: () => zoom(0.6) } }, "+"),
      h("button", { type: "button", title: "Zoom out", on: { click: () => zoom(1.6) } }, "−"),
      h("button", { type: "button", id: "map-home", title: "Back to where the mentions are densest", on: { click: () => { box = [...home]; redraw(); } } }, "⌂"),
      h("button", { type: "button", id: "map-fit-all", title: "Every place", on: { click: () => { box = [...everywhere]; redraw(); } } }, "◯")));
  // the typed number input reads a value the browser cannot parse as "": keep what was typed
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = { all_events: form.elements.all_events.checked ? "1" : "" };
    for (const k of FILTERS) next[k] = (form.elements[k].value || "").trim();
    window.location.hash = hashFor("map", [], next);
  });
  typeSelect.addEventListener("change", () => form.requestSubmit());

  append(root, form, errorBox, h("div", { class: "map-wrap" }, h("div", { class: "map-box" }, svg), panel),
    h("p", { class: "attribution muted" }, "Boundaries: Natural Earth (public domain). Marker area ∝ mentions; red: places with events; " +
      "squares: events; a number: nearby places grouped (click to zoom in)."));
  if (gjResult.err) showFormError(errorBox, form, gjResult.err, FIELD_LABELS);
  requestAnimationFrame(redraw);
  window.addEventListener("resize", redraw, { once: true });
  placeIndex();
  /** Centre the map on a town, region-wide (countries and regions keep the current view). */
  function centreOn(id) {
    const p = byId.get(String(id));
    if (p && !p.area) box = [p.xy[0] - 7 * scale, p.xy[1] - 4.5 * scale, 14 * scale, 9 * scale];
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

/** The map's event filters in words, for a place's panel ("Explosions/Remote violence, from 2024-08-01"). */
export function describeFilters(params) {
  const parts = [];
  if (params.event_type) parts.push(params.event_type);
  if (params.sub_event_type) parts.push(params.sub_event_type);
  if (params.actor) parts.push(`actor ${params.actor}`);
  if (params.min_confidence) parts.push(`confidence ≥ ${params.min_confidence}`);
  if (params.since) parts.push(`from ${params.since}`);
  if (params.until) parts.push(`to ${params.until}`);
  return parts.join(", ");
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A place's events counted by type (rows) and ISO week (columns), from every event there. */
export function eventWeeks(rows) {
  if (!rows.length) return empty("No dated event here.");
  const weeks = [...new Set(rows.map((r) => r.period))].sort();
  const types = [...new Set(rows.map((r) => r.type))];
  const total = (t) => rows.filter((r) => r.type === t).reduce((a, r) => a + r.n, 0);
  types.sort((a, b) => total(b) - total(a) || a.localeCompare(b));
  const cell = (t, w) => rows.filter((r) => r.type === t && r.period === w).reduce((a, r) => a + r.n, 0);
  return h("div", { class: "table-scroll" }, h("table", { class: "grid event-weeks" },
    h("thead", {}, h("tr", {}, h("th", {}, "Type"), weeks.map((w) => h("th", { class: "num" }, w)), h("th", { class: "num" }, "All"))),
    h("tbody", {}, types.map((t) => h("tr", { "data-type": t }, h("th", {}, t),
      weeks.map((w) => h("td", { class: "num", "data-week": w }, cell(t, w) ? String(cell(t, w)) : "")),
      h("td", { class: "num total" }, String(total(t))))))));
}

function eventItem(e) {
  return h("li", { "data-event-id": e.id, "data-article-id": e.article_id },
    h("a", { class: "evidence", href: hashFor("article", [e.article_id], { event: e.id }) }, e.acled_sub_event_type || e.plover_type || "event"), " ",
    h("span", {}, `"${e.trigger || ""}"`), h("span", { class: "muted" },
      ` ${fmtDate(e.date || e.published)}${dateBasisNote(e.date_basis)} · ${e.publisher || ""}${e.shown ? "" : " · hidden by default"}`));
}

function renderPlace(panel, p, filtered) {
  const where = [p.admin1, p.country_code].filter(Boolean).join(", ");
  const byType = new Map();
  for (const e of p.events) {
    const t = e.acled_event_type || e.plover_type || "other";
    if (!byType.has(t)) byType.set(t, []);
    byType.get(t).push(e);
  }
  const nDisagree = p.claims.filter((c) => c.disagrees).length;
  append(panel,
    h("h2", { class: "place-name" }, p.name),
    h("p", { class: "muted" }, where, p.geonameid ? ` · GeoNames ${p.geonameid}` : "", p.lat !== null ? ` · ${fmtNum(p.lat)}, ${fmtNum(p.lon)}` : ""),
    p.names.length > 1 ? h("p", { class: "muted" }, "Written: " + p.names.join(", ")) : null,
    h("p", { class: "place-links" },
      h("a", { id: "place-claims", href: hashFor("timeline", [], { place: p.name }),
        title: "Every claim about this place over time, with the sources that give other figures" }, "claims and who disagrees →"), " · ",
      h("a", { href: hashFor("quotes", [], { place_id: p.id }) }, "all quotes"), " · ",
      h("a", { href: hashFor("articles", [], { place: p.name }) }, "articles")),
    h("section", { class: "panel-events" }, h("h3", {}, `Events (${p.n_events})`),
      filtered ? h("p", { class: "muted event-filter" }, `As on the map: ${filtered}.`) : null,
      p.events.length < p.n_events ? h("p", { class: "muted" }, `The first ${p.events.length} are listed.`) : null,
      h("h4", {}, "By type and week"), eventWeeks(p.event_weeks || []),
      p.events.length ? [...byType.entries()].map(([t, list]) => h("div", { class: "event-type-group", "data-type": t },
        h("h4", {}, `${t} (${list.length})`), h("ul", {}, list.map(eventItem)))) : empty("No event here.")),
    h("section", { class: "panel-claims" }, h("h3", {}, `Claims (${p.n_claims})` + (nDisagree ? ` · ${nDisagree} disputed` : "")),
      p.claims.length ? h("ul", {}, p.claims.map((c) => h("li", { class: c.disagrees ? "disagrees" : "" },
        h("a", { href: hashFor("article", [c.article_id], { claim: c.id }) }, `${c.subject || ""} ${c.relation} ${c.object || ""}`),
        ` = ${c.value_text || fmtNum(c.value)}`, h("span", { class: "muted" }, ` ${fmtDate(c.date || c.published)} · ${c.source || ""}${c.cited ? ", citing " + c.cited : ""}`),
        c.disagrees ? h("span", { class: "disputed" }, " · another source differs") : null))) : empty("No claim.")),
    h("section", { class: "panel-quotes" }, h("h3", {}, `Quotes (${p.quotes.length})`),
      p.quotes.length ? p.quotes.map(quoteCard) : empty("No quote names this place.")),
    h("section", { class: "panel-articles" }, h("h3", {}, `Articles (${p.articles.length})`),
      h("ul", {}, p.articles.map((a) => h("li", {}, h("a", { href: hashFor("article", [a.id], { place: "" }) }, a.title || a.id),
        h("span", { class: "muted" }, ` ${a.publisher || ""} · ${fmtDate(a.published)}`))))));
}
