"""The Dask worker plugin that builds the newsledger pipeline once per worker process."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class PipelinePlugin(WorkerPlugin):
    """On ``setup`` (a worker joins, or the plugin is registered) load model and gazetteer."""

    def __init__(self, settings_json: str) -> None:
        self.settings_json = settings_json

    def setup(self, worker: Any) -> None:
        from .worker import warm_up

        warm_up(self.settings_json)
