"""Score quote attribution on PolNeAR-format files (`newsfuse eval quotes FILE.jsonl`).

One article per line: `{"id", "text", "attributions": [{"source", "cue", "content"}]}` with
character spans (see ../shared/data/README.md). Each article is briefed alone and its printed
quotes (every wording of every Quote) are compared with the annotations:

- A gold item is an attribution whose content holds a direct quotation (words inside double
  quotation marks) and whose source span holds a name: a capitalised word that is not a
  pronoun or determiner ("he", "The").
- A printed quote matches a gold item when it holds at least half of the item's quoted words.
- Its speaker is right when the speaker's last word (a surname, or a body's head word) is in
  the gold source span, or the source span's last capitalised word is in the speaker.

Quote precision counts a printed quote as right when it matches any direct-quotation
attribution, named or not: "he said" quotes are real quotes whose speaker the gold cannot
check (`strict_precision` counts only matches with gold items). Speaker precision is right
speakers over printed quotes that carry a speaker and match a gold item; speaker recall is
gold items printed with the right speaker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfuse.model import Article, Quote

__all__ = ["GoldQuote", "Scores", "quoted_words", "read_gold", "score_quotes"]

_WORD = re.compile(r"[\w'’]+")
_MARK = re.compile(r"[\"“”]")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
# Capitalised words that name no one.
_NOT_NAMES = frozenset(
    "i he she it they we you him her them us me his its their our your who which that this "
    "these those the a an one some many".split()
)


def _words(text: str) -> set[str]:
    return {w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)}


def quoted_words(text: str) -> set[str]:
    """Words inside double quotation marks (an unclosed quote runs to the end)."""
    marks = [m.start() for m in _MARK.finditer(text)]
    inside: set[str] = set()
    for i in range(0, len(marks), 2):
        end = marks[i + 1] if i + 1 < len(marks) else len(text)
        inside |= _words(text[marks[i] + 1 : end])
    return inside


def _names(source: str) -> list[str]:
    return [
        w.rstrip(".").removesuffix("'s").removesuffix("’s")
        for w in _CAPITALISED.findall(source)
        if w.lower().rstrip(".") not in _NOT_NAMES
    ]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    words: frozenset[str]  # the quoted words of the content
    source: str | None  # the source span as written
    named: bool  # a gold item: its source holds a name


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article: Article
    quotes: tuple[GoldQuote, ...]


def read_gold(path: Path) -> Iterator[GoldArticle]:
    """The articles of a PolNeAR-format file with their direct-quotation attributions."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                attributions = row.get("attributions") or []
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a PolNeAR article ({exc})") from exc
            quotes = []
            for a in attributions:
                words = quoted_words(a["content"]["text"]) if a.get("content") else set()
                if not words:
                    continue
                source = a["source"]["text"] if a.get("source") else None
                quotes.append(GoldQuote(frozenset(words), source, bool(source and _names(source))))
            yield GoldArticle(Article(id=str(row.get("id", number)), text=text), tuple(quotes))


def speaker_matches(speaker: str, source: str) -> bool:
    said = _names(speaker) or speaker.split()
    names = _names(source)
    return bool(said) and (
        _words(said[-1]) <= _words(source) or bool(names and names[-1].lower() in _words(speaker))
    )


@dataclass(slots=True)
class Scores:
    articles: int = 0
    printed: int = 0  # wordings printed
    right_quotes: int = 0  # printed quotes matching any direct-quotation attribution
    gold_matches: int = 0  # printed quotes matching a gold item
    gold: int = 0
    found: int = 0  # gold items some printed quote matches
    with_speaker: int = 0  # printed quotes with a speaker matching a gold item
    right_speakers: int = 0
    found_with_speaker: int = 0  # gold items printed with the right speaker
    unattributed: int = 0  # printed quotes with no speaker

    def as_dict(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "precision": ratio(self.right_quotes, self.printed),
            "strict_precision": ratio(self.gold_matches, self.printed),
            "recall": ratio(self.found, self.gold),
            "speaker_precision": ratio(self.right_speakers, self.with_speaker),
            "speaker_recall": ratio(self.found_with_speaker, self.gold),
            "unattributed_share": ratio(self.unattributed, self.printed),
            "printed": self.printed,
            "gold": self.gold,
            "articles": self.articles,
        }


def _cover(printed: set[str], gold: GoldQuote) -> float:
    return len(gold.words & printed) / len(gold.words)


def score_quotes(
    articles: Iterable[GoldArticle], extract: Callable[[Article], Sequence[Quote]]
) -> Scores:
    scores = Scores()
    for item in articles:
        scores.articles += 1
        gold = item.quotes
        named = [g for g in gold if g.named]
        scores.gold += len(named)
        printed = [(q.speaker, _words(v.text)) for q in extract(item.article) for v in q.variants]
        found: set[int] = set()
        found_right: set[int] = set()
        for speaker, words in printed:
            scores.printed += 1
            scores.unattributed += speaker is None
            if any(_cover(words, g) >= 0.5 for g in gold):
                scores.right_quotes += 1
            matches = [(i, _cover(words, g)) for i, g in enumerate(named)]
            matches = [(i, c) for i, c in matches if c >= 0.5]
            if not matches:
                continue
            scores.gold_matches += 1
            found.update(i for i, _ in matches)
            if speaker is None:
                continue
            scores.with_speaker += 1
            right = [i for i, _ in matches if speaker_matches(speaker, str(named[i].source))]
            scores.right_speakers += bool(right)
            found_right.update(right)
        scores.found += len(found)
        scores.found_with_speaker += len(found_right)
    return scores


def brief_quotes(article: Article) -> list[Quote]:
    """What a brief of this one article prints as quotes."""
    from newsfuse.analyze.quotes import extract_quotes

    return extract_quotes([article])


def run(path: Path, as_json: bool = False) -> str:
    """`newsfuse eval quotes`: the scores of the brief's quotes on `path`, as text or JSON."""
    figures = score_quotes(read_gold(path), brief_quotes).as_dict()
    if as_json:
        return json.dumps({"quotes": figures}) + "\n"
    rows = [f"| {key} | {value} |" for key, value in figures.items()]
    return "\n".join(["| quotes | |", "|---|---:|", *rows]) + "\n"
