"""Entry point for spaCy: importing this module declares every newsledger layer's factory.

pyproject.toml lists each factory under ``[project.entry-points.spacy_factories]`` with this
module as its target. spaCy imports the targets when it creates a ``Language``, so after
``pip install newsledger`` any spaCy pipeline can ``nlp.add_pipe("newsledger_quotes")``
with no other import. This module is the only one that registers as an import side
effect, and that is its whole purpose; the rest of newsledger registers lazily through
:func:`newsledger.nlp.registry.register`. The layers' own modules are imported only when
their component is made.
"""

from __future__ import annotations

from .registry import register_all

register_all()


def factories() -> None:
    """The object each entry point names (spaCy only needs the import above)."""
