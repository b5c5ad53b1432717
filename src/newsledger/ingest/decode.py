"""Bytes to text: the declared encoding, then detection; binary is refused, never crashes."""

from __future__ import annotations

import re
import unicodedata

from ..errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError

#: Share of control characters (other than whitespace) above which input is binary.
#: Text in any encoding has almost none; 5% tolerates a few stray bytes in real pages.
MAX_CONTROL_SHARE = 0.05
#: How many leading bytes are sniffed for binary content.
SNIFF_BYTES = 8192
#: A UTF-8 sequence is at most 4 bytes, so a file cut inside its last character leaves at most
#: 3 bytes of it; a decoding error that close to the end is a truncation, not another encoding.
MAX_TRUNCATED_TAIL = 3
#: Minimum coherence charset-normalizer must report for a guessed encoding to be used.
MIN_DETECT_COHERENCE = 0.0

_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b",
    b"BZh", b"\xfd7zXZ", b"MZ", b"OggS", b"RIFF", b"SQLite format 3",
)


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # a BOM: UTF-16 or UTF-8 text
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes, source: str, declared: str | None = None, max_chars: int | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding used). Raises an InputError naming ``source``."""
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    if max_chars is not None and len(data) > max_chars * 4:
        raise TooLargeError(
            f"the input is {len(data):,} bytes, over the cap of {max_chars:,} characters "
            "(setting max_doc_chars)", source=source)
    if looks_binary(data):
        raise BinaryInputError("the input is binary, not text or HTML", source=source)
    tried = []
    for enc in [e for e in (declared, "utf-8-sig") if e]:
        try:
            text = data.decode(enc)
            return _finish(text, source, max_chars), enc
        except UnicodeDecodeError as exc:
            if enc == "utf-8-sig" and _truncated_utf8(data, exc):
                return _finish(data[:exc.start].decode(enc) + "\ufffd", source, max_chars), enc
            tried.append(enc)
        except LookupError:
            tried.append(enc)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(
            f"cannot decode the bytes (tried {', '.join(tried)} and detection)", source=source
        )
    return _finish(str(best), source, max_chars), best.encoding


def _truncated_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """A file cut inside its last character: valid UTF-8 with non-ASCII text before the cut
    (a Latin-1 file ending in one accented letter stays with detection)."""
    return (exc.reason == "unexpected end of data" and len(data) - exc.start <= MAX_TRUNCATED_TAIL
            and not data[:exc.start].isascii())


def _finish(text: str, source: str, max_chars: int | None) -> str:
    text = normalise_text(text)
    if not text.strip():
        raise EmptyInputError("the input has no text", source=source)
    if max_chars is not None and len(text) > max_chars:
        raise TooLargeError(
            f"the document has {len(text):,} characters, over the cap of {max_chars:,} "
            "(setting max_doc_chars)", source=source)
    return text


_SURROGATES = re.compile("[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, no NULs, no lone surrogates (JSON's ``"\\ud800"`` makes them;
    they cannot be encoded, hashed or stored), each replaced by U+FFFD. Offsets are taken on
    this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _SURROGATES.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)
