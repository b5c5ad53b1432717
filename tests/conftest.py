"""One global conftest: the shared pipeline, and paths to ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The workplace's annotated corpora. Absent on a bare clone: corpus tests then skip.
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    """The full newsledger pipeline with the packaged default settings."""
    from newsledger.nlp.pipeline import get_nlp
    from newsledger.settings import load_settings

    return get_nlp(load_settings(use_files=False))


@pytest.fixture(scope="session")
def settings():
    from newsledger.settings import load_settings

    return load_settings(use_files=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data" / "dev").is_dir():
        pytest.skip("../shared is absent: corpus evaluation skipped")
    return SHARED


@pytest.fixture(scope="session")
def seed(shared: Path) -> tuple[str, dict]:
    import json

    text = (shared / "examples" / "kursk-pokrovsk.txt").read_text("utf-8")
    gold = json.loads((shared / "examples" / "kursk-pokrovsk.gold.json").read_text("utf-8"))
    return text, gold


def analyze_text(text: str, published: str | None = None):
    """Run the real pipeline on a short text written for a test."""
    from newsledger import analyze
    from newsledger.settings import load_settings

    return analyze(text, settings=load_settings(use_files=False), published=published)
