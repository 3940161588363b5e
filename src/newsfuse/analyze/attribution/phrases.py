"""Whether a statement holds a clause of its own, and whether a verb of speech gives it to
its speaker: a phrase shorter than a clause ('seen as "the kind of person who gets things
done"', a label such as "Year of the Tide") is a quote only when a verb of saying ties it to
the speaker ('Lund called the plan "reckless"'). The words are general English speech verbs
(`speech_verbs`, `naming_verbs`) and the cue words learned from PolNeAR, read where they
tie the phrase to the speaker: a verb before the speaker is another's, and a passive one
("is widely seen as") gives the speaker's mention as what is seen, not as who speaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsfuse.analyze.attribution.features import _SENTENCE_END, ASIDE, Piece
from newsfuse.analyze.attribution.tokens import _cues, _tokens
from newsfuse.analyze.names.people import FUNCTION_WORDS
from newsfuse.resources import words

__all__ = ["label", "said_by"]

# The writer's words going on after a closing mark: a word in lower case.
_WORD_AFTER = re.compile(r"[^\S\n]*([a-z][\w'’-]*)")
# At most this many words between a quote and a speaker after it when the verb stands
# between them: '"...," said council leader Ada Lund'.
_AFTER_WORDS = 3


@cache
def _verbs() -> frozenset[str]:
    """Speech cues learned from PolNeAR and general English verbs of saying, naming and
    taking a stand in words; not an auxiliary or a preposition the learned cues hold ("did"
    of "did not say", "like"): 'she did not care "about ..."', 'X, like Y a member of the
    "Class of 1992"' say nothing."""
    learned = _cues() - _AUXILIARIES - FUNCTION_WORDS - words("oblique_prepositions")
    return learned | words("speech_verbs") | words("phrase_verbs")


_AUXILIARIES = frozenset(
    "do does did has have had is are was were be been will would can could shall should may might "
    "must".split()
)
# Words that join a second verb to its subject's first: "and stressed", "but later said".
_JOINING = frozenset(("and", "but", "then", "also", "later", "again"))
_MARKS = re.compile(r"[\"“”]")
_BRACKET = re.compile(r"\s*\([^()\"“”]{0,60}\)")
_BE_FORMS = frozenset(("is", "are", "was", "were", "be", "been", "being"))


# A verb right before a mention, with no subject of its own before it: after a comma, a
# clause's opening conjunction or a sentence's start ("But, said Lund"), or as a passive's
# agent ("is said by Lund").
_LED = re.compile(r"(?:(?:^|[,;:—–]|\b(?:[Bb]ut|[Aa]nd))\s*([a-z]+)|\b([a-z]+)\s+by)\s+$")
# Adverbs that stand between "be" and a participle ("is still widely seen").
_ADVERBS = frozenset(("not", "still", "also", "often", "even", "now", "then", "already", "never"))


def label(text: str, piece: Piece) -> bool:
    """Whether the piece is a name or a title the writer uses: in title case, and either
    of two words or more closing with the writer's stop or comma ('known as the "Year of the
    Tide."'), or ending on a word with the writer's sentence going on after it in lower case
    with no speech cue ('looking for "Senator Lund" and who ...', 'wearing "Make the
    Port Great" hats at ...'). A speaker's phrase in lower case ('called it "a disgrace"
    before ...') is not one."""
    said = text[piece.start : piece.end].strip().rstrip(".,")
    # In title case, as names and titles are printed: not a clause ("People were waiting").
    if not said[:1].isupper() or not all(
        w[:1].isupper() or w.lower() in FUNCTION_WORDS for w in said.split()
    ):
        return False
    # Two words or more that are no function words ("Year ... Woman"), not a phrase naming
    # one thing ("Not only in Panama").
    if sum(w.lower() not in FUNCTION_WORDS for w in said.split()) < 2:
        return False
    if text[piece.end - 1 : piece.end] in ".,":
        return True  # 'in what became known as the "Year of the Tide."'
    after = _WORD_AFTER.match(text, piece.end + 1)
    return said[-1:].isalnum() and after is not None and after[1].lower() not in _cues()


def said_by(text: str, mention: tuple[int, int], statement: Sequence[Piece]) -> bool:
    """Whether a speech cue ties the speaker's mention to the statement within one
    sentence: between them when the mention comes first ('Lund called the plan "..."',
    'Lund warned that voters want "..."'), or beside the mention when it follows ('"...,"
    Lund said', '"...," said Lund', '"...," Lund, the council leader, said'), or the
    mention is a passive speech verb's agent ('Pell is said by Lund to be "..."'). Not a cue
    before the mention ('voters said she did not care "about ..."': the voters speak) nor a
    passive one after it ('Lund is widely seen as "a fighter"': others see her so), unless
    it quotes her ('Lund was quoted as saying "..."')."""
    start, end = mention
    first = statement[0]
    if end <= first.start:
        between = text[end : first.start - 1]
        # A colon leads a quote that may open the next paragraph ('Lund wrote: / "..."').
        broken = "\n" in between and not between.rstrip().endswith(":")
        # Another quotation between them takes the verb ('X is seen as "A," and voters said
        # he did not care "B"').
        if _SENTENCE_END.search(between) or broken:
            return False
        # The verb before the speaker: the agent of a passive ('Pell is said by Lund to be
        # "..."'), or the verb put first ('But, said Lund, a Home Office official, "..."').
        led = _LED.search(text, max(0, start - 40), start)
        if led is not None and (led[1] or led[2]) in _verbs():
            return True
        # Past a bracket and an aside ('Lund (a pseudonym), who is loathed by the left, said').
        bracket = _BRACKET.match(text, end, first.start)
        aside = ASIDE.match(text, bracket.end() if bracket else end, first.start)
        after = aside.end() if aside else bracket.end() if bracket else end
        # Up to another quotation between them: a verb after it is that one's ('X is seen as
        # "A," and voters said he did not care "B"'); one before it governs both ('X called
        # it "A" and "B"').
        other = _MARKS.search(text, after, first.start - 1)
        stop = other.start() if other else first.start - 1
        if _active_cue([t for t in _tokens(text[after:stop]) if t[:1].isalnum()]):
            return True
        # The speaker's own verb joined after the other quotation ('X raised issues "of
        # concern" and stressed that the US would "..."').
        if other is None:
            return False
        last = max(m.end() for m in _MARKS.finditer(text, after, first.start - 1))
        joined = [t for t in _tokens(text[last : first.start - 1]) if t[:1].isalnum()]
        while joined and (joined[0] in _JOINING or joined[0].endswith("ly")):
            joined = joined[1:]
        return bool(joined) and joined[0] in _verbs()
    prior = max((p for p in statement if p.end <= start), key=lambda p: p.end, default=None)
    if prior is None or _SENTENCE_END.search(text, prior.end + 1, start):
        return False
    # '"...," said Lund' (the verb between, at most a title besides), or '"a small
    # handful" of the firms stay away, Lund said' (the verb right after the speaker: the
    # sentence is Lund's).
    gap = [t for t in _tokens(text[prior.end + 1 : start]) if t[:1].isalnum()]
    aside = ASIDE.match(text, end)
    ahead = [t for t in _tokens(text[aside.end() if aside else end :][:40]) if t[:1].isalnum()]
    verbs = _verbs()
    return bool(ahead and ahead[0] in verbs) or (
        len(gap) <= _AFTER_WORDS and not verbs.isdisjoint(gap)
    )


def _active_cue(tokens: Sequence[str]) -> bool:
    """Whether the words after a speaker's mention hold a speech cue that is the mention's
    own verb: not a passive one ("is still widely seen as", "has been called a fraud by"),
    whose subject is what is seen or called, and none after a passive's agent ("has been
    angered by the plan of a ..."), who is the one speaking. The passive phrases of
    quoting ("was quoted as saying") read as the one active cue "said" (`_tokens`)."""
    verbs = _verbs()
    for k, t in enumerate(tokens):
        if t == "by" and k and _after_be(tokens, k - 1):
            return False
        if t in verbs and not _after_be(tokens, k):
            return True
    return False


def _after_be(tokens: Sequence[str], k: int) -> bool:
    """Whether the word at `k` follows a form of "be", past adverbs: a passive participle
    ("is widely seen", "has been called"), not an "-ing" form ("is promising")."""
    if tokens[k].endswith("ing"):
        return False
    j = k - 1
    while j >= 0 and (tokens[j] in _ADVERBS or tokens[j].endswith("ly")):
        j -= 1
    return j >= 0 and tokens[j] in _BE_FORMS
