// The basemap's projection (Web Mercator in degree units), as server/basemap.py writes it.
const MAX_LAT = 85;

export function mercatorY(lat) {
  const l = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180;
  return Math.log(Math.tan(Math.PI / 4 + l / 2)) * 180 / Math.PI;
}

export function project(lon, lat, scale) {
  return [lon * scale, -mercatorY(lat) * scale];
}

/** A box [x0, y0, x1, y1] around points, at least minSpan wide and tall, padded. */
export function fitBox(points, minSpan, pad) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const w = Math.max(minSpan, (x1 - x0) * (1 + pad)), hgt = Math.max(minSpan * 0.6, (y1 - y0) * (1 + pad));
  return [cx - w / 2, cy - hgt / 2, w, hgt];
}

/** The points of the densest neighbourhood: for each point, the weight of all points within
 *  ``radius`` of it; the points around the heaviest one (ties: the first). */
export function densest(points, weights, radius) {
  let best = -1, bestSum = -Infinity;
  const r2 = radius * radius;
  points.forEach(([x, y], i) => {
    let sum = 0;
    points.forEach(([u, v], j) => { if ((u - x) ** 2 + (v - y) ** 2 <= r2) sum += weights[j]; });
    if (sum > bestSum) { bestSum = sum; best = i; }
  });
  if (best < 0) return [];
  const [bx, by] = points[best];
  return points.filter(([u, v]) => (u - bx) ** 2 + (v - by) ** 2 <= r2);
}

/** Markers that would overlap on screen, grouped: ``items`` [{x, y, r}] in screen pixels,
 *  most important first; each joins the first earlier head whose circle it would touch
 *  (centres closer than the two radii plus ``gap``). Returns, for each item, the index of its
 *  head (itself when it heads a group). */
export function groupOverlapping(items, gap) {
  const head = new Array(items.length);
  const heads = [];
  items.forEach((it, i) => {
    const hd = heads.find((j) => Math.hypot(items[j].x - it.x, items[j].y - it.y) < items[j].r + it.r + gap);
    if (hd === undefined) { heads.push(i); head[i] = i; } else head[i] = hd;
  });
  return head;
}
