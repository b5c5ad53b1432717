"""Write docs/cli.md from the CLI's own help, so the reference never drifts from the code.

Run: .venv/bin/python scripts/cli_docs.py  (a test checks the file is current)
"""

from __future__ import annotations

import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

HEADER = """# Command line

`newsledger --help` lists the commands; every command has `--help`. This page is generated
from that help by `scripts/cli_docs.py`; a test checks that it is current.

Settings come from packaged defaults, then the user file (`$NEWSLEDGER_CONFIG` or
`~/.config/newsledger/config.toml`), then `NEWSLEDGER_<NAME>` environment variables, then
the flags below. Exit status: 0 when everything succeeded, 1 when some inputs failed (each
is listed on stderr with its reason), 2 for a usage or settings error.
"""


def render() -> str:
    import click
    import typer.main

    from newsledger.cli.main import app

    group = typer.main.get_command(app)
    out = [HEADER]
    ctx = click.Context(group, info_name="newsledger", terminal_width=100)
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        cmd = group.commands[name]  # type: ignore[attr-defined]
        sub = click.Context(cmd, info_name=name, parent=ctx, terminal_width=100)
        usage = cmd.get_usage(sub).replace("Usage: ", "")
        out.append(f"## `newsledger {name}`\n\n{(cmd.help or '').strip()}\n\n```\n{usage}\n```\n")
        rows = []
        for p in cmd.get_params(sub):
            rec = p.get_help_record(sub)
            if rec:
                rows.append(f"| `{rec[0].replace('|', ',')}` | {rec[1].replace('|', '/')} |")
            elif isinstance(p, click.Argument):
                rows.append(f"| `{p.human_readable_name}` | {getattr(p, 'help', '') or ''} |")
        if rows:
            out.append("| option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(out)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text() == text else 1)
    DOC.write_text(text)
    print(f"wrote {DOC}")
