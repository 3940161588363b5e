"""Ingest: files, folders and stdin to Articles (.txt, .html, .jsonl, RSS/Atom, WARC).

Every bad input becomes one InputError naming it; reading goes on with the rest.
"""

from newsfuse.errors import InputError
from newsfuse.ingest.reader import SUFFIXES, Notice, kind_of, read, read_bytes, read_jsonl_stream

__all__ = ["SUFFIXES", "InputError", "Notice", "kind_of", "read", "read_bytes", "read_jsonl_stream"]
