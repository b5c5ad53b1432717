"""Every CLI command has help text; analyze works end to end on a demo-like article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli.main import app
from script_support import load_script

runner = CliRunner()


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_core_commands_exist() -> None:
    assert {"analyze", "eval", "schema"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    import typer.main

    cmd = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert cmd.help and len(cmd.help) > 15
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output


def test_analyze_json_and_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Defence Minister Ivan Petrenko said on Monday that 12 drones were shot down "
                 "near Kharkiv. Petrenko added that the city remained calm.")
    result = runner.invoke(app, ["analyze", str(f), "--format", "json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert reports[0]["schema_version"] == "1.0"
    names = {e["name"] for e in reports[0]["entities"]}
    assert "Ivan Petrenko" in names
    text = runner.invoke(app, ["analyze", str(f), "--format", "text"])
    assert "Ivan Petrenko" in text.stdout


def test_analyze_reports_bad_inputs_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("The mayor said the shelter was open.")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "E101" in result.stderr
    assert len([ln for ln in result.stdout.splitlines() if ln.strip()]) == 1


def test_schema_file_is_generated_from_the_code() -> None:
    from newsledger.models import report_json_schema

    path = Path(__file__).parents[1] / "src" / "newsledger" / "schema" / "report.schema.json"
    assert json.loads(path.read_text()) == report_json_schema(), "run: newsledger schema > " + str(path)


def test_console_script_runs() -> None:
    out = subprocess.run([sys.executable, "-m", "newsledger", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "analyze" in out.stdout


def test_analyze_enforces_the_time_limit_per_document(tmp_path: Path) -> None:
    # A one-microsecond limit: no document can be parsed that fast, so each is skipped
    # with E107 and named, and the run says that inputs failed.
    f = tmp_path / "a.txt"
    f.write_text("Officials said the bridge at Zatoka reopened on Monday after repairs.")
    result = runner.invoke(app, ["analyze", str(f), "--doc-timeout-s", "0.000001"])
    assert result.exit_code == 1
    assert "E107" in result.stderr and "a.txt" in result.stderr


def test_cli_reference_is_current() -> None:
    """docs/cli.md is generated from the CLI's help: regenerate with scripts/cli_docs.py."""
    module = load_script("cli_docs")
    assert module.DOC.read_text() == module.render(), "run: .venv/bin/python scripts/cli_docs.py"


@pytest.mark.slow
def test_text_report_lists_only_the_events_shown_by_default() -> None:
    from conftest import analyze_text
    from newsledger.cli.render import render_text

    report = analyze_text(
        "Russian artillery shelled the outskirts of Kramatorsk on Monday, police said. "
        "Officials said Russia could launch a new offensive if talks fail.", published="2024-08-20")
    text = render_text(report)
    events = text.split("## Events", 1)[1].split("\n## ", 1)[0] if "## Events" in text else ""
    listed = [line for line in events.splitlines() if line.startswith("- ")]
    assert len(listed) == sum(e.shown for e in report.events)
    hidden = [e for e in report.events if not e.shown]
    assert hidden, "the conditional offensive is recorded but not shown"
    assert f"{len(hidden)} more below the confidence bar" in events
    assert all(f"“{e.trigger.text}”" not in events or any(s.trigger.text == e.trigger.text for s in report.events if s.shown)
               for e in hidden)


def test_text_report_gives_a_vague_figure_as_its_range(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Thousands of civilians fled the town on Monday. Four civilians died.", encoding="utf-8")
    out = runner.invoke(app, ["analyze", str(f), "--format", "text"]).output
    # "thousands" is a range, never its midpoint stated as exact
    assert "Thousands of civilians: 1000–10000 civilian (vague)" in out
    assert "5500" not in out
    assert "Four civilians: 4.0 civilian (exact)" in out
