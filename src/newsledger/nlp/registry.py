"""Our layers as spaCy factories: one :class:`LayerSpec` each, declared in one place.

Each layer is the factory ``newsledger_<layer>`` with a typed ``default_config`` (its
thresholds, from the layer's config class). :func:`register` declares them with spaCy's
``Language.factory``. Nothing registers at import of :mod:`newsledger` or of this module:

- our own pipeline calls :func:`register` when it is built (:mod:`newsledger.nlp.pipeline`);
- any other spaCy pipeline finds them through the ``spacy_factories`` entry points in
  pyproject.toml, which point at :mod:`newsledger.nlp.factories`, a module whose only job is
  to call :func:`register` when spaCy imports it. So after ``pip install newsledger``,
  ``nlp.add_pipe("newsledger_quotes")`` works with no other import.

A layer's module is imported when its component is made: a module that cannot be imported
is a :class:`~newsledger.errors.PipelineError`, never a silent skip.
"""

from __future__ import annotations

import inspect
from typing import Any

from spacy.language import Language

from ..errors import PipelineError
from .component import Layer, LayerSpec, make_layer

_P = "newsledger.nlp"

LAYERS: dict[str, LayerSpec] = {
    spec.name: spec
    for spec in [
        LayerSpec(
            "segmenter", f"{_P}.segment", f"{_P}.segment:SegmenterConfig",
            requires=(),
            assigns=("token.is_sent_start", "doc._.nl_headings", "doc._.nl_paragraphs"),
            placement={"first": True},
        ),
        LayerSpec(
            "ner_repair", f"{_P}.entities.repair", f"{_P}.entities.config:NerRepairConfig",
            requires=("doc.ents",),
            assigns=("doc.ents",),
        ),
        LayerSpec(
            "places", f"{_P}.places.component", f"{_P}.places.config:PlacesConfig",
            attrs=("nl_places",),
            requires=("doc.ents", "token.dep"),
            assigns=("doc._.nl_places", "doc.ents"),
        ),
        LayerSpec(
            "entities", f"{_P}.entities.component", f"{_P}.entities.config:EntitiesConfig",
            attrs=("nl_entities",),
            requires=("doc.ents", "token.dep", "token.tag"),
            assigns=("doc._.nl_entities", "doc._.nl_entity_at", "doc.ents"),
        ),
        LayerSpec(
            "quantities", f"{_P}.quantities.component", f"{_P}.quantities.config:QuantitiesConfig",
            attrs=("nl_quantities", "nl_times"),
            record_types=("Quantity", "TimeExpression"),
            requires=("doc.ents", "token.dep"),
            assigns=("doc._.nl_quantities", "doc._.nl_times"),
        ),
        LayerSpec(
            "quotes", f"{_P}.quotes.component", f"{_P}.quotes.config:QuotesConfig",
            attrs=("nl_quotes",),
            requires=("token.dep",),
            assigns=("doc._.nl_quotes",),
        ),
        LayerSpec(
            "events", f"{_P}.events.component", f"{_P}.events.config:EventsConfig",
            attrs=("nl_events",),
            requires=("token.dep",),
            assigns=("doc._.nl_events",),
        ),
    ]
}

#: The records each layer reads when an earlier layer left them: computed on demand with that
#: layer's defaults when it did not run (:meth:`Context.required`), or only used when present.
READS: dict[str, dict[str, str]] = {
    "quotes": {"entities": "required"},
    "quantities": {"places": "optional", "entities": "optional"},
    "events": {"entities": "optional", "places": "optional", "quantities": "optional", "quotes": "optional"},
}


def spec_for(name: str) -> LayerSpec:
    """The layer called ``name`` ("quotes", or its factory name "newsledger_quotes")."""
    key = name.removeprefix("newsledger_")
    spec = LAYERS.get(key)
    if spec is None:
        raise PipelineError(
            f"unknown layer {name!r}; known: {', '.join(LAYERS)}")
    return spec


def _factory(spec: LayerSpec, defaults: dict[str, Any]) -> Any:
    """``factory(nlp, name, **config)`` with the config's fields as explicit parameters, so
    spaCy fills and checks them from ``default_config`` and any ``[components.x]`` section."""

    def make(nlp: Language, name: str, **values: Any) -> Layer:
        layer = make_layer(spec, values)
        layer.nlp = nlp
        return layer

    params = [inspect.Parameter("nlp", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Language),
              inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=str)]
    params += [inspect.Parameter(k, inspect.Parameter.KEYWORD_ONLY, default=v) for k, v in defaults.items()]
    make.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    make.__name__ = make.__qualname__ = f"make_{spec.name}"
    return make


def default_config(spec: LayerSpec) -> dict[str, Any]:
    """The layer's config defaults as plain values (lists for sets and tuples)."""
    cfg = spec.config_class()()
    out = cfg.model_dump(mode="json")
    for key, value in cfg:
        if isinstance(value, set | frozenset):
            out[key] = sorted(value)  # a stable order in nlp.config
    return out


def register(name: str) -> LayerSpec:
    """Declare one layer's factory with spaCy (idempotent)."""
    spec = spec_for(name)
    if not Language.has_factory(spec.factory):
        defaults = default_config(spec)
        Language.factory(
            spec.factory,
            default_config=defaults,
            requires=list(spec.requires),
            assigns=list(spec.assigns),
            func=_factory(spec, defaults),
        )
    return spec


def register_all() -> None:
    for name in LAYERS:
        register(name)
