"""``newsledger eval LAYER --data PATH``: score a layer against an annotated corpus."""

from __future__ import annotations

import importlib
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .common import err, settings_from


class Part(StrEnum):
    all = "all"
    tune = "tune"
    check = "check"


def register(app: typer.Typer) -> None:
    app.command(name="eval", help="Score a layer (entities, extraction, quotes, places, "
                "quantities, events) against an annotated corpus.")(evaluate)


def evaluate(
    layer: Annotated[str, typer.Argument(help="entities, extraction, quotes, places, quantities or events.")],
    data: Annotated[Path, typer.Option("--data", help="The annotated corpus (file or directory).")],
    predictions: Annotated[Path | None, typer.Option(help="Write predictions as JSONL in the gold's shape.")] = None,
    gold_spans: Annotated[bool, typer.Option("--gold-spans", help="places: resolve the gold toponym spans (resolver alone).")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    part: Annotated[Part, typer.Option("--part", help="Score only the tune or the check part of the corpus "
                                       "(a stable hash of each document's id; see docs/evaluation.md).")] = Part.all,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    from ..eval import LAYERS

    target = LAYERS.get(layer)
    if target is None:
        err(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")
        raise typer.Exit(2)
    if not data.exists():
        err(f"{data}: no such file or directory")
        raise typer.Exit(2)
    module, _, fn = target.partition(":")
    try:
        func = getattr(importlib.import_module(module), fn)
    except ModuleNotFoundError:
        err(f"the {layer} layer has no evaluation in this build")
        raise typer.Exit(2) from None
    from ..errors import NewsledgerError

    options = {"gold_spans": gold_spans, "limit": limit, "part": part.value}
    try:
        figures = func(data, predictions, settings_from(), **options)
    except NewsledgerError as exc:  # a wrong file or format: say which, no traceback
        err(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{layer} on {data}")
    table.add_column("figure")
    table.add_column("value", justify="right")

    def add(prefix: str, obj: object) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                add(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            table.add_row(prefix, str(obj))

    add("", figures)
    Console().print(table)
