"""Where copied text came from, as the articles themselves credit it.

Credits are read from the text and from what cleaning removed (bylines, source lines and
datelines move to `Article.removed`). Photo credits ("Photo: AP Photo", "(Pool via AP)")
are ignored on purpose: they name who took a picture, not who wrote the words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import cast

from newsfuse.model import Article
from newsfuse.resources import lines, table

# Wire services, most widely syndicated first: on a tie, the wire is the likelier origin.
WIRES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (str(name), tuple(aliases))
    for name, aliases in cast(dict[str, list[str]], table("wire_services")).items()
    if name != "_about"
)
_CANONICAL = {alias.lower(): name for name, aliases in WIRES for alias in (name, *aliases)}
_WIRE_RANK = {name: i for i, (name, _) in enumerate(WIRES)}
_WIRE_NAMES = "|".join(
    sorted((re.escape(alias) for alias in _CANONICAL if alias != "pa"), key=len, reverse=True)
)
_OUTLET_NOUNS = (
    "Post|Times|News|Herald|Journal|Telegraph|Tribune|Guardian|Gazette|Standard|Courier|Mail|"
    "Express|Observer|Chronicle|Daily|Press|Agency|Wire|Sun|Star|Independent"
)
_NAME_WORD = r"[A-Z][\w'’&.-]*"
# An outlet named in running text: a known wire, or capitalised words ending in an outlet noun.
_OUTLET = rf"(?:(?:{_NAME_WORD}\s+){{0,4}}(?:{_OUTLET_NOUNS})\b|\b(?:{_WIRE_NAMES})\b)"

# Article-level credits weigh more than a mention in running text.
_LINE_CREDIT = re.compile(
    r"^(?:by|source|sources|courtesy of|distributed by)\s*[:\-]?\s*(?:the\s+)?(?P<name>.{2,60}?)"
    r"(?:\s+and agencies)?\.?$",
    re.IGNORECASE,
)
_AGENCIES = "|".join(lines("wire_agencies"))
_TAG = re.compile(rf"\((?P<name>{_AGENCIES}|[A-Z]{{2,5}})\)\s*[—–-]")
_SIGNOFF = re.compile(rf"(?:^|[\s(])[—–-]\s*(?P<name>{_AGENCIES})\)?\s*$")
_IN_TEXT = (
    re.compile(rf"\baccording to\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<name>{_OUTLET})"),
    re.compile(
        rf"(?:^|[,.;]\s+|\bthe\s+)(?:[\w-]+\s+)?(?P<name>{_OUTLET})\s+"
        r"(?:reported|reports|has reported|said in a report)\b"
    ),
)
_WINDOW = "\x00"  # marks a snippet of running text among the credit lines
_ORG_WORD = re.compile(
    rf"\b(?:{_OUTLET_NOUNS}|Association|Service|Media|Agencies|World|TV|Radio)\b|^[A-Z]{{2,6}}$"
)


def _clean_name(name: str) -> str:
    name = re.sub(r"^.*?-based\s+", "", name.strip(" .,;:'\"“”‘’"))
    name = re.sub(r"^(?:the|state|state-run|news agency|news site)\s+", "", name, flags=re.I)
    return _CANONICAL.get(name.lower(), name)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _anchors(text: str) -> list[int]:
    """Offsets of "according to" and of "report" starting a word, as the regex
    `according to|\\breport` would find them: `str.find` is an order of magnitude faster
    than that regex over a whole article."""
    found: list[int] = []
    for word in ("according to", "report"):
        at = text.find(word)
        while at >= 0:
            if word == "according to" or at == 0 or not _is_word_char(text[at - 1]):
                found.append(at)
            at = text.find(word, at + 1)
    found.sort()
    return found


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # the regex's \w


def _may_credit(line: str) -> bool:
    """Whether `parse_credits` could read a credit in this edge line: it must open like a
    source line, or hold the bracket of a "(AP) —" tag or the dash of a "— AP" sign-off.
    The detector keeps these lines for every article, so the rest are dropped."""
    head = line[:300]
    return (
        "(" in head
        or "-" in head
        or "—" in head
        or "–" in head
        or line[:14].lower().startswith(("by", "source", "courtesy of", "distributed by"))
    )


def credit_snippets(article: Article) -> tuple[str, ...]:
    """The few places a credit can stand, cut out cheaply so that the detector can keep them
    and read credits only for articles that turn out to be copies: lines at the edges of
    the text, lines cleaning removed (bylines, datelines; not photo captions), and the
    text around words that credit a report ("according to", "reported").

    Edge lines are kept only if they can hold a credit, and only their first 300
    characters (all `parse_credits` reads of them): what a copy detector over 100k
    articles holds per article should be a few short strings, not paragraphs."""
    text = article.text
    # The first and last three lines, without splitting the whole text.
    head: list[tuple[int, int]] = []
    at = 0
    while len(head) < 3 and at <= len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        head.append((at, end))
        at = end + 1
    # splitlines makes no empty line of a final newline.
    tail: list[tuple[int, int]] = []
    end = len(text) - 1 if text.endswith("\n") else len(text)
    while len(tail) < 3 and end >= 0:
        start = text.rfind("\n", 0, end) + 1
        tail.append((start, end))
        end = start - 1
    lines = [text[lo:hi] for lo, hi in (*head, *reversed(tail))]
    removed = [line for r in article.removed if r.rule != "caption" for line in r.text.splitlines()]
    edges = [line.strip() for line in (*lines, *removed)]
    spans: list[list[int]] = []
    for anchor in _anchors(text):
        lo, hi = max(0, anchor - 120), anchor + len("report") + 120
        if text.startswith("according to", anchor):
            hi = anchor + len("according to") + 120
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)  # overlapping windows merge: no mention twice
        else:
            spans.append([lo, hi])
    windows = [" " + text[lo:hi] for lo, hi in spans]
    kept = (edge[:300] for edge in dict.fromkeys(edges) if edge and _may_credit(edge))
    return (*kept, *(_WINDOW + w for w in windows))


def parse_credits(snippets: Sequence[str]) -> list[tuple[str, int]]:
    """(outlet, weight) for the credits in `credit_snippets`: 2 for a byline, source line or
    dateline tag, 1 for an outlet named as reporting inside the text."""
    found: list[tuple[str, int]] = []
    for snippet in snippets:
        if snippet.startswith(_WINDOW):
            for pattern in _IN_TEXT:
                found += [(_clean_name(m["name"]), 1) for m in pattern.finditer(snippet)]
            continue
        match = _LINE_CREDIT.match(snippet) if len(snippet.split()) <= 8 else None
        if match and _ORG_WORD.search(match["name"]):
            found.append((_clean_name(match["name"]), 2))
        for pattern in (_TAG, _SIGNOFF):
            found += [(_clean_name(m["name"]), 2) for m in pattern.finditer(snippet[:300])]
    return [(name, weight) for name, weight in found if name]


def credits(article: Article) -> list[tuple[str, int]]:
    """(outlet, weight) for every credit the article gives (see `parse_credits`)."""
    return parse_credits(credit_snippets(article))


def pick_origin(credited: Iterable[Sequence[tuple[str, int]]]) -> str | None:
    """The outlet the group's members credit most; an acronym counts for its full name
    ("MPA" for "Meridian Press Agency"), and on a tie the more widely syndicated wire wins."""
    weights: Counter[str] = Counter()
    for member in credited:
        for name, weight in member:
            weights[name] += weight
    if not weights:
        return None
    for short in list(weights):
        full = [n for n in weights if n != short and " " in n and _initials(n) == short]
        if full and short.isupper():
            weights[full[0]] += weights.pop(short)
    order = list(weights)
    return max(
        weights,
        key=lambda n: (weights[n], -_WIRE_RANK.get(n, len(_WIRE_RANK)), -order.index(n)),
    )
