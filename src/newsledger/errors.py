"""Errors with codes. Each message names the input and the problem.

Every code the program prints is declared here, once: each class below declares its own, and
:data:`CODES` maps every code to its class. Declaring a code twice fails at import time
(``tests/test_errors.py`` also checks that every code written in the sources is declared).
"""

from __future__ import annotations

#: code -> the class that declares it (filled in as the classes below are defined).
CODES: dict[str, type[NewsledgerError]] = {}


class NewsledgerError(Exception):
    """Base class. ``code`` is stable (E1xx input, E2xx pipeline, E3xx store, E4xx settings)."""

    code = "E000"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        other = CODES.get(code)
        if other is not None and other.__qualname__ != cls.__qualname__:
            raise TypeError(f"error code {code} is declared by both {other.__name__} and {cls.__name__}")
        CODES[code] = cls

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {prefix}{message}")
        self.reason = message


class InputError(NewsledgerError):
    """A document that cannot be read or has no usable text."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class TooLargeError(InputError):
    code = "E104"


class NoArticleBodyError(InputError):
    code = "E105"


class UnsupportedInputError(InputError):
    code = "E106"


class DocumentTimeoutError(InputError):
    code = "E107"


class BadRecordError(InputError):
    """A JSON Lines record that is not valid JSON or lacks its text field."""

    code = "E108"


class FeedCapError(InputError):
    """A feed with more entries than ``max_feed_entries``; the rest are skipped."""

    code = "E109"


class TooDeepError(InputError):
    """Input nested deeper than a parser can follow (JSON arrays, XML elements)."""

    code = "E110"


class InvalidRecordError(InputError):
    """A JSON record that is not a valid Report or Article."""

    code = "E111"


class ArchiveError(InputError):
    """A WARC archive that cannot be read."""

    code = "E112"


class UnexpectedInputError(InputError):
    """A parser failed on the input in a way no other code describes (its message says how)."""

    code = "E199"


class PipelineError(NewsledgerError):
    """The pipeline cannot be built, or the analysis of one article failed (it is skipped)."""

    code = "E200"


class StoreError(NewsledgerError):
    code = "E300"


class SettingsError(NewsledgerError):
    code = "E400"


class QueryError(NewsledgerError):
    """A query parameter the ledger cannot use: a malformed date, a NUL character, a filter
    the query does not have."""

    code = "E350"


class QueryTimeoutError(NewsledgerError):
    """A query that ran past its time limit and was cancelled."""

    code = "E351"


class DataTableError(SettingsError):
    """A lexicon or table in ``newsledger/data`` that cannot be read: names the file and line."""

    code = "E401"

class LinkOutsideError(InputError):
    """A feed link whose local page would lie outside the page directories (``--html-dir``,
    the feed's own directory): ``..`` segments, an absolute path, ``file://``, a symlink out."""

    code = "E120"


class NonFiniteNumberError(InputError):
    """A record holding NaN or an infinity, which JSON cannot carry and the ledger cannot export."""

    code = "E121"


class NewerSchemaError(StoreError):
    """A ledger whose schema was migrated by a newer release than this one."""

    code = "E301"


class NoLedgerError(StoreError):
    """A query on a ledger that does not exist (a query never creates one)."""

    code = "E302"
