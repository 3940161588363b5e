"""Language data as data: word lists and patterns live in files under `resources/<lang>/`.

Each list is a UTF-8 text file, one entry per line; `#` starts a comment and blank lines are
skipped. Code asks for a list by name (`words("speech_verbs")`), so another language is a new
folder of the same files, not new code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DEFAULT_LANG = "en"


def _text(name: str, lang: str) -> str:
    path = resources.files(__name__).joinpath(lang, name)
    if not path.is_file():
        raise LookupError(f"no language resource {lang}/{name}")
    return path.read_text(encoding="utf-8")


@cache
def lines(name: str, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The entries of `<lang>/<name>.txt` in file order (comments and blanks left out)."""
    entries = (line.split("#", 1)[0].strip() for line in _text(f"{name}.txt", lang).splitlines())
    return tuple(entry for entry in entries if entry)


@cache
def words(name: str, lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The entries of `<lang>/<name>.txt` as a set, for membership tests."""
    return frozenset(lines(name, lang))


@cache
def table(name: str, lang: str = DEFAULT_LANG) -> object:
    """`<lang>/<name>.json`: structured data (mappings, weighted lists)."""
    return json.loads(_text(f"{name}.json", lang))
