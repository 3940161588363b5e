"""WARC archives (plain or gzipped) to Articles: one per HTML response record (warcio).

Records that are not successful HTML responses (requests, metadata, images, redirects)
are skipped silently: a crawl is mostly those. Pages without article text are reported
and skipped like any other bad input.

Crawls run to gigabytes, so a WARC file is read record by record from its file object
(`parse_warc_file`) and the size cap applies to each record's payload, not to the file.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsfuse.config import MAX_FILE_BYTES
from newsfuse.ingest.decode import decode
from newsfuse.ingest.errors import InputError
from newsfuse.ingest.formats import parse_html
from newsfuse.model import Article


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def _text(payload: bytes, content_type: str, where: str) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declared charset: detect it instead
    return decode(payload, where)[0]


def parse_warc(
    data: bytes, stem: str, source_path: str | None = None
) -> Iterator[Article | InputError]:
    """Articles from HTML responses; ids are `<file stem>:<record number>`."""
    return parse_warc_file(io.BytesIO(data), stem, source_path)


def parse_warc_file(
    stream: BinaryIO,
    stem: str,
    source_path: str | None = None,
    max_record_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | InputError]:
    """Articles from the HTML responses of a WARC read from `stream`, one record at a time.

    A page whose payload exceeds `max_record_bytes` is reported and skipped; only that
    much of it is ever held in memory.
    """
    name = source_path or stem
    found = 0
    archive = _Archive(stream)
    number, last = 0, None
    try:
        for number, record in enumerate(archive, start=1):
            last = record
            if record.length is None:
                # Without it warcio reads the rest of the file as this record's payload.
                yield InputError(
                    f"{name}:{number}", "WARC record has no Content-Length, reading stopped"
                )
                return
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            if status != "200" or "html" not in content_type.lower():
                continue
            found += 1
            where = f"{name}:{number}"
            payload = record.content_stream().read(max_record_bytes + 1)
            if len(payload) > max_record_bytes:
                limit = max_record_bytes // (1024 * 1024)
                yield InputError(where, f"record larger than {limit} MB, skipped")
                continue
            try:
                article = parse_html(_text(payload, content_type, where), f"{stem}:{number}")
            except InputError as exc:
                yield InputError(where, exc.reason)
                continue
            # The crawl knows the page's address even when the page does not say it.
            url = article.url or record.rec_headers.get_header("WARC-Target-URI")
            yield replace(article, url=url, source_path=source_path)
    except ArchiveLoadFailed as exc:
        yield InputError(name, f"not a readable WARC file ({exc.msg:.80})")
        return
    except _BROKEN:
        # warcio reads a damaged record header as far as it can and then fails on what is
        # missing (an AttributeError on a cut header, a zlib error on corrupt gzip).
        read = f"after record {number}" if number else "at the start"
        yield InputError(name, f"damaged WARC file: a record header is cut or malformed {read}")
        return
    # A file cut short ends reading as if it were complete: say so.
    if archive.cut_short or (last is not None and getattr(last.raw_stream, "limit", 0) > 0):
        yield InputError(name, f"WARC file is cut short: reading stopped after record {number}")
    if not found:
        yield InputError(name, "WARC file holds no HTML responses")


# What warcio raises, besides ArchiveLoadFailed, on a damaged file.
_BROKEN = (AttributeError, ValueError, IndexError, KeyError, EOFError, OSError, zlib.error)


class _Archive(ArchiveIterator):  # type: ignore[misc]
    """ArchiveIterator noting a gzip stream cut before its end (which warcio reads as the
    end of the file)."""

    cut_short = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader is not None else None
        # zlib's decompressor has seen the end of its stream once its end marker has come.
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.cut_short = True
        super().close()
