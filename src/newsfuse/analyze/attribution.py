"""Who said what: direct quotes and their speakers, by three small models learned from PolNeAR.

An article's quotation-mark spans ("pieces") go through three logistic regressions whose
weights ship in `resources/en/attribution.json` (trained by tools/train_attribution.py on
PolNeAR's training split, settings chosen on its dev split):

1. `piece`: is this span the content of an attribution, or a scare quote or a title?
2. `merge`: do two pieces of a paragraph belong to one statement ('"A," he said. "B."')?
3. `speaker`: which mention near the statement is its source: a name, a pronoun or a
   description ("the campaign"), each scored on where it stands and the words around it.

The chosen mention is then resolved to a person or body the story names: a name through the
story's Registry, a pronoun to the person last named before it, a definite description
through the roles printed with names. Precision first: a statement whose best mention scores
under the model's threshold, or whose mention does not resolve, has no speaker.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from newsfuse.analyze.names import Registry
from newsfuse.analyze.names.organisations import ORG_HEADS
from newsfuse.model import Article
from newsfuse.resources import table, words

__all__ = [
    "Attribution",
    "Candidate",
    "Piece",
    "attribute",
    "candidate_features",
    "candidates",
    "merge_features",
    "paragraph_spans",
    "piece_features",
    "pieces",
    "speaker_probabilities",
    "statements",
]

_MARKS = re.compile(r"[\"“”]")
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’]?\s+(?=[\"“A-Z])")
_PERSONAL = frozenset(("he", "she"))
_POSSESSIVE = ("'s", "’s")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]*)['’]s\s+$")


@dataclass(frozen=True, slots=True)
class Piece:
    """Text between one pair of quotation marks: `start`/`end` inside the marks."""

    paragraph: int
    start: int  # offsets into the article text
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # "name" | "pronoun" | "description"
    start: int
    end: int
    text: str
    entity: str | None = None  # the Registry's canonical name, for names
    entity_type: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    paragraph: int
    text: str  # the statement's quoted words, pieces joined by " ... " when cut
    speaker: str | None
    role: str | None
    confidence: float
    fragment: bool  # opens in lower case inside the writer's sentence: no clause of its own
    cued: bool = False  # the speaker's likeliest mention stands in a speech-verb clause


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph as `Article.paragraphs` lists them."""
    spans = []
    at = 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = at + block.index(stripped[0])
            spans.append((start, start + len(stripped)))
        at += len(block) + 2
    return spans


def pieces(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Piece]:
    """Quotation-mark spans, paired in order within each paragraph (outlets mix straight
    and curly marks); an unclosed quote runs to the paragraph's end."""
    found = []
    for number, (start, end) in enumerate(paragraphs):
        marks = [m.start() for m in _MARKS.finditer(text, start, end)]
        for i in range(0, len(marks), 2):
            close = marks[i + 1] if i + 1 < len(marks) else end
            if close - marks[i] > 1:
                found.append(Piece(number, marks[i] + 1, close))
    return found


_FUNCTION_WORDS = frozenset(("the", "a", "an", "he", "she", "they", "it", "i", "we", "but", "and"))


def _tokens(text: str) -> list[str]:
    """Lower-cased tokens; a capitalised word that is no cue or function word becomes
    "<cap>", so the models learn where names stand, never which names."""
    cues = _cues()
    found = []
    for token in _TOKEN.findall(text):
        low = token.lower().replace("’", "'")
        if token[:1].isupper() and low not in cues and low not in _FUNCTION_WORDS:
            low = "<cap>"
        found.append(low)
    return found


def _bucket(n: int, edges: Sequence[int] = (0, 1, 2, 3, 5, 8, 12, 20, 40)) -> str:
    return str(next((e for e in edges if n <= e), "more"))


def _cues() -> frozenset[str]:
    return words("speech_cues")


def piece_features(text: str, piece: Piece, paragraph: tuple[int, int]) -> dict[str, float]:
    inner = text[piece.start : piece.end].strip()
    before = _tokens(text[max(paragraph[0], piece.start - 60) : piece.start - 1])[-3:]
    after = _tokens(text[piece.end + 1 : min(paragraph[1], piece.end + 60)])[:3]
    cues = _cues()
    feats = {
        "bias": 1.0,
        f"words={_bucket(len(inner.split()))}": 1.0,
        f"upper={inner[:1].isupper()}": 1.0,
        f"ends={inner[-1:] if inner[-1:] in ',.?!:;' else 'w'}": 1.0,
        f"opens_paragraph={piece.start - 1 <= paragraph[0]}": 1.0,
        f"closes_paragraph={piece.end + 2 >= paragraph[1]}": 1.0,
        f"prev1={before[-1] if before else '^'}": 1.0,
        f"next1={after[0] if after else '$'}": 1.0,
        f"cue_before={bool(cues.intersection(before))}": 1.0,
        f"cue_after={bool(cues.intersection(after))}": 1.0,
        f"title={paragraph[0] == 0}": 1.0,
    }
    if len(before) >= 2:
        feats[f"prev2={before[-2]}_{before[-1]}"] = 1.0
    return feats


def merge_features(text: str, first: Piece, second: Piece) -> dict[str, float]:
    gap = text[first.end + 1 : second.start - 1]
    tokens = _tokens(gap)
    cues = _cues()
    return {
        "bias": 1.0,
        f"gap_words={_bucket(len(tokens))}": 1.0,
        f"gap_cue={bool(cues.intersection(tokens))}": 1.0,
        f"gap_sentence_end={bool(re.search(r'[.!?]', gap))}": 1.0,
        f"gap_first={tokens[0] if tokens else '-'}": 1.0,
        f"gap_last={tokens[-1] if tokens else '-'}": 1.0,
        f"first_ends={text[first.end - 1 : first.end]}": 1.0,
        f"second_upper={text[second.start : second.start + 1].isupper()}": 1.0,
    }


def statements(text: str, found: Sequence[Piece], merge: Mapping[str, object]) -> list[list[Piece]]:
    """Runs of pieces the merge model joins (only within a paragraph)."""
    runs: list[list[Piece]] = []
    for piece in found:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.paragraph == piece.paragraph
            and _probability(merge, merge_features(text, last, piece)) >= 0.5
        ):
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def _inside(start: int, end: int, spans: Sequence[Piece]) -> bool:
    return any(p.start - 1 <= start and end <= p.end + 1 for p in spans)


def candidates(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    quoted: Sequence[Piece],
    number: int,
    registry: Registry,
    article_id: str,
) -> list[Candidate]:
    """Mentions outside quotes in paragraph `number` and the one before it."""
    low, high = paragraphs[max(0, number - 1)][0], paragraphs[number][1]
    found: list[Candidate] = []
    previous_end = -1
    for mention, name, kind in registry.mentions.get(article_id, ()):
        start, end = mention.start, mention.end
        # "X of the Y": the head X speaks, Y is whom X belongs to.
        affiliation = previous_end >= 0 and _OF.fullmatch(text, previous_end, start) is not None
        previous_end = end
        if low <= start < high and not affiliation and not _inside(start, end, quoted):
            found.append(Candidate("name", start, end, text[start:end], name, kind))
    for m in _PRONOUN.finditer(text, low, high):
        if not _inside(m.start(), m.end(), quoted):
            found.append(Candidate("pronoun", m.start(), m.end(), m[0].lower()))
    nouns = _speaker_nouns()
    for m in re.finditer(r"\b[a-z][a-z-]+\b", text[low:high]):
        start, end = low + m.start(), low + m.end()
        if m[0] in nouns and not _inside(start, end, quoted):
            found.append(Candidate("description", start, end, m[0]))
    found.sort(key=lambda c: c.start)
    return found


def candidate_features(
    text: str,
    statement: Sequence[Piece],
    candidate: Candidate,
    others: Sequence[Candidate],
    paragraphs: Sequence[tuple[int, int]],
) -> dict[str, float]:
    first, last = statement[0], statement[-1]
    para = paragraphs[first.paragraph]
    c = candidate
    if c.end <= first.start:
        side, between = "before", text[c.end : first.start - 1]
        rank = sum(1 for o in others if c.end <= o.start and o.end <= first.start)
    elif c.start >= last.end:
        side, between = "after", text[last.end + 1 : c.start]
        rank = sum(1 for o in others if last.end <= o.start and o.end <= c.start)
    else:
        side, between = "inside", ""
        rank = 0
    if c.start < para[0]:
        side = "previous"
    gap = _tokens(between)
    sentence_break = bool(_SENTENCE_END.search(between)) or "\n" in between
    ahead = _tokens(text[c.end : c.end + 40])[:3]
    behind = _tokens(text[max(0, c.start - 40) : c.start])[-2:]
    cues = _cues()
    opens = c.start == para[0] or bool(re.search(r"[.!?][\"”]?\s+$|^\s*$", text[para[0] : c.start]))
    kind = f"{c.kind}:{c.text if c.kind == 'pronoun' else c.entity_type or ''}"
    feats = {
        "bias": 1.0,
        f"kind={kind}": 1.0,
        f"side={side}": 1.0,
        f"side_kind={side}_{c.kind}": 1.0,
        f"gap={_bucket(len(gap))}": 1.0,
        f"side_gap={side}_{_bucket(len(gap))}": 1.0,
        f"rank={min(rank, 3)}": 1.0,
        f"side_rank={side}_{min(rank, 3)}": 1.0,
        f"break={sentence_break}": 1.0,
        f"next1={ahead[0] if ahead else '$'}": 1.0,
        f"prev1={behind[-1] if behind else '^'}": 1.0,
        f"cue_next={bool(cues.intersection(ahead))}": 1.0,
        f"cue_prev={bool(cues.intersection(behind))}": 1.0,
        f"cue_gap={bool(cues.intersection(gap))}": 1.0,
        f"side_cue_gap={side}_{bool(cues.intersection(gap))}": 1.0,
        f"subject={opens}": 1.0,
        f"possessive={text[c.end : c.end + 2] in _POSSESSIVE}": 1.0,
        f"statement_opens={first.start - 1 <= para[0]}": 1.0,
    }
    same_kind = [o for o in others if o.kind == c.kind and o is not c]
    if side == "before":
        nearer = sum(1 for o in same_kind if c.end <= o.start and o.end <= first.start)
    elif side == "after":
        nearer = sum(1 for o in same_kind if last.end <= o.start and o.end <= c.start)
    else:
        nearer = 3
    # A nearer mention with its own speech verb ("CCTV reported that Qin told ...") is the
    # one speaking the quote; the farther one reports it.
    inner = side == "before" and any(
        c.end <= o.start and o.end <= first.start and _verb_after(text, o.end) for o in others
    )
    subject = (opens or _verb_after(text, c.end)) and not inner
    cued = _cued(side, gap, ahead, behind, sentence_break, subject)
    feats[f"kind_rank={side}_{c.kind}_{min(nearer, 2)}"] = 1.0
    feats[f"cued={cued}"] = 1.0
    feats[f"cued_kind={cued}_{kind}"] = 1.0
    if len(gap) <= 3:
        feats[f"between={'_'.join(gap)}"] = 1.0
    if c.kind == "description":
        feats[f"noun={c.text}"] = 1.0
    return feats


def _verb_after(text: str, at: int) -> bool:
    following = _tokens(text[at : at + 16])
    return bool(following) and following[0] in _cues()


def _cued(
    side: str,
    gap: Sequence[str],
    ahead: Sequence[str],
    behind: Sequence[str],
    broken: bool,
    subject: bool,
) -> bool:
    """The mention stands in a speech-verb clause touching the quote, the pattern that
    rarely misleads: `"...," X said`, `"...," said X`, `X said: "..."`, `according to X`,
    or is the subject of a speech verb before the quote in its sentence (`X, a spokesman,
    said ... but told reporters that "..."`, `X stressed that ... "..."`)."""
    if broken:
        return False
    cues = _cues()
    if side == "after":
        words_between = [t for t in gap if t[:1].isalnum()]
        return len(words_between) <= 1 and (
            bool(cues.intersection(words_between))
            or (not words_between and bool(ahead) and ahead[0] in cues)
            or tuple(behind) == ("according", "to")
        )
    if side == "before":
        return (len(gap) <= 4 and bool(cues.intersection(gap[:2]))) or (
            subject and bool(cues.intersection(gap))
        )
    return False


def speaker_probabilities(
    model: Mapping[str, object], features: Sequence[Mapping[str, float]]
) -> list[float]:
    """Each candidate's probability of being the speaker, jointly: a softmax over the
    statement's candidates and "none of them" (score 0), so a close rival lowers the
    winner's confidence."""
    weights = model["weights"]
    assert isinstance(weights, dict)
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in features]
    top = max([0.0, *scores])
    exps = [math.exp(z - top) for z in scores]
    total = math.exp(-top) + sum(exps)
    return [e / total for e in exps]


def _probability(model: Mapping[str, object], feats: Mapping[str, float]) -> float:
    weights = model["weights"]
    assert isinstance(weights, dict)
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def _speaker_nouns() -> frozenset[str]:
    """Heads of descriptions that can speak: those PolNeAR's sources use, and bodies."""
    return words("speaker_nouns") | ORG_HEADS


@cache
def _model() -> Mapping[str, Mapping[str, object]]:
    loaded = table("attribution")
    assert isinstance(loaded, dict)
    return loaded


class _Resolver:
    """Turns a chosen mention into the name of a person or body of the story."""

    def __init__(self, text: str, registry: Registry, article_id: str) -> None:
        self.text = text
        self.registry = registry
        self.article_id = article_id
        self.last_speaker: str | None = None
        self.names = [
            (m.start, name, kind, m.role) for m, name, kind in registry.mentions.get(article_id, ())
        ]

    def role(self, name: str) -> str | None:
        roles = [r for _, n, _, r in self.names if n == name and r]
        return roles[0] if roles else None

    def resolve(self, c: Candidate, quoted: Sequence[Piece]) -> tuple[str, str | None] | None:
        if c.kind == "name":
            # The rules type some surnames as places ("Trump" of Trump Tower): a name that
            # could be a person's and is no gazetteer place is one.
            if c.entity is None or (
                c.entity_type not in ("person", "organization")
                and not self.registry.could_be_person(c.entity)
            ):
                return None
            if " " in c.entity and c.entity.isupper():
                return None  # a heading in capitals ("HAS INVESTIGATED HIM"), no name
            return self._qualified(c.entity, c.start), self.role(c.entity)
        if c.kind == "pronoun":
            return self._antecedent(c, quoted)
        return self._description(c)

    def _antecedent(self, c: Candidate, quoted: Sequence[Piece]) -> tuple[str, str | None] | None:
        """ "he"/"she": the person last named before, outside quotes; "it"/"they": the body
        last named. Two of them named in the sentence before make it ambiguous, unless one
        is the speaker of the quote before; in the pronoun's own sentence, the first."""
        want = "person" if c.text in _PERSONAL else "organization"
        oblique = words("oblique_prepositions")
        before = [
            (start, name)
            for start, name, kind, _ in self.names
            if start < c.start
            and kind == want
            and not _inside(start, start + 1, quoted)
            and self.text[max(0, start - 12) : start].lower().split()[-1:]
            not in ([w] for w in oblique)
        ]
        spoken = self._speaking_description(before[-1][0] if before else 0, c.start, quoted)
        if spoken is not None:
            return spoken
        if not before:
            return None
        name = before[-1][1]
        sentence_start = max(
            (m.end() for m in _SENTENCE_END.finditer(self.text, 0, before[-1][0])), default=0
        )
        recent = [n for s, n in before if s >= sentence_start]
        if len(set(recent)) > 1 and self.last_speaker in recent:
            name = self.last_speaker  # the one speaking goes on speaking
        elif len(set(recent)) > 1:
            # In the pronoun's own sentence, its subject: "X, a spokesman for Y, said he".
            if _SENTENCE_END.search(self.text, before[-1][0], c.start):
                return None
            name = recent[0]
        start = max(s for s, n in before if n == name)
        return self._qualified(name, start), self.role(name)

    def _qualified(self, name: str, start: int) -> str:
        """A body with its owner as printed: "China's Ministry of Foreign Affairs"."""
        owner = _OWNER_BEFORE.search(self.text, max(0, start - 30), start)
        return f"{owner[1]}'s {name}" if owner else name

    def _speaking_description(
        self, after: int, before: int, quoted: Sequence[Piece]
    ) -> tuple[str, str | None] | None:
        """The last description speaking between the last name and a pronoun: "A senior
        official, speaking on condition of anonymity, said ... 'Quote,' he said" is the
        official, not the person named before."""
        nouns = _speaker_nouns()
        cues = _cues()
        found = None
        for m in re.finditer(r"\b[a-z][a-z-]+\b", self.text[after:before]):
            start, end = after + m.start(), after + m.end()
            if m[0] not in nouns or _inside(start, end, quoted):
                continue
            clause = re.split(r"[.!?\"“”]", self.text[end : end + 60])[0]
            if cues.intersection([t for t in _tokens(clause) if t[:1].isalnum()][:6]):
                described = self._description(Candidate("description", start, end, m[0]))
                # Only an indefinite one brings in someone new; "the coastguard officer"
                # after a name is that name again.
                if described and described[0].split()[0] in ("A", "An"):
                    found = described
        return found

    def _description(self, c: Candidate) -> tuple[str, str | None] | None:
        """A definite description of lower-case words ("the senator") names someone the
        story introduced, or no one we can tell; one with a name in it ("the Clinton
        campaign", "Powell's office") or an indefinite one ("a senior official") is
        printed as written."""
        # The words before the noun, back to punctuation, from a determiner or possessive.
        before = re.split(r"[,.;:!?\"“”()]", self.text[max(0, c.start - 60) : c.start])[-1]
        before = before.split()[-4:]
        for i, word in enumerate(before):
            if word.lower() in ("the", "a", "an") or word.endswith(_POSSESSIVE):
                before = before[i:]
                break
        else:
            before = [w for w in before[-2:] if w[:1].isupper() and w.isalpha()]
            before = before if len(before) == 2 or not before else before[-1:]
        written = " ".join([*before, c.text]).strip(" ,")
        first = written.split()[0]
        if first.lower() == "the":
            rest = written.split()[1:]
            if any(w[:1].isupper() for w in rest[:-1]):
                return " ".join(rest), None
            person = self.registry.resolve(written, self.article_id)
            if person:
                return person, " ".join(rest)
            if c.text in ORG_HEADS:  # "the ministry": the one such body named before
                bodies = {n for s, n, k, _ in self.names if s < c.start and k == "organization"}
                named = [n for n in bodies if c.text in n.lower().split()]
                return (named[0], None) if len(named) == 1 else ("The " + c.text, None)
            return None
        if first.lower() in ("a", "an") or first.endswith(_POSSESSIVE):
            return written[:1].upper() + written[1:], None
        if len(written.split()) > 1:  # "Republican officials"
            return written, None
        return None


def _choose(
    resolver: _Resolver,
    options: Sequence[Candidate],
    features: Sequence[Mapping[str, float]],
    probabilities: Sequence[float],
    quoted: Sequence[Piece],
) -> tuple[str | None, str | None, float, bool]:
    """The speaker whose mentions together are likeliest, with their summed probability
    and whether any of its mentions is cued: "Mark Durbin ... said he ... told" is one
    speaker named twice, not two rivals splitting the vote. A mention that names no one
    we can print (a place, an unresolved pronoun) is a rival the speaker must beat."""
    totals: dict[str, float] = {}
    best: dict[str, tuple[float, str | None, bool]] = {}
    rival = 0.0
    for p, c, f in zip(probabilities, options, features, strict=True):
        if p < 0.01:
            continue
        resolved = resolver.resolve(c, quoted)
        if resolved is None:
            rival = max(rival, p)
            continue
        name, role = resolved
        totals[name] = totals.get(name, 0.0) + p
        cued = f.get("cued=True", 0.0) > 0 or best.get(name, (0.0, None, False))[2]
        if p > best.get(name, (-1.0, None, False))[0]:
            best[name] = (p, role, cued)
        else:
            best[name] = (best[name][0], best[name][1], cued)
    if not totals:
        return None, None, rival, False
    name = max(totals, key=lambda n: (totals[n], best[n][0]))
    if totals[name] <= rival:
        return None, None, rival, False
    _, role, cued = best[name]
    return name, role, totals[name], cued


def attribute(article: Article, registry: Registry | None = None) -> Iterator[Attribution]:
    """The article's direct quotes with speakers, in reading order."""
    model = _model()
    registry = registry or Registry.build([article])
    text = article.text
    paragraphs = paragraph_spans(text)
    found = pieces(text, paragraphs)
    resolver = _Resolver(text, registry, article.id)
    threshold = float(str(model["speaker"]["threshold"]))
    cued_threshold = float(str(model["speaker"].get("cued_threshold", threshold)))
    kept = [
        p
        for p in found
        if _probability(model["piece"], piece_features(text, p, paragraphs[p.paragraph])) >= 0.5
    ]
    for statement in statements(text, kept, model["merge"]):
        number = statement[0].paragraph
        options = candidates(text, paragraphs, found, number, registry, article.id)
        features = [candidate_features(text, statement, c, options, paragraphs) for c in options]
        probabilities = speaker_probabilities(model["speaker"], features)
        speaker, role, confidence, cued = _choose(resolver, options, features, probabilities, found)
        if confidence < (cued_threshold if cued else threshold):
            speaker = role = None
        if speaker is not None:
            resolver.last_speaker = speaker
        quote = " ... ".join(text[p.start : p.end].strip(" ,") for p in statement)
        opening = quote.lstrip(" .…'‘[(")
        yield Attribution(
            number, quote, speaker, role, round(confidence, 3), opening[:1].islower(), cued
        )
