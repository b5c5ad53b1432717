"""Collect the records our layers left on a Doc into a :class:`Report`."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Report
from .events.select import lead_event_id


def doc_to_report(article: Article, doc: Doc) -> Report:
    x = doc._
    return Report(
        article=article,
        entities=list(x.nl_entities or []),
        quotes=list(x.nl_quotes or []),
        quantities=list(x.nl_quantities or []),
        times=list(x.nl_times or []),
        places=list(x.nl_places or []),
        events=list(x.nl_events or []),
        main_event_id=lead_event_id(list(x.nl_events or [])),
        warnings=list(x.nl_warnings or []),  # ReportWarning records, written by the layer wrapper
        pipeline=x.nl_pipeline,  # set by pipeline.make_doc
    )
