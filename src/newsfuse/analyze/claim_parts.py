"""What the alignment reads of a sentence: its figures (in digits or words), the parts of
its dates, its names, and its main clause.

A restatement of a fact in another report keeps its figures and names ("anchors") and its
main clause, and may leave out the rest: the parts of a date ("on July 7th, 2005"), a time
span back from the report ("42 years ago"), an indefinite count ("dozens"), the clauses
hanging on the main one ("..., who was filmed last month").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from newsfuse.analyze._text import content_set, stem
from newsfuse.resources import lines, table, words
from newsfuse.time.lexicon import alternation

__all__ = [
    "anchors",
    "another_time",
    "counts",
    "date_figures",
    "features",
    "figures",
    "main_clause",
    "miscounts",
    "saying_words",
    "telling_figures",
    "weekdays",
    "when",
    "without_speaker",
    "years",
    "years_back",
]

# (Each look-behind below stands after the first character it guards: a pattern that opens
# with one is tried at every offset, one that opens with a character skips to candidates.)
_FIGURE = re.compile(r"\d(?<![\w.]\d)(?:[\d,]*\d)?(?:\.\d+)?")
_CAPITALISED = re.compile(r"[A-Z](?<=[\s(\"“‘'][A-Z])[a-z]+(?:[-'’][A-Z]?[a-z]+)?")
_STARTERS = words("sentence_starters")
_SMALL = cast(dict[str, dict[str, float]], table("number_words"))["small"]
# "fifty-two": a tens word and a unit word joined are one number.
_COMPOUND = re.compile(r"\b([a-z]+ty)-([a-z]+)\b")
# A clock time however printed ("5:10 a.m.", "5.10am", "17:10"): one figure, "5:10".
_CLOCK = re.compile(
    r"(\d(?<![\d.,]\d)\d?)(?::(\d{2})|\.(\d{2})(?=\s*[ap]\.?m\b))(?![\d:])", re.IGNORECASE
)
# Month names as printed, capitalised or in capitals ("OCT. 5" in a dateline): "they may
# 12 times", "march 30 miles" date nothing.
_MONTH = "|".join(
    sorted(
        {
            f(m)
            for m in words("months") | words("month_abbreviations")
            for f in (str.capitalize, str.upper)
        },
        key=len,
        reverse=True,
    )
)
# The parts of a date ("July 7th, 2005", "7 July", "2005"): a restatement may leave them out.
_DATE_PART = re.compile(
    rf"\b(?:(?:{_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b)"
    r"|(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d)"
)
_YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?!\d|,\d)")
_AGO = re.compile(r"\b(\d+|[a-z]+) (?:years?|months?|weeks?|days?) ago\b")
# Where a clause hanging on the main one opens: after a comma or a dash, or a word of
# `clause_openers`, or after a comma a participle, "as" or an appositive (", leaving the
# team ...", ", as talks resumed", ", the ferry that ran aground ...").
_OPENER = "|".join(sorted(words("clause_openers"), key=len, reverse=True))
_CLAUSE = re.compile(
    rf"(?:,|\s[-–—])?\s(?:(?:{_OPENER})\b|(?<=,\s)(?:[a-z]+ing|as|the|an?)\b)", re.IGNORECASE
)
_MAIN_WORDS = 4  # content words a main clause needs to stand for the sentence


def figures(text: str) -> frozenset[str]:
    """The numbers a text prints, in digits or words ("three" is "3", "fifty-two" "52"),
    a clock time as one figure ("5:10 a.m." and "5.10am" are "5:10")."""
    # Every sentence of a story passes here (`anchors`): the scans most texts cannot match
    # are skipped.
    found = {f"{int(m[1])}:{m[2] or m[3]}" for m in _CLOCK.finditer(text)}
    if found:
        text = _CLOCK.sub(" ", text)
    found |= {m[0].replace(",", "") for m in _FIGURE.finditer(text)}
    lower = text.lower()
    if "ty-" in lower:
        for m in _COMPOUND.finditer(lower):
            if m[1] in _SMALL and m[2] in _SMALL and _SMALL[m[2]] < 10:
                found.add(f"{_SMALL[m[1]] + _SMALL[m[2]]:g}")
        lower = _COMPOUND.sub(lambda m: " " if m[1] in _SMALL and m[2] in _SMALL else m[0], lower)
    found |= {f"{_SMALL[w]:g}" for w in re.findall(r"[a-z]+", lower) if w in _SMALL}
    return frozenset(found)


def telling_figures(text: str) -> frozenset[str]:
    """The figures a restatement of a text keeps: not the parts of its dates, nor a time
    span back from the report ("42 years ago": another report gives the year), nor an
    indefinite count ("dozens", "hundreds")."""
    lower = text.lower()
    spans = {
        m[1] if m[1][0].isdigit() else f"{_SMALL[m[1]]:g}"
        for m in _AGO.finditer(lower)
        if m[1][0].isdigit() or m[1] in _SMALL
    }
    indefinite = {
        f"{_SMALL[w]:g}"
        for w in re.findall(r"[a-z]+s\b", lower)
        if w in _SMALL and w[:-1] in _SMALL
    }
    return figures(text) - date_figures(text) - spans - indefinite


def years_back(text: str) -> frozenset[str]:
    """The spans of years a text counts back from the report ("13 years ago"): what it
    says then happened at another time than what a text without them says now."""
    return frozenset(m[1] for m in _AGO.finditer(text.lower()) if m[0].split()[1][:4] == "year")


def date_figures(text: str) -> frozenset[str]:
    """The figures of a text that are parts of a date: days beside a month, years."""
    return frozenset(f for m in _DATE_PART.finditer(text) for f in m.groups() if f)


def years(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text))


# No word boundary before: the scan runs over every article of a story, and a leading "\b"
# made it three times slower; the names end in "day", so a longer word rarely holds one.
_WEEKDAY = re.compile(rf"(?:{alternation(w.capitalize() for w in words('weekdays'))})\b")


def weekdays(text: str) -> frozenset[str]:
    """The days of the week a text names ("on Friday"): reports of one event name its day."""
    return frozenset(_WEEKDAY.findall(text))


# Who said it, closing a line: ", State Department spokesman Matthew Miller said."
_SAID_BY = re.compile(
    rf",\s+(?:[\w.'’-]+\s+){{1,8}}?(?:{'|'.join(lines('attribution_verbs'))})\.?[\"”’']?\s*$"
)


def without_speaker(text: str) -> str:
    """The line without the attribution closing it (", the minister said.")."""
    return _SAID_BY.sub("", text)


# A relative clause set off by commas inside the main one, before its verb: "Telegram, which
# was singled out by the minister, was removed from the store" says "Telegram was removed".
_INSET = re.compile(r",\s+(?:who|whom|whose|which)\b[^,;:\"“”()]*,\s+(?=[a-z])")
# A phrase set before the subject ("In between tears of joy, the coach said ..."): the
# setting, not the claim, unless it names, counts or dates something ("On August 29, ...");
# its comma may stand inside a closing quotation mark.
_SETTING = re.compile(
    rf"^(?:{'|'.join(sorted(words('opening_prepositions'), key=len, reverse=True))})\s"
    r"[^,;:]{1,80}?,[\"”’']?\s+(?=\S)",
    re.IGNORECASE,
)


def main_clause(text: str) -> str:
    """The text up to the first clause hanging on its main one ("who ...", ", leaving ..."),
    once it holds `_MAIN_WORDS` content words; else the whole text. A relative clause set
    off by commas before the main clause's verb is left out, and the clause read on; so is
    an opening setting phrase (`_SETTING`) that names, counts and dates nothing."""
    # A setting naming, counting or dating something stays, and no clause opens inside it.
    setting = _SETTING.match(text)
    start = setting.end() if setting else 0
    if (
        setting
        and not anchors(setting[0].split(None, 1)[1])
        and not content_set(setting[0]) & _WHEN_WORDS
    ):
        text, start = text[start:], 0
    text = text[:start] + _INSET.sub(" ", text[start:])
    for m in _CLAUSE.finditer(text, start):
        head = text[: m.start()]
        if len(content_set(head)) >= _MAIN_WORDS:
            return head
    return text


_SCALES = cast(dict[str, dict[str, float]], table("number_words"))["scales"]
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")
_COUNTED_REACH = 3  # words from a count to the word it counts ("dozens of sexual assaults")
_COUNT_FILLERS = words("count_fillers")


def counts(text: str) -> dict[str, list[tuple[float, float]]]:
    """What a text counts and how many, as intervals: the first content word after each
    count ("359 sexual assaults": "sexua" -> [(359, 359)]). An indefinite count is a span:
    "dozens" is 24 to 120, "hundreds" 200 to 1,000 (twice to ten times its unit)."""
    found: dict[str, list[tuple[float, float]]] = {}
    lower = _COMPOUND.sub(
        lambda m: f"{_SMALL[m[1]] + _SMALL[m[2]]:g}" if m[1] in _SMALL and m[2] in _SMALL else m[0],
        text.lower(),
    )
    tokens = [t for t in _TOKEN.findall(lower) if t not in _COUNT_FILLERS]
    for i, token in enumerate(tokens[:-1]):
        unit = _SMALL.get(token[:-1], _SCALES.get(token[:-1])) if token[-1] == "s" else None
        if unit and unit >= 10:  # "dozens", "hundreds"; not "loved ones"
            span = (2 * unit, 10 * unit)
        elif unit or _YEAR.fullmatch(token):
            continue  # "ones", "the 2001 attacks": no count
        elif token[0].isdigit():
            value = float(token.replace(",", ""))
            span = (value, value)
        elif token in _SMALL:
            span = (_SMALL[token], _SMALL[token])
        else:
            continue
        for word in tokens[i + 1 : i + 1 + _COUNTED_REACH]:
            if word[0].isdigit():
                break
            if content := content_set(word):
                found.setdefault(min(content), []).append(span)
                break
    return found


_WHEN_WORDS = frozenset(stem(w) for w in words("weekdays") | words("months"))


def saying_words(text: str) -> frozenset[str]:
    """The content words of a text that say what happened: not its names, figures or days."""
    return content_set(text) - anchors(text) - _WHEN_WORDS


def features(text: str) -> frozenset[str]:
    """What the alignment weighs of a text: its content words and its anchors ("#" + anchor)."""
    return content_set(text) | {"#" + a for a in anchors(text)}


def anchors(text: str) -> frozenset[str]:
    """The figures and names a text prints: what a restatement in other words keeps."""
    found = set(figures(text))
    found |= {
        stem(m[0].lower())
        for m in _CAPITALISED.finditer(" " + text)
        if m[0].lower() not in _STARTERS
    }
    return frozenset(found)


def when(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The years and the days of the week a text names (`another_time`)."""
    return years(text), weekdays(text)


def another_time(dated: tuple[frozenset[str], frozenset[str]], text: str) -> bool:
    """Whether a text is dated in other years, or on other days of the week, than `dated`
    (`when`), and in none of its: it tells another event ("Japanese officials say the
    projectile flew over Hokkaido" in a report of Tuesday's launch, for Friday's)."""
    return any(
        mine and (theirs := read(text)) and not mine & theirs
        for mine, read in zip(dated, (years, weekdays), strict=True)
    )


def miscounts(counted: Mapping[str, list[tuple[float, float]]], text: str) -> bool:
    """Whether a text counts a thing `counted` (`counts` of a line) holds only in other
    amounts: "359 sexual assaults" does not state "dozens of sexual assaults"."""
    told = counts(text)
    return any(
        not any(a <= d and c <= b for a, b in told[thing] for c, d in spans)
        for thing, spans in counted.items()
        if thing in told
    )
