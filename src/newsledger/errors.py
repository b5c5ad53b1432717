"""Errors with codes. Each message names the input and the problem."""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class. ``code`` is stable (E1xx input, E2xx pipeline, E3xx store, E4xx settings)."""

    code = "E000"

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


class InvalidJSONError(InputError):
    code = "E108"


class TooManyEntriesError(InputError):
    """A feed with more entries than max_feed_entries: the rest are not read."""

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


class BadRecordError(InputError):
    """A JSON Lines record that is not valid JSON or lacks its text field."""

    code = "E108"


class FeedCapError(InputError):
    """A feed with more entries than ``max_feed_entries``; the rest are skipped."""

    code = "E109"


class PipelineError(NewsledgerError):
    code = "E200"


class StoreError(NewsledgerError):
    code = "E300"


class SettingsError(NewsledgerError):
    code = "E400"


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
