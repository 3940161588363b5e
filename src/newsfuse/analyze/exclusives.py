"""Details only one independent source reports.

A sentence is exclusive to its source when most of its content words are printed by no
other independent source (copies of one wire story are one source, via `sources`) and no
sentence of another source states it (overlap of content words). Words the story uses
everywhere ("Merrow", "Norway") are not counted either way, so a sentence is exclusive for
what it adds: "detained American citizens", "fentanyl precursors".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from newsfuse.analyze._text import YEAR, content_set, overlap
from newsfuse.analyze.align import Alignment
from newsfuse.analyze.names.people import CALENDAR
from newsfuse.analyze.newsworthy import NAME, colour, figures, newsworthiness
from newsfuse.model import Article, Exclusive, Sentence
from newsfuse.resources import lines, words
from newsfuse.resources.patterns import one_of, together
from newsfuse.segment import segment
from newsfuse.segment.lines import (
    FIRST_OR_SECOND_PERSON,
    leans_back,
    opinion_piece,
    said_nothing,
    statement,
    without_connective,
)
from newsfuse.summarize.compress import strip_dateline
from newsfuse.summarize.kinds import POSSESSIVE_OPENING, points_back

__all__ = ["find_exclusives"]

_BOILERPLATE = re.compile(together(lines("boilerplate_cues")), re.IGNORECASE)
# Captions and bullet lists a page glues together without full stops: a lower-case word,
# then a sentence's first word, then a lower-case word ("... local media The heavy ...";
# not "told The Paper").
_STARTERS = words("sentence_starters")
_STARTS = sorted(w.capitalize() for w in _STARTERS - {"i"})
_GLUED = re.compile(rf"[a-z,] (?:{'|'.join(_STARTS)}) [a-z]")
_BLOCK = 2048  # candidate rows per sparse product: bounds memory on large stories
_NAMED_SHARE = 0.3  # share of content words that, with a shared name, states the same detail
_STORY_WIDE = 0.75  # share of sources printing a name that makes it the story's, not a detail's
_MANY_SHARED, _MANY_SHARE = 5, 0.4  # content words shared, and their share of the shorter
_NEAR_COPY = 0.6  # share of content words that makes a short sentence a near copy
_SHOWN = 0.6  # share of content words another section of the brief shows that repeats it
_MOSTLY_QUOTED = 0.5  # share of a sentence's words in quotation marks that makes it a quote
# Words reported from someone the line does not name ("..., he said."; "Later, she added,"):
# who "he" is stands in a sentence the item leaves behind.
_UNNAMED_SPEAKER = re.compile(
    r"(?:,\s*(?:he|she|they)\s+(?:{v})[,.:]|[,?!][\"”’]\s*(?:he|she|they)\s+(?:{v})\b)".format(
        v="|".join(lines("attribution_verbs"))
    ),
    re.IGNORECASE,
)
# Any span between two quotation marks, or from a last one to the end: pages print ” for
# an opening mark too, so which opens is not told by its shape.
_ANY_QUOTE = re.compile(r'[“”"][^“”"]*(?:[“”"]|$)')
# The first quotation mark of a sentence, closing when it follows the quote's last stop
# ('I feel guilty," he said'): pages print ” for an opening mark too.
_FIRST_MARK = re.compile(r'^[^“”"]*?([.,!?])?[“”"]')
_OPENS_QUOTE = re.compile(r'^\s*[“”"‘]')
# A sentence ending in a title ("... didn't want Sen.") was cut where its source broke a
# line: it and the sentence after it ("Max Baucus, D-Mont., to ...") are halves.
_CUT_AT_TITLE = re.compile(rf"\b(?:{one_of(lines('title_abbreviations'))})\.$", re.IGNORECASE)
# Its match ends the sentence: a search need start no further back than the longest title.
_TITLE_REACH = max(map(len, lines("title_abbreviations"))) + len(".")
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
_MONTH = "|".join([*lines("months"), *(rf"{m}\.?" for m in lines("month_abbreviations"))])
# An entry of a dated list ("Nov. 8, 1994, Vancouver, B.C. _ Dr. ... is eating ..."; "2019:
# ..."): the date, a place perhaps, then a dash or colon, opening its paragraph.
_DATED_ENTRY = re.compile(
    rf"^(?:(?:{_MONTH})\s+\d{{1,2}}(?:,\s+\d{{4}})?\b[^:_—–]{{0,60}}?|(?:19|20)\d\d)"
    r"\s*(?:_|—|–|--|:)\s",
    re.IGNORECASE,
)
_QUOTE_TOKEN = re.compile(r"[“”\"]|[^\s“”\"]+")


def _covered(
    words: Sequence[frozenset[str]],
    groups: Sequence[int],
    candidates: Sequence[int],
    max_covered: float,
    names: Sequence[frozenset[str]],
) -> set[int]:
    """The candidates that some sentence of another group states (overlap coefficient of
    content words >= `max_covered`, and 4 words shared; 5 words at `_MANY_SHARE`; or 4 at
    `_NAMED_SHARE` when the shared words include one of both sentences' `names`).

    Comparing every candidate with every sentence in Python was quadratic (12 s of a
    500-article brief); one sparse product of word-incidence matrices counts the shared
    words of all pairs at once."""
    vocabulary: dict[str, int] = {}
    indices = [vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in ws]
    sizes = np.array([len(ws) for ws in words], dtype=np.int64)
    indptr = np.r_[0, np.cumsum(sizes)]
    incidence = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.int32), indices, indptr),
        shape=(len(words), max(len(vocabulary), 1)),
    )
    group = np.asarray(groups)
    rows = np.asarray(candidates, dtype=np.int64)
    covered: set[int] = set()
    for lo in range(0, len(rows), _BLOCK):
        block = rows[lo : lo + _BLOCK]
        shared = (incidence[block] @ incidence.T).tocoo()
        query, other, count = block[shared.row], shared.col, shared.data
        share = count / np.minimum(sizes[query], sizes[other])
        # A near copy (a wire story under another outlet's name, lightly edited) shares
        # most of a short sentence's words: 3 of 4 is as telling as 4 of 8; and 5 words
        # shared tell the same detail at a lower share than 4 do.
        hit = (group[query] != group[other]) & (
            ((count >= 4) & (share >= max_covered))
            | ((count >= 3) & (share >= _NEAR_COPY))
            | ((count >= _MANY_SHARED) & (share >= _MANY_SHARE))
        )
        covered.update(query[hit].tolist())
        # Another wording of one detail keeps its names ("the Cologne mayor ... North
        # African" for "Reker ... North Africa") and a few other words, not their share.
        named = (group[query] != group[other]) & (count >= 4) & (share >= _NAMED_SHARE) & ~hit
        covered.update(
            q
            for q, o in zip(query[named].tolist(), other[named].tolist(), strict=True)
            if names[q] & names[o] & words[q] & words[o]
        )
    return covered


# (The look-behind after the first digit: a search then skips to digits.)
_QUANTITY = re.compile(r"(\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?)[\s-]+([A-Za-z]+)")


def _quantities(text: str) -> set[tuple[str, str]]:
    """The counts a text prints with what they count ("80 diggers", "a 47-page"): small
    numbers too, which alone say little, but not years nor dates ("7 July")."""
    found = set()
    for m in _QUANTITY.finditer(text):
        number = m[1].rstrip(",").replace(",", "")
        if YEAR.fullmatch(number) or m[2].lower() in CALENDAR:
            continue
        for counted in content_set(m[2]):
            found.add((number, counted))
    return found


def _names(text: str) -> frozenset[str]:
    """The stemmed words a text capitalises past its first word: names ("North Africa"),
    not months and weekdays (a date is no name of who or where)."""
    found = NAME.findall(text.split(" ", 1)[-1])
    return content_set(" ".join(w for w in found if w.lower() not in CALENDAR))


def _quoted_shares(sentences: Sequence[Sentence]) -> list[float]:
    """Per sentence of one article, in order, the share of its words in quotation marks.
    A quotation runs on over sentence stops to its closing mark (or its paragraph's end),
    so the middle of a quote has its share though it prints no mark; a sentence whose first
    mark closes is the end of a quote opened before it."""
    shares = []
    inside, paragraph = False, -1
    for s in sentences:
        if s.paragraph != paragraph:
            inside, paragraph = False, s.paragraph
        tokens = _QUOTE_TOKEN.findall(s.text)
        marks = [t for t in tokens if t in '“”"']
        if marks and marks[0] == "”":
            inside = True
        quoted = total = 0
        for token in tokens:
            if token == "“":
                inside = True
            elif token == "”":
                inside = False
            elif token == '"':
                inside = not inside
            else:
                total += 1
                quoted += inside
        shares.append(quoted / total if total else 0.0)
    return shares


def _quote_half(text: str, share: float) -> bool:
    """Whether a sentence is a quote rather than the source's own statement: mostly
    quotation, or opening inside a quote ('I feel guilty," he said': the half a page's
    sentence split left). The quotes section shows it with its speaker."""
    closes = _FIRST_MARK.search(text)
    return share > _MOSTLY_QUOTED or bool(closes and closes[1])


def _quote_shown(text: str, quoted: Sequence[frozenset[str]]) -> bool:
    """Whether the words a sentence quotes are (mostly, `_SHOWN`) in one of the `quoted`
    texts: the quotes section shows them, often joined with the speaker's next words."""
    mine = content_set(" ".join(_ANY_QUOTE.findall(text)))
    return len(mine) >= 2 and any(len(mine & q) >= _SHOWN * len(mine) for q in quoted)


def _someones_named(text: str) -> bool:
    """A line opening on someone's ("His visit ...") that names others: it tells its own
    detail ("His visit also comes ahead of Modi's state visit"), unlike "Her pledge ...",
    which needs the sentence before it."""
    return bool(POSSESSIVE_OPENING.match(text)) and bool(_names(text))


def _stands_alone(text: str) -> bool:
    """Whether a sentence reads as a fact without the one before it: it does not lean
    back ("He ...", "But they ..."; not "Her lawyer, Jane Doe, ...", named next) nor point
    back (`points_back`: "The same ...", "Among them ...", "Earlier, ...", "Her pledge
    ...", "The plan was ..."), report an unnamed speaker (", he said"), or ask or exclaim
    (a column's rhetoric, an order)."""
    alone = without_connective(text)
    back = points_back(alone)
    counts = bool(_quantities(text))
    return not (
        # A count keeps a line leaning back: "It remains wedged at an angle of 12
        # degrees" tells something though "it" is the story's ship, and "The report also
        # reveals a total of 1,049 crimes" though "the report" is the story's; not a line
        # pointing back on its first words ("Among them were 12 children": among whom?).
        (leans_back(alone, possessive=False) and not counts)
        or (back == "" and not _someones_named(alone))
        # "The plan was ...", not "The Hall report found ..., Defence Secretary ...".
        or (bool(back) and not counts and not _names(alone))
        or _UNNAMED_SPEAKER.search(text)
        or FIRST_OR_SECOND_PERSON.search(_ANY_QUOTE.sub(" ", text))
        or text.rstrip("\"'”’) ").endswith(("?", "!"))
    )


def _reported(article: Article, sentences: Sequence[Sentence]) -> list[bool]:
    """Per sentence, what its neighbours tell of it: not in an opinion piece (named so by
    its title or its lead line), not a quote (`_quote_half`), not half of a sentence cut at
    a title ("Sen." / "Max Baucus ..."), not a shard of a dated list's entry ("One shatters
    his thigh bone ...", torn from its date and victim). (`_own_voice` asks the sentence
    alone.)"""
    if opinion_piece(article.title, sentences[0].text if sentences else ""):
        return [False] * len(sentences)
    first: dict[int, Sentence] = {}
    for s in sentences:
        first.setdefault(s.paragraph, s)
    texts = [s.text.rstrip() for s in sentences]
    cut = [bool(_CUT_AT_TITLE.search(t, max(0, len(t) - _TITLE_REACH))) for t in texts]
    return [
        not _quote_half(s.text, share)
        and not cut[n]
        and not (n and cut[n - 1])
        and (first[s.paragraph] is s or not _DATED_ENTRY.match(first[s.paragraph].text))
        for n, (s, share) in enumerate(zip(sentences, _quoted_shares(sentences), strict=True))
    ]


def _own_voice(text: str) -> bool:
    """Whether a sentence stands alone (`_stands_alone`), is not the news that someone said
    nothing ("did not return calls") and holds no web address. Asked last, of candidates
    only: these search many patterns."""
    return _stands_alone(text) and not _WEB_ADDRESS.search(text) and not said_nothing(text)


def find_exclusives(
    articles: Sequence[Article],
    sources: Mapping[str, str] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_novel: float = 0.3,
    max_covered: float = 0.5,
    min_words: int = 8,
    words: Mapping[str, Sequence[frozenset[str]]] | None = None,
    alignment: Alignment | None = None,
    min_stated: float = 0.5,
    shown: Sequence[str] = (),
    quoted: Sequence[str] = (),
) -> list[Exclusive]:
    """Per source, its sentences whose content no other independent source carries, most
    newsworthy first within each source.

    The exclusive is filed under the first article of its source group that prints it.
    `words` may hold each sentence's `content_set`, computed once for the whole analysis.
    With an `alignment`, a sentence that a sentence of another source states (at
    `min_stated` of its words, lower than citing needs: any sign of a second source
    disqualifies) is not exclusive. Only statements count (`statement`: no captions,
    credits, navigation, headings or fragments), and no legal notice or captions glued
    together without full stops. A sentence most of whose content words (`_SHOWN`, and 4 or
    more) one of the `shown` texts (the brief's summary lines) prints is no separate item:
    the brief shows it there; nor is a sentence opening with a quotation whose quoted words
    one of the `quoted` texts (the quotes section) prints."""
    group = {a.id: (sources or {}).get(a.id, a.id) for a in articles}
    by_article = {
        a.id: list(sentences[a.id] if sentences is not None else segment(a)) for a in articles
    }
    if words is None:
        words = {a.id: [content_set(s.text) for s in by_article[a.id]] for a in articles}
    # The one group printing each word, or None once a second group prints it too: a word
    # is novel to a sentence when only its own group prints it.
    printer: dict[str, str | None] = {}
    printing: set[str] = set()  # groups with at least one sentence
    for a in articles:
        g = group[a.id]
        for ws in words[a.id]:
            printing.add(g)
            for w in ws:
                if printer.setdefault(w, g) != g:
                    printer[w] = None
    if len(printing) < 2:
        return []
    rows = [
        (a.id, group[a.id], s, ws)
        for a in articles
        for s, ws in zip(by_article[a.id], words[a.id], strict=True)
    ]
    reported = [ok for a in articles for ok in _reported(a, by_article[a.id])]
    group_number = {g: i for i, g in enumerate(dict.fromkeys(group.values()))}
    candidates = [
        i
        for i, (_, _, s, ws) in enumerate(rows)
        if reported[i]
        and s.words >= min_words
        and len(ws) >= 4
        and statement(s.text)
        and not _BOILERPLATE.search(s.text)
        and not _GLUED.search(s.text)
        and sum(printer[w] is not None for w in ws) / len(ws) >= min_novel
        and _own_voice(s.text)
    ]
    # The story's own names ("London" in every report of the London bombings) say nothing
    # about which of its details two sentences state.
    name_groups: dict[str, set[str]] = defaultdict(set)
    sentence_names = [_names(s.text) for _, _, s, _ in rows]
    for (_, g, _, _), ns in zip(rows, sentence_names, strict=True):
        for n in ns:
            name_groups[n].add(g)
    everywhere = {n for n, gs in name_groups.items() if len(gs) > _STORY_WIDE * len(printing)}
    covered = _covered(
        [ws for *_, ws in rows],
        [group_number[g] for _, g, _, _ in rows],
        candidates,
        max_covered,
        [ns - everywhere for ns in sentence_names],
    )
    # The groups printing each figure: a sentence whose figures ("$284.46", "212") another
    # source prints too restates that source's detail in other words.
    figure_groups: dict[str, set[str]] = defaultdict(set)
    quantity_groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in articles:
        for figure in figures(a.text):
            figure_groups[figure].add(group[a.id])
        for quantity in _quantities(a.text):
            quantity_groups[quantity].add(group[a.id])
    # Each article's names: the words it capitalises inside a sentence.
    proper = {
        a.id: frozenset(
            w for s in by_article[a.id] for w in NAME.findall(" " + s.text.split(" ", 1)[-1])
        )
        for a in articles
    }
    shown_words = [content_set(text) for text in shown]
    quoted_words = [content_set(text) for text in quoted]
    found: list[Exclusive] = []
    seen: dict[str, list[frozenset[str]]] = defaultdict(list)
    for i in candidates:
        if i in covered:
            continue
        article_id, g, s, ws = rows[i]
        printed = figures(s.text)
        if printed and all(figure_groups[f] - {g} for f in printed):
            continue
        # Every count with what it counts ("80 diggers") printed by another source too.
        quantities = _quantities(s.text)
        if quantities and all(quantity_groups[q] - {g} for q in quantities):
            continue
        if alignment is not None and any(
            group.get(a, a) != g for a in alignment.stated_by(s, min_stated)
        ):
            continue
        if any(len(ws & other) >= 4 and overlap(ws, other) >= _SHOWN for other in shown_words):
            continue
        if _OPENS_QUOTE.match(s.text) and _quote_shown(s.text, quoted_words):
            continue
        if colour(s.text, proper[article_id]):
            continue
        if any(overlap(ws, prior) >= 0.8 for prior in seen[g]):
            continue  # the copy printed by another member of the group
        seen[g].append(ws)
        found.append(Exclusive(article_id, strip_dateline(s.text)))
    # Most newsworthy first within each source; sources in order of first appearance.
    first = {e.article_id: n for n, e in reversed(list(enumerate(found)))}
    return sorted(found, key=lambda e: (first[e.article_id], -newsworthiness(e.text)))
