// The JSON API, same origin only.

export async function api(path, params = {}) {
  const url = new URL("/api/" + path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  }
  const res = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = JSON.stringify((await res.json()).detail); } catch (_) { /* not JSON */ }
    throw new Error(`${res.status} ${detail}`);
  }
  return res.json();
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
