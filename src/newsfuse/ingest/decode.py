"""Bytes to text: refuse what is not text, detect the encoding of what is."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsfuse.ingest.errors import InputError

# Control bytes other than tab, newline, carriage return and form feed do not occur in text.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


# How much of an input is looked at to tell text from binary data, and to guess the
# encoding of a long input that is not UTF-8.
HEAD = 8192
SAMPLE = 1 << 20


def refuse_binary(head: bytes, name: str) -> None:
    """Raise InputError if an input's first bytes are binary data, not text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16, whose every other byte is a zero
    if b"\x00" in head:
        raise InputError(name, "binary data, not text")
    if sum(head.count(bytes([c])) for c in _CONTROL) > len(head) * 0.01:
        raise InputError(name, "binary data, not text")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raise InputError for empty or binary input."""
    if not data.strip():
        raise InputError(name, "empty input")
    refuse_binary(data[:HEAD], name)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "could not detect a text encoding")
    return str(best), best.encoding
