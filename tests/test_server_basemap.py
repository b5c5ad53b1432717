"""The map's basemap: Natural Earth outlines from a package, projected, simplified, cached."""

from __future__ import annotations

import json
import re

import pytest

from newsledger.server.basemap import SCALE, cache_file, load_basemap, mercator_y, project


def test_projection_is_mercator_in_degree_units():
    assert project(0, 0) == pytest.approx((0, 0), abs=1e-9)
    assert mercator_y(45) == pytest.approx(50.498, abs=1e-3)
    assert mercator_y(-30) == pytest.approx(-mercator_y(30))
    assert project(180, 90)[1] == project(180, 85)[1]  # clipped at the poles


def _bbox(d: str) -> tuple[float, float, float, float]:
    nums = [int(n) for n in re.findall(r"-?\d+", d)]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.fixture(scope="module")
def basemap(tmp_path_factory):
    cache = tmp_path_factory.mktemp("basemap")
    raw = load_basemap(cache)
    return cache, raw, json.loads(raw)


def test_countries_contain_their_towns(basemap):
    _, _, bm = basemap
    by_iso = {c["iso3"]: c for c in bm["countries"]}
    assert len(by_iso) > 200 and bm["scale"] == SCALE
    for iso, lon, lat in [("UKR", 37.18, 48.28), ("UKR", 30.52, 50.45), ("RUS", 37.62, 55.75), ("GBR", -0.13, 51.51)]:
        x0, y0, x1, y1 = _bbox(by_iso[iso]["d"])
        x, y = project(lon, lat)
        assert x0 <= x <= x1 and y0 <= y <= y1, iso


def test_simplified_enough_to_ship_and_cached(basemap):
    cache, raw, _ = basemap
    assert 200_000 < len(raw) < 1_500_000  # kilobytes, not the 1:10m file's megabytes
    target = cache_file(cache)
    assert target.read_bytes() == raw
    stamp = target.stat().st_mtime_ns
    assert load_basemap(cache) == raw and target.stat().st_mtime_ns == stamp  # read, not rebuilt


def test_missing_shapes_package_gives_an_empty_basemap(tmp_path, monkeypatch):
    from newsledger.server import basemap as bm_module

    monkeypatch.setattr(bm_module, "SOURCE_PACKAGE", "newsledger_no_such_package")
    bm = json.loads(load_basemap(tmp_path))
    assert bm["countries"] == [] and bm["source"] == "missing"
    assert not cache_file(tmp_path).exists()  # not cached: a later start with the package builds it
