"""Entry point of the ``newsledger`` command. Heavy modules load inside each command."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="newsledger",
    help="Turn news reports on armed conflict into a structured, source-attributed, "
    "geolocated ledger.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules that add commands to the app; each defines ``register(app)``.
COMMAND_MODULES = [
    "newsledger.cli.analyze",
    "newsledger.cli.evaluate",
    "newsledger.cli.schema",
    "newsledger.cli.places",
    "newsledger.cli.ledger",
    "newsledger.cli.reanalyze",
    "newsledger.cli.serve",
    "newsledger.cli.demo",
]


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command's layer has not landed in this build
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    app()
