"""The three models' inputs: quotation-mark pieces, candidate speaker mentions and their
features, and the learned weights that score them (see the package's docstring)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from newsfuse.analyze.attribution.tokens import _cues, _span_tokens, _tokens
from newsfuse.analyze.names import Registry
from newsfuse.analyze.names.organisations import ORG_HEADS
from newsfuse.analyze.names.people import OFFICE_NOUNS
from newsfuse.resources import table, words

_MARKS = re.compile(r"[\"“”]")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
# The stop comes first and the lookbehinds after it, so that the search skips to the next
# stop; checked at every offset, the lookbehinds cost 8 times the time.
# A stop that ends a sentence (not a lone capital's or a two-letter title's), its closing
# quotation mark and the space after it.
SENTENCE_STOP = r"[.!?](?<!\b[A-Z][.!?])(?<!\b[A-Z][a-z][.!?])[\"”’]?\s+"
_SENTENCE_END = re.compile(SENTENCE_STOP + r"(?=[\"“A-Z])")


def sentence_start(text: str, at: int, low: int = 0) -> int:
    """Where the sentence holding `at` starts, at `low` or after."""
    # `+ 1`: a sentence end's lookahead reads the capital that opens the next one.
    return max((m.end() for m in _SENTENCE_END.finditer(text, low, at + 1)), default=low)


# An aside after a name, set off by commas: "X, 16, said", "X, head of the lab, said"; not
# a name in apposition ("the envoy to the United Nations, Y, said": Y speaks).
ASIDE = re.compile(r",\s*[a-z0-9][^,.;\"“”]{0,80},")
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
    # The chosen speaker's likeliest mention (start, end) and the verifier's features for
    # it (empty with no speaker): read in training.
    mention: tuple[int, int] | None = None
    evidence: Mapping[str, float] = field(default_factory=dict)
    # Every piece is a name or title the writer uses ("Year of the Tide"): no clause.
    label: bool = False
    # A verb of speech ties the speaker's mention to the statement in one sentence
    # ('Lund called it "reckless"'), or the speaker comes from the layout (a signature, a
    # quote going on): what a phrase shorter than a clause needs to be a quote.
    said: bool = False


# A paragraph ends at a blank line, or at a line break after a sentence's end before a
# capital or quotation mark: pages laid out one paragraph a line. A line broken inside a
# sentence (hard-wrapped text) goes on.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|(?<=[.!?\"”’])[^\S\n]*\n(?=[^\S\n]*[\"“A-Z])")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without the spaces around it."""
    spans = []
    at = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        block = text[at:end]
        stripped = block.strip()
        if stripped:
            start = at + block.index(stripped[0])
            spans.append((start, start + len(stripped)))
        at = brk.end() if brk else end
    return spans


# An unclosed quote longer than this is a page whose closing mark was lost (the rest of the
# article, a link list), not a statement: left out rather than printed as one.
MAX_UNCLOSED_WORDS = 100


def pieces(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Piece]:
    """Quotation-mark spans, paired in order within each paragraph (outlets mix straight
    and curly marks); an unclosed quote runs to the paragraph's end, if that is near."""
    found = []
    for number, (start, end) in enumerate(paragraphs):
        marks = [m.start() for m in _MARKS.finditer(text, start, end)]
        for i in range(0, len(marks), 2):
            closed = i + 1 < len(marks)
            close = marks[i + 1] if closed else end
            if not closed and len(text[marks[i] : close].split()) > MAX_UNCLOSED_WORDS:
                continue
            if close - marks[i] > 1:
                found.append(Piece(number, marks[i] + 1, close))
    return found


def _bucket(n: int, edges: Sequence[int] = (0, 1, 2, 3, 5, 8, 12, 20, 40)) -> str:
    """The first of the (ascending) `edges` at or above `n`: asked a dozen times a candidate."""
    i = bisect_left(edges, n)
    return str(edges[i]) if i < len(edges) else "more"


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
    # Only quotes reaching into the stretch can hold a mention that starts in it.
    quoted = [p for p in quoted if p.end + 1 > low and p.start - 1 < high]
    found: list[Candidate] = []
    # The Registry keeps an article's mentions in text order: read only those of the
    # stretch, and the one before it (for "X of the Y").
    mentions = registry.mentions.get(article_id, [])
    first = bisect_left(mentions, low, key=lambda m: m[0].start)
    previous_end = mentions[first - 1][0].end if first else -1
    for mention, name, kind in mentions[first:]:
        start, end = mention.start, mention.end
        if start >= high:
            break
        near = not _inside(start, end, quoted)
        # "X of the Y": the head X speaks, Y is whom X belongs to.
        if near and not (previous_end >= 0 and _OF.fullmatch(text, previous_end, start)):
            found.append(Candidate("name", start, end, text[start:end], name, kind))
        previous_end = end
    # A name no entity took ("Haines" said, never named in full): the model weighs it as its
    # own kind, and it is printed as written only if it could be a person's.
    for u in registry.unresolved.get(article_id, ()):
        near = low <= u.start < high and u.hint in ("", "person")
        if near and not _inside(u.start, u.end, quoted):
            found.append(Candidate("name", u.start, u.end, u.name, u.name, "unknown"))
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


def _opens_sentence(before: str) -> bool:
    """Whether what comes before a mention in its paragraph is nothing or ends a sentence
    (a stop, perhaps a closing quotation mark, then space): string tests, not a regular
    expression anchored at the end, which would be tried at every offset of the paragraph."""
    body = before.rstrip()
    if not body:
        return True
    if len(body) == len(before):
        return False
    closed = body.rstrip('"”')
    return len(body) - len(closed) <= 1 and closed[-1:] in (".", "!", "?")


def candidate_features(
    text: str,
    statement: Sequence[Piece],
    candidate: Candidate,
    others: Sequence[Candidate],
    paragraphs: Sequence[tuple[int, int]],
    candidate_set: bool = True,
) -> dict[str, float]:
    """`candidate_set`: also the features of the set of candidates (`reads_candidate_set`)."""
    first, last = statement[0], statement[-1]
    para = paragraphs[first.paragraph]
    c = candidate
    if c.end <= first.start:
        side, start, end = "before", c.end, first.start - 1
        rank = sum(1 for o in others if c.end <= o.start and o.end <= first.start)
    elif c.start >= last.end:
        side, start, end = "after", last.end + 1, c.start
        rank = sum(1 for o in others if last.end <= o.start and o.end <= c.start)
    else:
        # Between two pieces of one statement ('"A," said X. "B."'): read from the piece
        # before it, as a mention after a quote is.
        prior = max((p for p in statement if p.end <= c.start), key=lambda p: p.end, default=first)
        side, start, end = "inside", prior.end + 1, c.start
        rank = sum(1 for o in others if prior.end <= o.start and o.end <= c.start)
    if c.start < para[0]:
        side = "previous"
    between = text[start:end]
    gap = _span_tokens(text, start, end)
    sentence_break = bool(_SENTENCE_END.search(between)) or "\n" in between
    ahead = _tokens(text[c.end : c.end + 40])[:3]
    behind = _tokens(text[max(0, c.start - 40) : c.start])[-2:]
    cues = _cues()
    opens = _opens_sentence(text[para[0] : c.start])
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
        nearer = sum(1 for o in same_kind if c.start - len(between) <= o.start and o.end <= c.start)
    # A nearer mention with its own speech verb ("CCTV reported that Lin told ...") is the
    # one speaking the quote; the farther one reports it.
    inner = side == "before" and any(
        c.end <= o.start and o.end <= first.start and _verb_after(text, o.end) for o in others
    )
    subject = (opens or _verb_after(text, c.end)) and not inner
    # The verb past an aside: '"...," prosecutor X, who leads the inquiry, said'.
    aside = ASIDE.match(text, c.end)
    verb_ahead = _tokens(text[aside.end() : aside.end() + 40])[:3] if aside else ahead
    cued = _cued(side, gap, verb_ahead, behind, sentence_break, subject)
    feats[f"kind_rank={side}_{c.kind}_{min(nearer, 2)}"] = 1.0
    if candidate_set:
        # How many people or bodies are named near the quote, whether this one is the
        # first the quote's paragraph names, how many sentences lie between.
        named = {o.entity for o in others if o.kind == "name"}
        opener = next((o for o in others if o.kind == "name" and o.start >= para[0]), None)
        feats[f"named={min(len(named), 4)}"] = 1.0
        feats[f"paragraph_first={opener is not None and opener.entity == c.entity}"] = 1.0
        # Counted only past a break, and to three: the stretch may be a paragraph long.
        ends = len(list(islice(_SENTENCE_END.finditer(between), 3))) if sentence_break else 0
        feats[f"sentences={ends}"] = 1.0
    feats[f"cued={cued}"] = 1.0
    feats[f"cued_kind={cued}_{kind}"] = 1.0
    if len(gap) <= 3:
        feats[f"between={'_'.join(gap)}"] = 1.0
    if c.kind == "description":
        feats[f"noun={c.text}"] = 1.0
    return feats


def _verb_after(text: str, at: int, width: int = 16) -> bool:
    """A speech cue opens the `width` characters at `at` (a wider window reads "was quoted
    as saying" whole, as "said")."""
    following = _tokens(text[at : at + width])
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
    if side in ("after", "inside"):
        # Four words or more match neither pattern: a long gap is read no further.
        words_between = list(islice((t for t in gap if t[:1].isalnum()), 4))
        verb_between = bool(cues.intersection(words_between))
        # '"...," said X' / 'according to X', or X right before the verb with at most its
        # description between: '"...," Riverton coach X said'.
        return (
            len(words_between) <= 1 and (verb_between or tuple(behind) == ("according", "to"))
        ) or (len(words_between) <= 3 and not verb_between and bool(ahead) and ahead[0] in cues)
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
    get = weights.get
    # A list, not a generator, inside sum(): this runs for every feature of every
    # candidate, and a generator's step costs more than the product it yields.
    scores = [sum([get(k, 0.0) * v for k, v in f.items()]) for f in features]
    top = max([0.0, *scores])
    exps = [math.exp(z - top) for z in scores]
    total = math.exp(-top) + sum(exps)
    return [e / total for e in exps]


def _probability(model: Mapping[str, object], feats: Mapping[str, float]) -> float:
    weights = model["weights"]
    assert isinstance(weights, dict)
    get = weights.get
    z = sum([get(k, 0.0) * v for k, v in feats.items()])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def _speaker_nouns() -> frozenset[str]:
    """Heads of descriptions that can speak: those PolNeAR's sources use, bodies and
    offices."""
    return words("speaker_nouns") | ORG_HEADS | OFFICE_NOUNS


@cache
def _model() -> Mapping[str, Mapping[str, object]]:
    loaded = table("attribution")
    assert isinstance(loaded, dict)
    return loaded


_CANDIDATE_SET = ("named=", "paragraph_first=", "sentences=")


@cache
def reads_candidate_set() -> bool:
    """Whether the shipped ranking weighs the candidate-set features: a model trained before
    they existed does not, and a brief need not compute them (training always does)."""
    weights = _model()["speaker"]["weights"]
    assert isinstance(weights, dict)
    return any(k.startswith(_CANDIDATE_SET) for k in weights)
