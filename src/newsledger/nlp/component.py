"""The one contract every layer follows, and the one wrapper that runs a layer on a Doc.

A layer is three things in its own package (see docs/architecture.md, "How to add a layer"):

- a config: a frozen pydantic model subclassing :class:`LayerConfig` whose fields are the
  layer's thresholds, each with its default and a note on how it was chosen;
- ``extract(doc, ctx, cfg) -> list[Record]``: a pure function of the Doc, the shared
  :class:`~newsledger.nlp.context.Context` and the config. It never writes to the Doc; doc-level
  edits (``doc.ents``, sentence starts) are staged on the context;
- a :class:`LayerSpec` in :mod:`newsledger.nlp.registry` naming both, the Doc attributes its
  records go to, and what it requires and assigns.

:class:`Layer` is the spaCy component for every layer: it gets the shared context, calls
``extract``, writes the records and applies the staged edits; when ``extract`` raises it
leaves the layer's records empty, changes nothing else and records a coded
:class:`~newsledger.models.ReportWarning` (W201). The other layers' records stay.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.tokens import Doc

from ..errors import PipelineError
from ..models import ReportWarning, WarningCode
from ..settings import Settings
from .context import Context, context_of
from .extensions import ensure_extensions

log = logging.getLogger(__name__)

Extract = Callable[[Doc, Context, Any], list[Any]]


class LayerConfig(BaseModel):
    """Base of every layer's config: immutable, no unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class LayerSpec:
    """Everything spaCy and the wrapper need to know about one layer."""

    name: str  # "quotes"; the spaCy factory is "newsledger_quotes"
    module: str  # the module holding ``extract``, imported when the component is made
    config: str  # "module:Class" of the layer's LayerConfig (a light module: read at registration)
    #: Doc attributes the records go to. With several, records are split by type (``record_types``).
    attrs: tuple[str, ...] = ()
    record_types: tuple[str, ...] = ()  # model class names, one per attribute when there are several
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    placement: dict[str, Any] = field(default_factory=dict)  # nlp.add_pipe placement
    version: int = 1  # bumped when the layer's output changes meaning; in the component's meta

    @property
    def factory(self) -> str:
        return f"newsledger_{self.name}"

    def config_class(self) -> type[LayerConfig]:
        module, _, attr = self.config.partition(":")
        try:
            cls = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            raise PipelineError(f"layer {self.name!r}: cannot import its config {self.config!r}: {exc}") from exc
        return cls  # type: ignore[no-any-return]

    def extract_function(self) -> Extract:
        try:
            module = importlib.import_module(self.module)
            fn = module.extract
        except (ImportError, AttributeError) as exc:
            raise PipelineError(
                f"layer {self.name!r}: cannot import its module {self.module!r} ({type(exc).__name__}: {exc})"
            ) from exc
        return fn  # type: ignore[no-any-return]

    def prepare(self) -> None:
        """Load the layer's lexicons now (its module's ``prepare()``), when the component is
        made, so the first document does not pay for them inside its time limit."""
        prepare = getattr(importlib.import_module(self.module), "prepare", None)
        if prepare is not None:
            prepare()

    def validate(self, values: dict[str, Any]) -> LayerConfig:
        """The layer's config from these values; a coded error naming the layer and the key."""
        try:
            return self.config_class().model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(x) for x in e['loc']) or '(config)'}: {e['msg']}" for e in exc.errors())
            raise PipelineError(f"invalid config for layer {self.name!r} ({self.factory}): {problems}") from None


def warn(ctx: Context, code: WarningCode, layer: str, message: str) -> None:
    """Record a non-fatal problem with this document (written to the Doc by the wrapper)."""
    ctx.warnings.append(ReportWarning(code=code, layer=layer, message=message))


def _flush_warnings(doc: Doc, ctx: Context) -> None:
    if ctx.warnings:
        if doc._.nl_warnings is None:
            doc._.nl_warnings = []
        doc._.nl_warnings.extend(ctx.warnings)
        ctx.warnings.clear()


def write_records(spec: LayerSpec, doc: Doc, records: list[Any], cap: int | None = None,
                  ctx: Context | None = None) -> None:
    """Put a layer's records on the Doc: one attribute, or split by record type. Past ``cap``
    records of one kind (setting ``max_layer_records``) only the first are kept, with a W205
    warning on ``ctx``."""
    if len(spec.attrs) == 1:
        groups = [(spec.attrs[0], list(records))]
    else:
        groups = [(attr, [r for r in records if type(r).__name__ == type_name])
                  for attr, type_name in zip(spec.attrs, spec.record_types, strict=True)]
    for attr, kept in groups:
        if cap is not None and len(kept) > cap:
            if ctx is not None:
                warn(ctx, "W205", spec.name, f"{len(kept):,} {attr.removeprefix('nl_')} records; "
                     f"the first {cap:,} are kept (setting max_layer_records)")
            kept = kept[:cap]
        setattr(doc._, attr, kept)


def record_cap(ctx: Context) -> int:
    """Most records of one kind a layer keeps for this document (``max_layer_records``)."""
    from ..settings import get_settings

    return (ctx.settings or get_settings()).max_layer_records


class Layer:
    """The spaCy component of every layer. See the module docstring."""

    def __init__(self, spec: LayerSpec, cfg: LayerConfig, extract: Extract) -> None:
        self.spec = spec
        self.cfg = cfg
        self.extract = extract
        #: process settings bound by our pipeline (None: the process defaults); never config
        self.settings: Settings | None = None
        #: the pipeline this component belongs to (for a layer that asks the model about a word
        #: out of context, as places' common-word guard does); None outside a pipeline
        self.nlp: Any = None

    def __repr__(self) -> str:
        return f"Layer({self.spec.factory}, v{self.spec.version})"

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        ctx.settings = self.settings
        ctx.nlp = self.nlp
        try:
            records = self.extract(doc, ctx, self.cfg)
        except Exception as exc:  # one bad document never stops a batch
            log.debug("layer %s failed on %s", self.spec.name, doc._.nl_article_id, exc_info=True)
            ctx.discard_staged()
            ctx.warnings = [w for w in ctx.warnings if w.layer != self.spec.name]
            for attr in self.spec.attrs:
                setattr(doc._, attr, [])
            warn(ctx, "W201", self.spec.name, f"{type(exc).__name__}: {exc}; no {self.spec.name} records kept")
        else:
            write_records(self.spec, doc, records, record_cap(ctx), ctx)
            ctx.take_staged()(doc)
        ctx.records_changed()
        _flush_warnings(doc, ctx)
        return doc


def make_layer(spec: LayerSpec, values: dict[str, Any]) -> Layer:
    """The component for ``spec`` with these config values (validated, coded errors)."""
    ensure_extensions()
    cfg = spec.validate(values)
    layer = Layer(spec, cfg, spec.extract_function())
    spec.prepare()
    return layer


def compute_upstream(name: str, ctx: Context) -> list[Any]:
    """Records of a layer that did not run, computed with its defaults for a later layer.

    Nothing is written to the Doc: the edits it would stage are dropped, its warnings too
    (they belong to a layer that is not in the pipeline). A failure gives no records."""
    from .registry import LAYERS

    spec = LAYERS[name]
    saved_warnings = list(ctx.warnings)
    saved_staged = ctx.take_staged()  # the calling layer's own edits, kept for it
    try:
        return spec.extract_function()(ctx.doc, ctx, spec.validate({}))
    except PipelineError:
        raise
    except Exception:
        log.debug("computing %s on demand failed", name, exc_info=True)
        return []
    finally:
        ctx.discard_staged()
        ctx.restore_staged(saved_staged)
        ctx.warnings = saved_warnings
