"""Shared by the desk's tests: a real SQLite ledger built from the demo articles (and a few
hostile texts written for these tests) through the real pipeline and the real store."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: A quote whose words hold markup: the UI must show it as text, never run it.
SCRIPT_QUOTE = "<script>window.__nl_pwned = 1</script><img src=x onerror=\"window.__nl_pwned=2\">"

#: Short articles written for these tests. The first carries a direct quote with markup in it.
HOSTILE_ARTICLES = [
    {
        "text": (
            "Fighting near Pokrovsk intensified on Tuesday.\n\n"
            f"\"{SCRIPT_QUOTE} We will not give up the town,\" said Taras Melnyk, "
            "a Ukrainian brigade commander.\n\n"
            "Russian forces shelled Pokrovsk overnight, the regional governor said."
        ),
        "title": "Markup in a quote <b>bold</b>",
        "publisher": "Test Wire <i>x</i>",
        "published": "2024-08-28",
        "url": "javascript:window.__nl_pwned=3",
    },
]


def demo_sources() -> list[str]:
    demo = resources.files("newsledger.data").joinpath("demo")
    with resources.as_file(demo) as path:
        return [str(Path(path) / "articles"), str(Path(path) / "feed.xml")]


def build_ledger(db_path: Path, settings, url: str | None = None) -> object:  # -> Settings
    """Ingest the demo articles and feed, then the hostile texts, into the SQLite file
    ``db_path`` (or the database ``url``); return settings for it."""
    from newsledger.batch.into_ledger import ingest
    from newsledger.ingest.article import make_article
    from newsledger.ingest.sources import iter_sources
    from newsledger.ledger import Ledger

    s = settings.replace(db_url=url or f"sqlite:///{db_path}", cache_dir=str(db_path.parent / "cache"))
    ledger = Ledger(s.database_url)
    try:
        summary = ingest(iter_sources(demo_sources(), s), ledger, s)
        assert summary.added >= 4, summary
        hostile = [make_article(a["text"], kind="text", source="<test>",
                                **{k: v for k, v in a.items() if k != "text"}) for a in HOSTILE_ARTICLES]
        ingest(hostile, ledger, s)
    finally:
        ledger.close()
    return s


_BUILT: dict[str, object] = {}


def shared_ledger(settings) -> object:
    """The test ledger, built once per test process (several test modules share it)."""
    import atexit
    import shutil
    import tempfile

    if "settings" not in _BUILT:
        workdir = Path(tempfile.mkdtemp(prefix="newsledger-desk-"))
        atexit.register(shutil.rmtree, workdir, True)
        _BUILT["settings"] = build_ledger(workdir / "ledger.sqlite", settings)
    return _BUILT["settings"]


def shared_reports(settings) -> list:
    """The reports stored in the shared test ledger, read back once per test process."""
    if "reports" not in _BUILT:
        from newsledger.ledger import Ledger
        from newsledger.ledger import queries as lq

        with Ledger(shared_ledger(settings).database_url, create=False) as ledger:  # type: ignore[attr-defined]
            _BUILT["reports"] = list(lq.iter_reports(ledger))
    return _BUILT["reports"]  # type: ignore[return-value]


def client_for(settings):
    from fastapi.testclient import TestClient

    from newsledger.server import create_app

    return TestClient(create_app(settings))
