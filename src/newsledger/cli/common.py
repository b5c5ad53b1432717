"""Options and helpers shared by commands."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from typing import Any

import typer

from ..settings import Settings, load_settings


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def settings_from(**flags: Any) -> Settings:
    """The settings with CLI flags (those not None) applied last."""
    from ..errors import SettingsError

    try:
        return load_settings(overrides={k: v for k, v in flags.items() if v is not None})
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


#: Characters escaped in what is printed for a terminal: C0 controls but tab and newline, DEL,
#: C1 controls (0x9b is a one-byte CSI), and the bidi embeddings, overrides and isolates that
#: reorder how a line reads. Titles, texts and file names come from outside.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as ``\\xNN`` / ``\\uNNNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def err(message: str) -> None:
    typer.echo(printable(message), err=True)


def write(text: str) -> None:
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


def emit_rows(rows: list[dict[str, Any]], fmt: TableFormat, title: str | None = None) -> None:
    """Print rows as a rich table, JSON, JSON Lines or CSV."""
    import csv
    import json

    if fmt is TableFormat.json:
        write(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt is TableFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt is TableFormat.csv:
        cols = list(rows[0].keys()) if rows else []
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
                        for k, v in r.items()})
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=printable(title) if title else None)
        cols = list(rows[0].keys()) if rows else []
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:  # markup off: a title holding "[bold]" is text
            table.add_row(*[Text("" if r.get(c) is None else printable(str(r.get(c)))) for c in cols])
        Console().print(table)


def fallback_date(value: str | None) -> str | None:
    """A ``--published`` value in the stored date form; exit 2 with the reason if it is not a
    date in any form ingest reads."""
    if value is None:
        return None
    from ..ingest.dates import DateError, normalise_date

    try:
        return normalise_date(value)
    except DateError as exc:
        err(f"--published {value!r}: not a date ({exc}); give ISO 8601 (2024-09-04), RFC 2822 or epoch seconds")
        raise typer.Exit(2) from None
