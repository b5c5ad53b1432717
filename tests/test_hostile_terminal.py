"""Control characters from titles, texts and file names are escaped in what the CLI prints
for a terminal (tables and messages), so stored data cannot move the cursor, clear the
screen, retitle the window or reorder the line (bidi overrides)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli.common import printable
from newsledger.cli.main import app

pytestmark = pytest.mark.slow

NO_CONFIG = {"NEWSLEDGER_CONFIG": "/nonexistent/newsledger-test.toml"}
RAW = ["\x1b", "\x07", "\r", "\x9b", "\u202e", "\x08"]


@pytest.mark.parametrize(("text", "shown"), [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("x\ry", "x\\x0dy"), ("\u202etxt.exe", "\\u202etxt.exe"),
    ("tab\tand\nline", "tab\tand\nline"), ("plain é 中", "plain é 中"),
])
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_tables_and_messages_escape_control_characters(tmp_path: Path) -> None:
    db = str(tmp_path / "l.sqlite")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({
        "text": "Officials said \x1b]0;owned\x07 twelve people were killed in Kharkiv \x1b[2J on Monday.",
        "title": "Title \x1b[31mred\u202e"}) + "\n", "utf-8")
    bad = tmp_path / "bad\x1b[2Jname\r.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(src), str(bad), "--db", db, "-q"], env=NO_CONFIG)
    assert result.exit_code == 1, result.output
    assert "skipped" in result.output and "bad\\x1b[2Jname\\x0d.txt" in result.output
    for cmd in (["search", "officials"], ["claims"], ["quotes"]):
        out = CliRunner().invoke(app, [*cmd, "--db", db], env={**NO_CONFIG, "COLUMNS": "400"}).output
        assert not any(c in out for c in RAW), (cmd, out)
    out = CliRunner().invoke(app, ["search", "officials", "--db", db], env={**NO_CONFIG, "COLUMNS": "400"}).output
    assert "\\x1b" in out


def test_analyze_text_output_escapes_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Officials said \x1b[2J twelve people were killed in Kharkiv on Monday.\r\x9b", "utf-8")
    out = CliRunner().invoke(app, ["analyze", str(path), "-f", "text"], env=NO_CONFIG).output
    assert "Kharkiv" in out and "\\x1b[2J" in out
    assert not any(c in out for c in RAW), out
