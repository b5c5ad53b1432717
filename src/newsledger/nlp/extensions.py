"""Doc extension attributes through which our components pass records along.

Each layer writes a list of frozen records (see :mod:`newsledger.models`) to its own
attribute; :mod:`newsledger.nlp.report` collects them into a :class:`Report`.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: attribute name -> default. Lists are created per document by the component that owns them.
DOC_ATTRS: dict[str, object] = {
    "nl_article_id": "",  # set before the pipeline runs
    "nl_published": None,  # ISO date of publication, anchors relative dates
    "nl_entities": None,  # list[Entity]
    "nl_places": None,  # list[Place]
    "nl_quantities": None,  # list[Quantity]
    "nl_times": None,  # list[TimeExpression]
    "nl_quotes": None,  # list[Quote]
    "nl_events": None,  # list[Event]
    "nl_warnings": None,  # list[ReportWarning], written by the layer wrapper (nlp/component.py)
    "nl_headings": None,  # list[tuple[int, int]] char spans of heading lines
    "nl_paragraphs": None,  # list[tuple[int, int]] char spans of paragraphs
    "nl_entity_at": None,  # dict[int, str]: token index -> entity id
    "nl_pipeline": None,  # PipelineInfo of the pipeline that made the Doc (set by make_doc)
}


def ensure_extensions() -> None:
    """Register the Doc attributes once per process (idempotent, never at import)."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
