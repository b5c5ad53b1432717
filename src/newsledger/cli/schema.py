"""``newsledger schema``: the JSON Schema of a report, generated from the code."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    app.command(help="Print the JSON Schema of a report (generated from the data model).")(schema)


def schema() -> None:
    from ..models import report_json_schema

    typer.echo(json.dumps(report_json_schema(), indent=2, sort_keys=True))
