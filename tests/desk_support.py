"""Short articles written for the desk's task tests (issue 23), added to the demo ledger:
one person's words under three spellings of his name, strikes in several word forms, and
analysts quoted by outlets of three countries, and a town's claims from named, official and
anonymous sources."""

from __future__ import annotations

import pytest

DESK_ARTICLES = [
    {
        "text": (
            "Drones hit power stations across central Ukraine overnight, officials said.\n\n"
            "President Volodymyr Zelenskiy said on Monday that air defences had shot down most of the drones. "
            "\"We need more air defence systems before the winter comes,\" Zelenskiy told reporters in Kyiv.\n\n"
            "Mark Ellison, a military analyst at the Centre for Defence Studies, said the strike was aimed at the grid. "
            "\"Russia is trying to freeze the country into talks,\" Ellison said."
        ),
        "title": "Zelenskiy asks for more air defence after drone strike on power grid",
        "publisher": "Kyiv Courier", "outlet_country": "UA", "published": "2024-09-02",
    },
    {
        "text": (
            "President Volodymyr Zelenskyy said in his nightly address that partners must deliver promised aid faster. "
            "\"Every week of delay costs lives at the front,\" Zelenskyy said.\n\n"
            "Mark Ellison, a military analyst at the Centre for Defence Studies, said the requests were reasonable. "
            "\"The shortages are real and they are growing,\" Ellison said."
        ),
        "title": "Zelenskyy urges allies to speed up aid deliveries",
        "publisher": "Atlantic Daily", "outlet_country": "US", "published": "2024-09-05",
    },
    {
        "text": (
            "Russian forces launched missile strikes on energy facilities in the Kharkiv region on Sunday.\n\n"
            "\"These strikes will not break Ukraine,\" President Volodymyr Zelensky said in a statement.\n\n"
            "Hanna Koval, a researcher at the Kyiv School of Economics, said repairs would take months. "
            "\"The damage to the substations is severe,\" Koval said."
        ),
        "title": "Missile strikes hit Kharkiv energy sites",
        "publisher": "Baltic Herald", "outlet_country": "LT", "published": "2024-09-08",
    },
    {
        "text": (
            "Russian drones hit the outskirts of Sumy on Tuesday night, damaging two apartment blocks, "
            "the regional administration said.\n\n"
            "Local residents said the attacks on Sumy had become more frequent since the summer.\n\n"
            "Oleksandr Lysenko, the mayor of Sumy, said the city would rebuild the damaged homes before the winter. "
            "\"Sumy will not be intimidated,\" Lysenko said."
        ),
        "title": "Drones hit homes on the edge of Sumy",
        "publisher": "Sumy Gazette", "outlet_country": "UA", "published": "2024-09-10",
    },
]


_BUILT: dict[str, object] = {}


def desk_ledger(settings) -> object:  # -> Settings
    """The demo ledger of ``server_support`` plus :data:`DESK_ARTICLES`, built once per test
    process (the desk's query and browser tests share it)."""
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from newsledger.batch.into_ledger import ingest
    from newsledger.ingest.article import make_article
    from newsledger.ledger import Ledger
    from server_support import build_ledger

    if "settings" not in _BUILT:
        workdir = Path(tempfile.mkdtemp(prefix="newsledger-deskviews-"))
        atexit.register(shutil.rmtree, workdir, True)
        s = build_ledger(workdir / "ledger.sqlite", settings)
        arts = [make_article(a["text"], kind="text", source="<desk test>", **{k: v for k, v in a.items() if k != "text"})
                for a in DESK_ARTICLES]
        with Ledger(s.database_url) as ledger:
            summary = ingest(arts, ledger, s)
        assert summary.added == len(DESK_ARTICLES), summary
        _BUILT["settings"] = s
    return _BUILT["settings"]


# The desk's two module fixtures, shared by the browser test modules as they share
# ``test_server_browser.browser``: ``desk_settings, base_url = desk_support.desk_settings, ...``.
@pytest.fixture(scope="module")
def desk_settings(settings):
    """Settings of :func:`desk_ledger`."""
    return desk_ledger(settings)


@pytest.fixture(scope="module")
def base_url(desk_settings):
    """The desk served over :func:`desk_ledger` for the module's tests."""
    from newsledger.server import create_app
    from newsledger.server.background import serving

    with serving(create_app(desk_settings)) as url:
        yield url
