"""The one place where the spaCy pipeline is built, from the settings.

The model package is loaded once per process and per settings (see :func:`get_nlp`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import PipelineError
from ..models import Article, LayerVersion, PipelineInfo, Report
from ..settings import Settings, get_settings
from . import registry
from .extensions import ensure_extensions

log = logging.getLogger(__name__)

ENTITY_PATTERNS = "entities/patterns.jsonl"

_CACHE: dict[str, Language] = {}


def _entity_patterns() -> list[dict[str, object]]:
    import srsly

    path = resources.files("newsledger.data").joinpath(ENTITY_PATTERNS)
    return list(srsly.read_jsonl(str(path)))


def build_nlp(settings: Settings) -> Language:
    """Load the model and add our layers in the order the settings give, each with its
    ``[components.<layer>]`` overrides. Process settings never enter ``nlp.config``."""
    ensure_extensions()
    unknown = sorted(set(settings.components) - set(registry.LAYERS))
    if unknown:
        raise PipelineError(
            f"settings name unknown layer(s) in [components]: {', '.join(unknown)}; "
            f"known: {', '.join(registry.LAYERS)}")
    specs = [registry.spec_for(name) for name in settings.pipeline]  # unknown names: PipelineError
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise PipelineError(
            f"cannot load the spaCy model package {settings.model!r}: {exc}. "
            "Run `make setup` to install the pinned model."
        ) from exc
    from .tokens import adapt_tokenizer

    adapt_tokenizer(nlp)
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(_entity_patterns())  # type: ignore[attr-defined]
    for spec in specs:
        registry.register(spec.name)
        overrides = settings.components.get(spec.name, {})
        spec.validate(overrides)  # a coded error naming the layer and the key, before spaCy's own
        nlp.add_pipe(spec.factory, config=overrides, **spec.placement)
    bind_settings(nlp, settings)
    analysis = nlp.analyze_pipes() or {}
    problems = {k: v for k, v in analysis.get("problems", {}).items() if v}
    if problems:
        log.warning("pipeline order leaves requirements unmet: %s", problems)
    return nlp


def bind_settings(nlp: Language, settings: Settings) -> None:
    """Hand the process settings (never part of ``nlp.config``) to the layers that use them:
    places opens the gazetteer under ``settings.cache_path``."""
    from .component import Layer

    for _, proc in nlp.pipeline:
        if isinstance(proc, Layer):
            proc.settings = settings


def get_nlp(settings: Settings | None = None) -> Language:
    """The pipeline for these settings, built once per process for each model, layer list
    and layer configs (:meth:`Settings.nlp_key`)."""
    settings = settings or get_settings()
    key = settings.nlp_key()
    nlp = _CACHE.get(key)
    if nlp is None:
        nlp = _CACHE[key] = build_nlp(settings)
    else:
        bind_settings(nlp, settings)
    return nlp


#: The attribute of a Language object that keeps its PipelineInfo, computed once.
_INFO_ATTR = "_newsledger_pipeline_info"


def pipeline_info(nlp: Language) -> PipelineInfo:
    """What this pipeline is, as recorded on every report it makes: the model's name and
    version, our layers in order with their versions, and a hash of those layers' configs
    as spaCy holds them (``nlp.config``: the defaults with the settings' overrides). Process
    settings are not in ``nlp.config``, so they never change it."""
    info = getattr(nlp, _INFO_ATTR, None)
    if isinstance(info, PipelineInfo):
        return info
    from .component import Layer

    layers = [(name, proc.spec) for name, proc in nlp.pipeline if isinstance(proc, Layer)]
    configs = {name: dict(nlp.config["components"][name]) for name, _ in layers}
    digest = hashlib.sha256(json.dumps(configs, sort_keys=True, default=str).encode()).hexdigest()[:16]
    meta = nlp.meta
    info = PipelineInfo(
        model=f"{meta.get('lang', '')}_{meta.get('name', '')}", model_version=str(meta.get("version", "")),
        layers=[LayerVersion(name=spec.name, version=spec.version) for _, spec in layers],
        config_hash=digest)
    setattr(nlp, _INFO_ATTR, info)
    return info


def current_pipeline(settings: Settings | None = None) -> PipelineInfo:
    """The pipeline these settings build (building it once per process, as analysis does)."""
    return pipeline_info(get_nlp(settings))


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying the article's id and publication date."""
    from .tokens import tokenize

    doc = tokenize(nlp, article.text)  # nlp.make_doc, with long punctuation runs in linear time
    doc._.nl_article_id = article.id
    doc._.nl_pipeline = pipeline_info(nlp)
    doc._.nl_published = article.published
    return doc


def run(
    articles: Iterable[Article], settings: Settings | None = None, batch_size: int | None = None
) -> Iterator[Report]:
    """Analyse articles in batches through ``nlp.pipe`` (a long one in pieces, see
    :mod:`newsledger.nlp.pieces`); yields one Report each, in order."""
    from .pieces import pipe
    from .report import doc_to_report

    settings = settings or get_settings()
    nlp = get_nlp(settings)
    pending: list[Article] = []

    def flush() -> Iterator[Report]:
        docs = (make_doc(nlp, a) for a in pending)
        for article, doc in zip(pending, pipe(nlp, docs, batch_size=batch_size or settings.batch_size), strict=True):
            yield doc_to_report(article, doc)
        pending.clear()

    for article in articles:
        pending.append(article)
        if len(pending) >= (batch_size or settings.batch_size):
            yield from flush()
    if pending:
        yield from flush()
