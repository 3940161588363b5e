"""Reading files, folders and stdin into Articles, whatever their format.

Every bad input becomes one InputError naming it, reported to `on_error` or logged as a
warning on the `newsfuse.ingest.reader` logger; reading goes on with the rest. Notices
(an input decoded from a legacy encoding) go to `notice` or are logged as info.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tqdm import tqdm

from newsfuse.config import MAX_FILE_BYTES
from newsfuse.ingest.decode import HEAD, SAMPLE, decode, refuse_binary
from newsfuse.ingest.errors import InputError
from newsfuse.ingest.feeds import parse_feed
from newsfuse.ingest.formats import parse_html, parse_jsonl, parse_jsonl_line, parse_txt
from newsfuse.ingest.warc import parse_warc, parse_warc_file
from newsfuse.model import Article

__all__ = ["SUFFIXES", "Notice", "kind_of", "read", "read_bytes", "read_jsonl_stream"]

logger = logging.getLogger(__name__)

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".warc.gz": "warc",
}  # fmt: skip
# Kinds parsed from bytes: feeds declare their own encoding, WARC files are binary.
_BINARY_KINDS = {"feed": parse_feed, "warc": parse_warc}

Notice = Callable[[str], None]
_TOO_BIG = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, skipped"


def kind_of(path: Path) -> str | None:
    """The format a file's name promises (".warc.gz" counts as one suffix), if any."""
    name = path.name.lower()
    return "warc" if name.endswith(".warc.gz") else SUFFIXES.get(path.suffix.lower())


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article")):
        return "html"
    return "txt"


def read_bytes(
    data: bytes, name: str, kind: str | None = None, notice: Notice | None = None
) -> Iterator[Article | InputError]:
    """Parse one input's bytes; `name` is what errors call it, its stem the article id.
    Notices go to `notice`, else to the logger (info)."""
    if len(data) > MAX_FILE_BYTES:
        yield InputError(name, _TOO_BIG)
        return
    if kind is None and (data.lstrip()[:4] == b"WARC" or name.lower().endswith(".warc.gz")):
        kind = "warc"
    elif kind is None and re.match(rb"\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", data[:400]):
        kind = "feed"
    if kind in _BINARY_KINDS:
        if not data.strip():
            yield InputError(name, "empty input")
            return
        stem = Path(name).name.split(".")[0] if kind == "warc" else Path(name).stem
        yield from _BINARY_KINDS[kind](data, stem, name)
        return
    try:
        text, encoding = decode(data, name)
    except InputError as exc:
        yield exc
        return
    if encoding != "utf-8":
        (notice or logger.info)(f"{name}: not UTF-8, decoded as {encoding}")
    kind = kind or _sniff(text)
    stem = Path(name).stem
    try:
        if kind == "jsonl":
            yield from parse_jsonl(text, stem, name)
        elif kind == "html":
            yield parse_html(text, stem, name)
        else:
            yield parse_txt(text, stem, name)
    except InputError as exc:
        yield exc


def read_jsonl_stream(
    stream: BinaryIO, name: str, notice: Notice | None = None
) -> Iterator[Article | InputError]:
    """Articles of a JSONL file of any size, read a line at a time from a seekable stream:
    a line over `MAX_FILE_BYTES` is reported and skipped, and only that much of it is
    held. Lines not in UTF-8 (as JSON should be) are decoded in the encoding guessed
    once, from the file's start and the first such line and what follows it."""
    head = stream.read(SAMPLE)
    try:
        refuse_binary(head[:HEAD], name)
    except InputError as exc:
        yield exc
        return
    stream.seek(0)
    stem = Path(name).stem
    guessed: str | None = None
    told: set[str] = set()
    # Two bytes more than the cap: a line of exactly the cap still fits with its "\r\n".
    lines = iter(lambda: stream.readline(MAX_FILE_BYTES + 2), b"")
    for number, raw in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if len(raw.rstrip(b"\r\n")) > MAX_FILE_BYTES:
            while raw and not raw.endswith(b"\n"):  # the rest of the line
                raw = stream.readline(MAX_FILE_BYTES)
            yield InputError(where, "line " + _TOO_BIG)
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                if guessed is None:
                    # A line or two is too little to tell cp1252 from its neighbours.
                    after = stream.tell()
                    sample = head if after <= len(head) else head + raw + stream.read(SAMPLE)
                    stream.seek(after)
                    _, guessed = decode(sample, where)
                line, encoding = raw.decode(guessed), guessed
            except UnicodeDecodeError:
                line, encoding = decode(raw, where)
            except InputError as exc:
                yield exc
                continue
            if encoding not in told:
                told.add(encoding)
                (notice or logger.info)(
                    f"{name}: not UTF-8, lines decoded as {encoding} (first: line {number})"
                )
        yield parse_jsonl_line(line, number, stem, name)


def _log_error(error: InputError) -> None:
    logger.warning("%s", error)


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
            if not found:
                yield InputError(str(path), "folder holds no .txt, .html or .jsonl files")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def read(
    paths: Iterable[str | Path],
    on_error: Callable[[InputError], None] | None = None,
    notice: Notice | None = None,
    progress: bool = False,
) -> list[Article]:
    """Read articles from files, folders and `-` (stdin).

    Errors go to `on_error` (default: a warning on this module's logger) and never stop
    the run; notices go to `notice` (default: info on the logger).
    """
    report = on_error or _log_error

    inputs = list(_expand(paths))
    articles: list[Article] = []
    seen: set[str] = set()

    def _keep(results: Iterable[Article | InputError], name: str) -> None:
        for result in results:
            if isinstance(result, InputError):
                report(result)
            elif result.id in seen:
                report(InputError(name, f"duplicate article id {result.id!r}, skipped"))
            else:
                seen.add(result.id)
                articles.append(result)

    for item in tqdm(inputs, desc="reading", unit="file", disable=not progress, file=sys.stderr):
        if isinstance(item, InputError):
            report(item)
            continue
        try:
            if str(item) == "-":
                data, name, kind = sys.stdin.buffer.read(), "stdin", None
            else:
                name, kind = str(item), kind_of(item)
                large = item.stat().st_size > MAX_FILE_BYTES
                if kind == "warc" or (kind == "jsonl" and large):
                    # Crawls, and a day of feeds, outgrow the cap: they are read a record
                    # or a line at a time, and the cap holds per record or line.
                    with item.open("rb") as stream:
                        _keep(
                            parse_warc_file(stream, item.name.split(".")[0], name)
                            if kind == "warc"
                            else read_jsonl_stream(stream, name, notice),
                            name,
                        )
                    continue
                if large:
                    report(InputError(name, _TOO_BIG))
                    continue
                data = item.read_bytes()
        except OSError as exc:
            report(InputError(str(item), exc.strerror or "cannot be read"))
            continue
        _keep(read_bytes(data, name, kind, notice), name)
    return articles
