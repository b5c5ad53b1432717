"""``newsledger serve``: the analyst's desk (JSON API and web UI) over a ledger."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from .common import err, settings_from

DEFAULT_HOST = "127.0.0.1"
#: An unassigned port, unlikely to clash with a developer's other servers (8000, 8080).
DEFAULT_PORT = 8765


def register(app: typer.Typer) -> None:
    app.command(help="Serve the analyst's desk: the JSON API under /api and the web UI "
                "(map, timeline, quotes, articles, people) over a ledger.")(serve)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[str | None, typer.Option("--db", help="Ledger database URL or SQLite path.")] = None,
    host: Annotated[str, typer.Option(help="Address to bind. Loopback by default; anything "
                                      "else exposes the ledger to the network.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = DEFAULT_PORT,
    create: Annotated[bool, typer.Option("--create", help="Create an empty ledger when none is at --db "
                                         "(without it, a missing ledger is an error, E302).")] = False,
) -> None:
    settings = settings_from(db_url=db)
    serve_ledger(settings, host=host, port=port, create=create)


def serve_ledger(settings: object, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                 create: bool = False) -> None:
    """Run the desk until interrupted; prints its URL first. ``newsledger demo`` calls this.
    A SQLite ledger that is not there is created only with ``create``: a mistyped ``--db``
    is E302 naming the path (exit 2), not an empty desk."""
    import uvicorn

    from ..errors import NewsledgerError, NoLedgerError
    from ..server.app import LOOPBACK_HOSTS, create_app
    from ..settings import Settings

    assert isinstance(settings, Settings)
    if is_loopback(host):
        hosts: list[str] = list(LOOPBACK_HOSTS)
    else:
        err(f"warning: binding {host} exposes the ledger beyond this machine")
        hosts = ["*"]
    try:
        app = create_app(settings, allowed_hosts=hosts, create=create)
    except NoLedgerError as exc:
        err(str(exc))
        raise typer.Exit(2) from exc
    except NewsledgerError as exc:
        err(str(exc))
        raise typer.Exit(1) from exc
    import threading

    threading.Thread(target=app.state.basemap, name="basemap", daemon=True).start()  # warm the cache
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    typer.echo(f"newsledger desk: http://{shown}:{port}/  (Ctrl-C to stop)", err=False)
    from ..server.connections import SERVE_OPTIONS

    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", server_header=False, **SERVE_OPTIONS)
