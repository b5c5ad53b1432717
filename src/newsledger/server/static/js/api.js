// The JSON API, same origin only.

/** A request the API refused or could not answer, with a message a person can read:
 * `fields` maps each query parameter at fault to what is wrong with it. */
export class ApiError extends Error {
  constructor(status, message, fields = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.fields = fields;
  }
}

/** What the desk calls each query parameter, for messages. */
export const PARAM_LABELS = {
  q: "Words", person: "Person", org: "Organisation", place: "Place", source: "Source", since: "From", until: "To",
  outlet: "Outlet", outlet_country: "Outlet country", language: "Language", name: "Name", source_type: "Source type",
  role: "Role", affiliation: "Affiliation", limit: "Page size", offset: "Page", person_id: "Person", org_id: "Organisation",
  place_id: "Place", event_type: "Event type", sub_event_type: "Sub-type", actor: "Actor", min_confidence: "Lowest confidence",
};

/** One readable sentence from pydantic's wording of a refused parameter. */
function readable(msg) {
  const m = String(msg || "").replace(/^\[E\d+\]\s*/, "");
  if (/should match pattern '\^\\d\{4\}/.test(m)) return "should be a date: a year, year-month or year-month-day (2024-08-20)";
  if (/should match pattern/.test(m)) return "holds characters that are not allowed here";
  if (/at most (\d+) characters/.test(m)) return "is too long (at most " + m.match(/at most (\d+)/)[1] + " characters)";
  if (/at least 1 character/.test(m)) return "is empty";
  if (/valid integer/.test(m)) return "should be a whole number";
  const bound = /(greater|less) than or equal to (-?[\d.]+)/.exec(m);
  if (bound) return (bound[1] === "greater" ? "must be at least " : "must be at most ") + bound[2];
  return m.replace(/^[a-z_]+: /, "");
}

/** The ApiError for a response that is not ok. */
async function apiError(res) {
  let detail = null;
  try { detail = (await res.json()).detail; } catch (_) { /* not JSON */ }
  if (Array.isArray(detail)) {
    const fields = {};
    const parts = detail.map((d) => {
      const loc = Array.isArray(d.loc) ? d.loc : [];
      let name = loc.length > 1 ? String(loc[loc.length - 1]) : null;
      const m = /^(?:\[E\d+\]\s*)?([a-z_]+): /.exec(String(d.msg || ""));
      if (!name && m && PARAM_LABELS[m[1]]) name = m[1];
      const text = readable(d.msg);
      if (name) fields[name] = text;
      return name ? `${PARAM_LABELS[name] || name} ${text}` : text;
    });
    return new ApiError(res.status, parts.join("; "), fields);
  }
  if (res.status === 503) return new ApiError(res.status, (detail || "The ledger is busy") + ". Try again in a moment.");
  if (res.status === 404) return new ApiError(res.status, "Not found: " + (detail || "no such record"));
  return new ApiError(res.status, typeof detail === "string" && detail ? detail : `The server answered ${res.status} ${res.statusText}`);
}

function apiUrl(path, params) {
  const url = new URL("/api/" + path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  }
  return url;
}

export async function api(path, params = {}) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), { headers: { accept: "application/json" }, credentials: "same-origin" });
  } catch (_) {
    throw new ApiError(0, "The desk's server cannot be reached. Is `newsledger serve` still running?");
  }
  if (!res.ok) throw await apiError(res);
  return res.json();
}

/** The address of a list as CSV: the view's filters, every page (paging parameters dropped). */
export function exportUrl(kind, params = {}) {
  const keep = Object.fromEntries(Object.entries(params).filter(([k]) => !["offset", "limit", "kind"].includes(k)));
  const url = apiUrl(`export/${kind}.csv`, keep);
  return url.pathname + url.search;
}

/** Route parameters from the hash: "#/quotes?person=x" -> {view: "quotes", args: [], params}. */
export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const [path, query] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch (_) { // "%E0%A4%A", "%": a URIError the router shows instead of throwing
      throw new Error(`the address cannot be read: "${part}" is not a valid %-escape`);
    }
  });
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  return { view: parts[0] || "map", args: parts.slice(1), params };
}

export function hashFor(view, args = [], params = {}) {
  const path = [view, ...args.map((a) => encodeURIComponent(String(a)))].join("/");
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return "#/" + path + (qs ? "?" + qs : "");
}
