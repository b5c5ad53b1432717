"""Codes: each error code declared once, by one class in newsledger.errors; warning codes once,
in newsledger.models.WARNING_CODES; and every code written in the sources is one of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsledger import errors
from newsledger.models import WARNING_CODES

SRC = Path(errors.__file__).parent
CODE = re.compile(r"\b[EW]\d{3}\b")


def _error_classes() -> list[type[errors.NewsledgerError]]:
    out: list[type[errors.NewsledgerError]] = []
    todo: list[type[errors.NewsledgerError]] = [errors.NewsledgerError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def test_each_code_is_declared_by_one_class() -> None:
    by_code: dict[str, list[str]] = {}
    for cls in _error_classes():
        if "code" in cls.__dict__ and cls is not errors.NewsledgerError:
            by_code.setdefault(cls.code, []).append(cls.__name__)
    dupes = {code: names for code, names in by_code.items() if len(names) > 1}
    assert not dupes
    assert set(by_code) == set(errors.CODES)


def test_declaring_a_code_twice_fails_at_once() -> None:
    with pytest.raises(TypeError, match="E101"):
        type("Again", (errors.InputError,), {"code": "E101"})


def test_every_code_in_the_sources_is_declared() -> None:
    declared = set(errors.CODES) | set(WARNING_CODES)
    undeclared = {}
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for code in CODE.findall(line):
                if code not in declared:
                    undeclared[f"{path.relative_to(SRC)}:{n}"] = code
    assert not undeclared


def test_codes_appear_in_messages() -> None:
    err = errors.FeedCapError("too many entries", source="feed.xml")
    assert str(err) == "[E109] feed.xml: too many entries"

