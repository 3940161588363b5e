"""A sentence as `attach` reads it, without a parser: cut into segments at commas, colons,
semicolons, brackets, dashes and quotation marks, each segment into words, each word given
the part it plays here (an auxiliary, a past form, a word that opens a clause of its own, an
adverb), and the verb groups they form: runs of auxiliaries and past forms ("has also
banned", "was handed", "will meet")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.resources import lines, words

__all__ = [
    "BE",
    "LINKS",
    "PAST_FORMS",
    "REPORTING",
    "STATE",
    "SUBORDINATORS",
    "Word",
    "cut_segments",
    "main_groups",
    "opens_between",
    "verb_groups",
    "words_in",
]

# Quotation marks cut, a plural possessive's apostrophe ("the defendants' testimony") not.
# A comma or colon inside a number ("3,000", "22:30") cuts nothing.
_SEGMENT_CUT = re.compile(
    r"(?<!\d)[,:]|[,:](?!\d)|[;()\[\]\"“”‘—–]|\s-\s|(?<!\w)['’]|(?<![\ws])['’](?!\w)"
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
SUBORDINATORS = words("time_subordinators")
REPORTING = frozenset(w.lower() for w in lines("attribution_verbs") if w.isalpha()) | {
    "announced",
    "confirmed",
    "disclosed",
    "reported",
    "revealed",
    "estimated",
    "cautioned",
    "warned",
}
# Past forms and participles (the `time_*` verb lists), lower case.
PAST_FORMS = (
    frozenset(w.lower() for w in lines("time_past_verbs"))
    | words("time_participles")
    | words("time_more_past_verbs")
)
STATE = frozenset({"was", "were", "had", "did", "is", "are", "am", "be", "been", "being"})
_AUX = STATE | {"has", "have", "do", "does", "will", "would", "can", "could", "should", "may"}
_AUX |= {"might", "must", "shall", "cannot", "won't", "can't", "'ll"}
_ADVERBS = frozenset(
    {"not", "also", "already", "just", "never", "still", "then", "finally", "last", "first", "now"}
    | {"again", "later", "earlier", "soon", "even", "only", "ever"}
)
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those"}
    | {"another", "each", "every", "no", "my", "your"}
)
# Words between a determiner and an adjective in -ed: "its first crewed mission".
_PRE_ADJECTIVE = frozenset({"first", "second", "third", "last", "only", "most", "least", "new"})
_ING_NOUNS = words("time_ing_nouns")
# Words that join a second clause with a verb of its own: no participle follows them.
LINKS = frozenset({"and", "but", "or", "when", "while", "as"})
BE = frozenset({"is", "are", "am", "was", "were", "be", "been"})
# After these (and after a passive) an -ing word goes on with the same verb ("began falling",
# "were found floating"), it opens no clause of its own.
_ASPECTUAL = words("time_aspectual_verbs")
_PREVENTION = words("time_prevention_verbs")
# A subject pronoun right after a noun phrase that follows a verb opens a relative clause
# with no pronoun of its own: "helped its bid it made last year". (Not after a reporting
# verb's object: "told the court he left in May" is what was said.)
_SUBJECT_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int
    kind: str  # "aux" | "past" | "opener" | "adverb" | ""


def _kind(word: str, previous: str, before: str = "") -> str:
    """The part a word plays here; `previous` is the word before it, "" at a segment start,
    and `before` the one before that."""
    low = word.lower()
    # A capitalised word inside a segment is a name ("United", "Armed Services", "May").
    name = word[0].isupper() and bool(previous)
    if name:
        return ""
    if low in _AUX or low.endswith(("n't", "n’t")):  # "wasn't", "didn't"
        return "aux"
    # "the injured", "her hit song", "its first crewed mission"
    after_determiner = previous in _DETERMINERS or (
        before in _DETERMINERS and (previous in _PRE_ADJECTIVE or previous.endswith("ly"))
    )
    if (low in PAST_FORMS or (len(low) > 4 and low.endswith("ed"))) and not after_determiner:
        return "past"
    if low in SUBORDINATORS:
        return "opener"
    # "arising from", "for taking part", "Speaking to reporters" (but not a name: "Jinping").
    gerund = len(low) > 4 and low.endswith("ing")
    if gerund and low not in _ING_NOUNS and not after_determiner:
        return "opener"
    if low in _ADVERBS or (low.endswith("ly") and len(low) > 4):
        return "adverb"
    return ""


def words_in(text: str, start: int, end: int) -> list[Word]:
    found: list[Word] = []
    previous = before = ""
    for m in _WORD.finditer(text, start, end):
        kind = _kind(m[0], previous, before)
        low = m[0].lower()
        if kind == "aux" and low in ("am", "pm") and text[: m.start()].rstrip()[-1:].isdigit():
            kind = ""  # "at 11:36 am"
        # A word that would open a clause but ends one opens nothing: "played there before,
        # in 2004".
        if kind == "opener" and text[m.end() : m.end() + 1] in (",", ".", ";"):
            kind = ""
        if low == "than" and text[m.end() :].lstrip()[:1].isdigit():
            kind = ""  # "more than 200 girls"
        if low == "while" and text[: m.start()].rstrip().endswith(","):
            kind = "opener"  # ", while another was found": whereas, a clause of its own
        # "that" after a verb opens what was said ("said that the plant closed on Monday"),
        # whose event the date may well be; after a noun it opens a relative clause.
        after_verb = bool(found) and found[-1].kind in ("aux", "past")
        if kind == "opener" and low == "that" and after_verb:
            kind = ""
        if kind == "opener" and low.endswith("ing") and after_verb:
            kind = _after_verb_ing(found)
        if kind == "opener" and previous == "from" and _prevented(found):
            kind = ""
        if low in _SUBJECT_PRONOUNS and _contact_relative(found):
            kind = "opener"
        found.append(Word(m[0], m.start(), m.end(), kind))
        previous, before = low, previous
    return found


def _after_verb_ing(found: list[Word]) -> str:
    """An -ing word right after a verb: "past" after "be" ("were searching", a progressive),
    "" after a passive or an aspectual verb ("were found floating", "began falling"), else
    still an opener ("admitted taking bribes in 2012": the taking is another event)."""
    last = found[-1].text.lower()
    if last in BE:
        return "past"
    passive = len(found) > 1 and found[-2].text.lower() in BE and found[-1].kind == "past"
    return "" if passive or last in _ASPECTUAL else "opener"


def _prevented(found: list[Word]) -> bool:
    """Whether the last verb before this "from" keeps something from happening ("delayed
    two ferries from leaving"): the -ing event never took place, so it dates nothing."""
    for w in reversed(found):
        if w.text.lower() in _PREVENTION:
            return True
        if w.kind in ("aux", "past", "opener"):
            return False
    return False


def _contact_relative(found: list[Word]) -> bool:
    """Whether a subject pronoun here opens a relative clause: it follows a lowercase noun
    with a determiner before it ("its bid it made"), inside the object of an earlier verb
    that is not a reporting one."""
    if not found or found[-1].kind or not found[-1].text.islower():
        return False
    for i in range(len(found) - 2, max(len(found) - 6, -1), -1):
        w = found[i]
        if w.kind in ("aux", "past", "opener"):
            return False
        if w.text.lower() in _DETERMINERS or w.text.lower().endswith(("'s", "’s")):
            verbs = [v for v in found[:i] if v.kind in ("aux", "past")]
            return bool(verbs) and verbs[-1].text.lower() not in REPORTING
    return False


def verb_groups(found: list[Word]) -> list[list[Word]]:
    """Runs of auxiliaries and past forms, with adverbs inside ("had already been sentenced")."""
    groups: list[list[Word]] = []
    current: list[Word] = []
    for w in found:
        if w.kind in ("aux", "past") or (current and w.kind == "adverb"):
            current.append(w)
            continue
        if current:
            groups.append(current)
        current = []
    if current:
        groups.append(current)
    return [[w for w in g if w.kind != "adverb"] or g for g in groups]


def cut_segments(sentence: str) -> list[tuple[int, int]]:
    cuts = [0, *(p for m in _SEGMENT_CUT.finditer(sentence) for p in m.span()), len(sentence)]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]


def opens_between(found: list[Word], start: int, end: int) -> bool:
    return any(w.kind == "opener" and start <= w.start < end for w in found)


def main_groups(sentence: str, segment: tuple[int, int]) -> list[list[Word]]:
    """The verb groups of a segment that no opener before them puts in a clause of its own
    ("Coincheck, which until May was one of the largest, announced ...")."""
    found = words_in(sentence, *segment)
    return [g for g in verb_groups(found) if not opens_between(found, segment[0], g[0].start)]
