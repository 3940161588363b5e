"""PolNeAR rows as the attribution models' training examples (for tools/train_attribution.py).

Each article's quotation-mark pieces are labelled by the PolNeAR attribution whose content
span holds them: a piece is quoted content or not, two pieces of a paragraph one statement or
two, and a statement's candidate mentions ranked against its source's head. The word lists
the features read (speech cues, speaker nouns) are learned from the same rows, and the
verifier's examples from out-of-fold attributions (`labelled`).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse import resources
from newsfuse.analyze import attribution as attr
from newsfuse.analyze.attribution import evidence
from newsfuse.analyze.names import Registry
from newsfuse.evaluate.quotes import (
    GoldArticle,
    _names,
    _words,
    quoted_words,
    read_gold,
    speaker_matches,
)
from newsfuse.model import Article

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsfuse" / "resources" / "en"
_PRONOUNS = frozenset("he she they it i we you who which that".split())

Row = dict  # type: ignore[type-arg]
_CUE_WORD = re.compile(r"(?<![\w'’])[A-Za-z]+")


def read(path: Path) -> list[Row]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def learned_lists(rows: Sequence[Row]) -> dict[str, str]:
    """The text of each word list the features read, as learned from `rows`."""
    cues: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    printed: Counter[str] = Counter()  # each word's lower-case occurrences in the articles
    for row in rows:
        printed.update(m[0] for m in _CUE_WORD.finditer(row["text"]) if m[0].islower())
        for a in row["attributions"]:
            if a.get("cue"):
                # Words of the cue, not names inside it ("told the New York Times" holds
                # no cue "new") nor an apostrophe's tail ("didn't"); a capital opening the
                # span is the sentence's ("Claims ...").
                for i, m in enumerate(_CUE_WORD.finditer(a["cue"]["text"])):
                    w = m[0].lower()
                    if (i == 0 or m[0].islower()) and w not in ENGLISH_STOP_WORDS:
                        cues[w] += 1
            source = a.get("source")
            if source:
                tokens = re.findall(r"[A-Za-z-]+", source["text"])
                if tokens and (tokens[0][0].islower() or tokens[0].lower() in ("the", "a", "an")):
                    head = tokens[-1]
                    if head.islower() and head not in _PRONOUNS | ENGLISH_STOP_WORDS:
                        nouns[head] += 1
    header = "# Learned by tools/train_attribution.py from PolNeAR train ({}); do not edit.\n"
    return {
        "speech_cues": header.format(
            "words of cue spans, 20+ times, or 8+ times and a fifth of their uses"
        )
        + "".join(
            f"{w}\n"
            for w, n in sorted(cues.items())
            if n >= 20 or (n >= 8 and n >= 0.2 * printed[w])
        ),
        "speaker_nouns": header.format("head nouns of descriptive sources, 5+ times")
        + "".join(f"{w}\n" for w, n in sorted(nouns.items()) if n >= 5 and cues[w] < n),
    }


def learn_lists(rows: Sequence[Row]) -> None:
    """Writes the learned word lists and clears every cache that read them."""
    for name, text in learned_lists(rows).items():
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
    resources.words.cache_clear()
    resources.lines.cache_clear()
    attr.tokens._cues.cache_clear()
    # Their "<cap>" reads the cue list.
    attr.tokens._normal.cache_clear()
    attr.tokens._tokens.cache_clear()
    attr.tokens._text_tokens.cache_clear()


def _containing(spans: Iterable[tuple[int, int, Row]], start: int, end: int) -> Row | None:
    """The attribution with the smallest content span holding [start, end)."""
    best = None
    for cs, ce, a in spans:
        if cs <= start and end <= ce and (best is None or ce - cs < best[1] - best[0]):
            best = (cs, ce, a)
    return best[2] if best else None


def _head(options: Sequence[attr.Candidate], source: Row) -> attr.Candidate | None:
    """The mention that names the source: in the source's first phrase (before a comma,
    "who" or a bracket: "Hollande, who returned to Paris" is Hollande), its last name
    ("Former Arizona governor Jan Brewer" is Jan Brewer), else its last mention."""
    cut = re.search(r",|\(|\bwho\b|\bwhich\b", source["text"])
    end = source["start"] + (cut.start() if cut and cut.start() > 0 else len(source["text"]))
    inside = [c for c in options if c.start < end and source["start"] < c.end]
    names = [c for c in inside if c.kind == "name"]
    return (names or inside or [None])[-1]


Examples = tuple[list[dict[str, float]], list[int]]
# One statement's candidates' features and the index of its source's head (-1: none).
Group = tuple[list[dict[str, float]], int]


def examples(
    rows: Sequence[Row], candidate_set: bool = True
) -> tuple[dict[str, Examples], list[Group]]:
    """The models' examples; `candidate_set`: the ranking also weighs the features of the
    set of candidates (`features.reads_candidate_set`), a setting the training chooses."""
    data: dict[str, Examples] = {k: ([], []) for k in ("piece", "merge")}
    groups: list[Group] = []
    for row in rows:
        key = (row["id"], candidate_set)
        if key not in _EXAMPLES:
            _EXAMPLES[key] = article_examples(row, candidate_set)
        one, its_groups = _EXAMPLES[key]
        for k in data:
            data[k][0].extend(one[k][0])
            data[k][1].extend(one[k][1])
        groups.extend(its_groups)
    return data, groups


# Each article's examples, once per run: cross-validation fits on each article four times.
_EXAMPLES: dict[tuple[str, bool], tuple[dict[str, Examples], list[Group]]] = {}


def article_examples(
    row: Row, candidate_set: bool = True
) -> tuple[dict[str, Examples], list[Group]]:
    data: dict[str, Examples] = {k: ([], []) for k in ("piece", "merge")}
    groups: list[Group] = []
    text = row["text"]
    article = Article(id=row["id"], text=text)
    registry = Registry.build([article])
    paragraphs = attr.paragraph_spans(text)
    found = attr.pieces(text, paragraphs)
    spans = [
        (a["content"]["start"] - 1, a["content"]["end"] + 1, a)
        for a in row["attributions"]
        if a.get("content")
    ]
    owner = {p: _containing(spans, p.start, p.end) for p in found}
    for p in found:
        data["piece"][0].append(attr.piece_features(text, p, paragraphs[p.paragraph]))
        data["piece"][1].append(int(owner[p] is not None))
    kept = [p for p in found if owner[p] is not None]
    runs: list[list[attr.Piece]] = []
    for p in kept:
        last = runs[-1][-1] if runs else None
        if last is not None and last.paragraph == p.paragraph:
            same = owner[last] is owner[p]
            data["merge"][0].append(attr.merge_features(text, last, p))
            data["merge"][1].append(int(same))
            if same:
                runs[-1].append(p)
                continue
        runs.append([p])
    for run in runs:
        source = owner[run[0]]["source"]  # type: ignore[index]
        options = attr.candidates(text, paragraphs, found, run[0].paragraph, registry, row["id"])
        head = _head(options, source) if source else None
        if options:
            feats = evidence.ranking_features(text, run, options, paragraphs, found, candidate_set)
            gold = next((i for i, c in enumerate(options) if c is head), -1)
            groups.append((feats, gold))
    return data, groups


def labelled(found: Mapping[str, Sequence[attr.Attribution]], rows: Sequence[Row]) -> Examples:
    """The verifier's examples: each attributed statement that matches a direct quotation
    of the gold (half its quoted words). Right (1) when the speaker matches a named source
    as the scorer does; for a source written as a pronoun or description ("he", "the
    aide"), whose antecedent PolNeAR does not give, when the chosen mention is that span.
    (Leaving those quotes out would teach the verifier that a pronoun is wrong: PolNeAR's
    named sources are the quotes a pronoun did not speak.) A name chosen for a quote whose
    source is a pronoun is left out, neither right nor wrong: it is often the one the
    pronoun means ('Trump spoke ... "...," he said'), which PolNeAR does not tell; counted
    wrong, it taught the verifier to doubt every name chosen beside a pronoun. A name
    chosen for a description's quote ("a sign read") stays wrong."""
    x: list[dict[str, float]] = []
    y: list[int] = []
    for row in rows:
        gold = [
            (frozenset(quoted_words(a["content"]["text"])), a["source"])
            for a in row["attributions"]
            if a.get("content") and a.get("source") and quoted_words(a["content"]["text"])
        ]
        for a in found[row["id"]]:
            if a.speaker is None or a.mention is None:
                continue
            said = _words(a.text)
            matched = [s for w, s in gold if len(w & said) >= len(w) / 2]
            named = [s for s in matched if _names(s["text"])]
            start, end = a.mention
            if named:
                right = any(speaker_matches(a.speaker, s["text"]) for s in named)
            elif matched:
                right = any(s["start"] <= start and end <= s["end"] for s in matched)
                pronoun = all(s["text"].lower() in _PRONOUNS for s in matched)
                if not right and pronoun and any(k.startswith("m_kind=name:") for k in a.evidence):
                    continue
            else:
                continue
            x.append(dict(a.evidence))
            y.append(int(right))
    return x, y


def gold_of(rows: Sequence[Row]) -> Iterable[GoldArticle]:
    """The rows as the scorer reads them (`newsfuse eval quotes` reads a file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(json.dumps(r) for r in rows))
    return read_gold(Path(f.name))
