"""Our pipeline components, registered lazily under versioned names.

Nothing is registered at import time. :func:`register` imports a component's module and
declares its factory with spaCy only when the pipeline is built. Each entry says what the
component requires and assigns, so spaCy can check the order once (``nlp.analyze_pipes``).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language


@dataclass(frozen=True)
class ComponentSpec:
    name: str  # versioned factory name, e.g. "newsledger_quotes_v1" (spaCy forbids dots)
    target: str  # "module:callable"; the callable is factory(nlp, name, settings) -> component
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    placement: dict[str, Any] = field(default_factory=dict)  # nlp.add_pipe placement


COMPONENTS: dict[str, ComponentSpec] = {
    spec.name: spec
    for spec in [
        ComponentSpec(
            "newsledger_segmenter_v1",
            "newsledger.nlp.segment:make_segmenter",
            requires=(),
            assigns=("token.is_sent_start", "doc._.nl_headings", "doc._.nl_paragraphs"),
            placement={"first": True},
        ),
        ComponentSpec(
            "newsledger_ner_repair_v1",
            "newsledger.nlp.entities.repair:make_ner_repair",
            requires=("doc.ents",),
            assigns=("doc.ents",),
        ),
        ComponentSpec(
            "newsledger_places_v1",
            "newsledger.nlp.places.component:make_places",
            requires=("doc.ents", "token.dep"),
            assigns=("doc._.nl_places", "doc.ents"),
        ),
        ComponentSpec(
            "newsledger_entities_v1",
            "newsledger.nlp.entities.component:make_entities",
            requires=("doc.ents", "token.dep", "token.tag"),
            assigns=("doc._.nl_entities", "doc._.nl_entity_at", "doc.ents"),
        ),
        ComponentSpec(
            "newsledger_quantities_v1",
            "newsledger.nlp.quantities.component:make_quantities",
            requires=("doc.ents", "token.dep", "doc._.nl_places"),
            assigns=("doc._.nl_quantities", "doc._.nl_times"),
        ),
        ComponentSpec(
            "newsledger_quotes_v1",
            "newsledger.nlp.quotes.component:make_quotes",
            requires=("doc._.nl_entities", "token.dep"),
            assigns=("doc._.nl_quotes",),
        ),
        ComponentSpec(
            "newsledger_events_v1",
            "newsledger.nlp.events.component:make_events",
            requires=(
                "doc._.nl_entities",
                "doc._.nl_places",
                "doc._.nl_quantities",
                "doc._.nl_quotes",
            ),
            assigns=("doc._.nl_events",),
        ),
    ]
}


def _resolve(target: str) -> Callable[..., Any]:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def register(name: str) -> ComponentSpec:
    """Declare one component's factory with spaCy (idempotent)."""
    try:
        spec = COMPONENTS[name]
    except KeyError:
        from ..errors import PipelineError

        raise PipelineError(
            f"unknown component {name!r}; known: {', '.join(sorted(COMPONENTS))}"
        ) from None
    if not Language.has_factory(name):
        factory = _resolve(spec.target)

        def make(nlp: Language, name: str, settings_json: str) -> Any:
            from ..settings import Settings

            return factory(nlp, name, Settings.model_validate_json(settings_json))

        Language.factory(
            name,
            default_config={"settings_json": "{}"},
            requires=list(spec.requires),
            assigns=list(spec.assigns),
            func=make,
        )
    return spec


def available(name: str) -> bool:
    """Whether the component's module exists (layers land one by one)."""
    spec = COMPONENTS.get(name)
    if spec is None:
        return False
    module = spec.target.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
