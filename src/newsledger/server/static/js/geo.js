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
