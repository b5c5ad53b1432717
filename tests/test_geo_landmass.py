"""A country's point hedged between its atlas point and its landmass centre (issue 19)."""

from __future__ import annotations

import pytest

from newsledger.geo import get_gazetteer
from newsledger.geo.distance import km
from newsledger.geo.landmass import HEDGE_KM, hedge, landmass_centres, midpoint


def test_midpoint_lies_halfway() -> None:
    lat, lon = midpoint(10.0, 20.0, 12.0, 20.0)
    assert lat == pytest.approx(11.0, abs=1e-3) and lon == pytest.approx(20.0, abs=1e-3)
    # across the antimeridian the midpoint stays near it, not on the far side of the globe
    lat, lon = midpoint(0.0, 179.0, 0.0, -179.0)
    assert abs(abs(lon) - 180.0) < 1e-3


def test_hedge_keeps_a_near_atlas_point_exact() -> None:
    atlas = (40.0, 10.0)
    assert hedge(atlas, (40.5, 10.5)) == atlas  # about 70 km: right by both already
    assert hedge(atlas, None) == atlas


def test_hedge_takes_the_midpoint_when_one_point_serves_both() -> None:
    atlas, land = (20.0, 40.0), (22.0, 40.0)  # about 222 km apart
    point = hedge(atlas, land)
    assert point != atlas
    assert km(*point, *atlas) <= HEDGE_KM and km(*point, *land) <= HEDGE_KM


def test_hedge_keeps_the_atlas_point_when_no_point_serves_both() -> None:
    atlas = (50.0, 60.0)
    assert hedge(atlas, (50.0, 70.0)) == atlas  # about 700 km: a midpoint would be near neither


def test_landmass_centres_lie_inside_their_countries() -> None:
    centres = landmass_centres()
    if not centres:
        pytest.skip("the Natural Earth shapes package is not installed")
    lat, lon = centres["FR"]  # metropolitan France, not an overseas territory
    assert 42 < lat < 51 and -5 < lon < 8
    lat, lon = centres["EG"]
    assert 22 < lat < 31 and 25 < lon < 35


def test_gazetteer_country_points_within_tolerance_of_both_conventions(settings) -> None:
    gaz = get_gazetteer(settings)
    centres = landmass_centres()
    if not centres:
        pytest.skip("the Natural Earth shapes package is not installed")
    for country in gaz.lookup("Egypt") + gaz.lookup("Mongolia"):
        if not country.is_country:
            continue
        land = centres[country.cc]
        assert km(country.lat, country.lon, *land) <= HEDGE_KM
