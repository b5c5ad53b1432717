"""One typed settings object, shared by the library, CLI, API and batch workers.

Precedence, lowest first: packaged defaults (``data/defaults.toml``), a user file
(``$NEWSLEDGER_CONFIG`` or ``<user config dir>/newsledger/config.toml``), environment
variables ``NEWSLEDGER_<NAME>``, then explicit overrides (CLI flags).
"""

from __future__ import annotations

import json
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import SettingsError

ENV_PREFIX = "NEWSLEDGER_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str
    #: Our layers, in order ("segmenter", "places", ...); see docs/architecture.md.
    pipeline: tuple[str, ...]
    #: Per-layer config overrides, the ``[components.<layer>]`` sections of a settings file;
    #: a layer's own config class checks them when the pipeline is built.
    components: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # Resource bounds: a negative, zero or NaN bound would disable or invert them silently.
    max_doc_chars: int = Field(ge=1)
    max_input_bytes: int = Field(ge=1)
    doc_timeout_s: float = Field(ge=0, allow_inf_nan=False)  # 0 = no limit
    max_feed_entries: int = Field(ge=1)
    max_layer_records: int = Field(ge=1)
    batch_size: int = Field(ge=1)
    #: reports per transaction when ``ingest`` stores analysed reports (nothing to analyse)
    reports_batch_size: int = Field(ge=1)
    workers: int = Field(ge=1)
    db_url: str
    cache_dir: str
    #: the desk's staleness bound after a write, seconds (0 = strict); see server/cache.py
    answer_stale_s: float = Field(ge=0, allow_inf_nan=False)
    #: the desk's answers computed when it starts, before it listens (server/warm.py); each a
    #: path under /api/ with its query, as the desk's pages ask for it
    warm_urls: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _legacy_components_list(cls, values: Any) -> Any:
        """Before layers had configs, ``components`` was the ordered list of versioned factory
        names ("newsledger_quotes_v1"); such a list is read as ``pipeline``."""
        if isinstance(values, dict) and isinstance(values.get("components"), list | tuple):
            values = dict(values)
            names = [str(n) for n in values.pop("components")]
            values["pipeline"] = [_layer_name(n) for n in names]
        return values

    @field_validator("pipeline", mode="before")
    @classmethod
    def _layer_names(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(_layer_name(str(n)) for n in value)
        return value

    @field_validator("warm_urls")
    @classmethod
    def _api_paths(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for url in value:
            if not url.startswith("/api/") or len(url) > 2000 or any(c.isspace() or c == "#" for c in url):
                raise ValueError(f"warm_urls: {url[:80]!r} is not a path under /api/ with its query")
        return value

    def nlp_key(self) -> str:
        """What the spaCy pipeline depends on: the model, the layers and their configs. Process
        settings (database, workers, caches) are not part of it, so changing them never
        rebuilds the pipeline."""
        return json.dumps([self.model, list(self.pipeline), self.components], sort_keys=True, default=str)

    @property
    def cache_path(self) -> Path:
        """Where built data (the gazetteer) is kept. The cache is a process setting, not an
        analysis one, so settings built without files (``use_files=False``, as tests and
        scripts do) still honour ``NEWSLEDGER_CACHE_DIR`` instead of rebuilding the shared
        default cache."""
        chosen = self.cache_dir or os.environ.get(ENV_PREFIX + "CACHE_DIR", "")
        if chosen:
            return Path(chosen).expanduser()
        import platformdirs

        return Path(platformdirs.user_cache_dir("newsledger"))

    @property
    def database_url(self) -> str:
        if self.db_url:
            return self.db_url
        import platformdirs

        path = Path(platformdirs.user_data_dir("newsledger")) / "ledger.sqlite"
        return f"sqlite:///{path}"

    def replace(self, **changes: Any) -> Settings:
        return load_settings(overrides={**self.model_dump(), **changes}, use_files=False)


def _layer_name(name: str) -> str:
    """"quotes" from "quotes", "newsledger_quotes" or the old "newsledger_quotes_v1"."""
    name = name.strip().removeprefix("newsledger_")
    head, sep, tail = name.rpartition("_v")
    return head if sep and tail.isdigit() else name


def _merge(values: dict[str, Any], more: dict[str, Any]) -> None:
    """Update ``values`` with ``more``; ``components`` sections merge layer by layer."""
    for key, value in more.items():
        old = values.get(key)
        if key == "components" and isinstance(old, dict) and isinstance(value, dict):
            merged = {k: dict(v) for k, v in old.items() if isinstance(v, dict)}
            for layer, section in value.items():
                if isinstance(section, dict) and isinstance(merged.get(layer), dict):
                    merged[layer] = {**merged[layer], **section}
                else:
                    merged[layer] = section
            values[key] = merged
        else:
            values[key] = value


def _defaults() -> dict[str, Any]:
    text = resources.files("newsledger.data").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def user_config_path() -> Path:
    explicit = os.environ.get(ENV_PREFIX + "CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("newsledger")) / "config.toml"


def _from_env(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, default in fields.items():
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        if isinstance(default, dict):
            raw = raw.strip()
            try:  # a JSON object, or the old ordered list (JSON or comma-separated)
                out[name] = json.loads(raw) if raw.startswith(("{", "[")) else [
                    x.strip() for x in raw.split(",") if x.strip()]
            except json.JSONDecodeError as exc:
                raise SettingsError(f"{ENV_PREFIX}{name.upper()} is not valid JSON: {exc.msg} at column {exc.colno}",
                                    source="environment") from exc
        elif isinstance(default, list | tuple):
            raw = raw.strip()
            try:
                value = json.loads(raw) if raw.startswith("[") else None
            except json.JSONDecodeError as exc:
                raise SettingsError(f"{ENV_PREFIX}{name.upper()} is not valid JSON: {exc.msg} at column {exc.colno}",
                                    source="environment") from exc
            out[name] = value if value is not None else [
                x.strip() for x in raw.split(",") if x.strip()
            ]
        else:
            out[name] = raw
    return out


def load_settings(
    overrides: dict[str, Any] | None = None, *, use_files: bool = True
) -> Settings:
    """Build the settings from every layer. Raises :class:`SettingsError` when invalid."""
    values = _defaults()
    if use_files:
        path = user_config_path()
        if path.is_file():
            try:
                _merge(values, tomllib.loads(path.read_text("utf-8")))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"cannot read settings file: {exc}", source=str(path)) from exc
        _merge(values, _from_env(values))
    if overrides:
        _merge(values, {k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError(f"invalid settings: {exc}") from exc


_DEFAULT: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings from files and environment (cached)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_settings()
    return _DEFAULT
