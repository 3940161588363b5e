"""Pronouns as speakers: "he" and "she" resolved to the person last named before them,
"it" and "they" to the body, unless a description speaking in between ("A senior official
said ...") or someone the rules did not name stands closer (`Antecedents`, the resolver's
part for them)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.analyze.attribution.describe import Describing
from newsfuse.analyze.attribution.features import (
    _OWNER_BEFORE,
    _PERSONAL,
    _SENTENCE_END,
    Candidate,
    Piece,
    _bucket,
    _inside,
    _speaker_nouns,
    sentence_start,
)
from newsfuse.analyze.attribution.gender import marked_genders, pronoun_gender
from newsfuse.analyze.attribution.tokens import _cues, _tokens
from newsfuse.analyze.names.organisations import ORG_HEADS
from newsfuse.analyze.names.people import OFFICE_NOUNS
from newsfuse.resources import words

__all__ = ["Antecedents"]


class Antecedents(Describing):
    """What `_Resolver` does with a pronoun."""

    last_speaker: str | None
    # For each pronoun resolved to a name: where that name stood and how many names its
    # sentence held, for the verifier (`antecedent_features`).
    antecedents: dict[int, tuple[int, int]]
    _genders: dict[str, str] | None

    def genders(self) -> dict[str, str]:
        """The people the article marks as a man or a woman (worked out on first use)."""
        if self._genders is None:
            mentions = self.registry.mentions.get(self.article_id, ())
            self._genders = marked_genders(
                self.text, [(m.start, m.end, name, kind, m.role) for m, name, kind in mentions]
            )
        return self._genders

    def _antecedent(
        self, c: Candidate, quoted: Sequence[Piece], statement: Sequence[Piece] = ()
    ) -> tuple[str, str | None] | None:
        """ "he"/"she": the person last named before, outside quotes; "it"/"they": the body
        last named. Two of them named in the sentence before make it ambiguous, unless one
        is the speaker of the quote before; in the pronoun's own sentence, the first.
        Never a person the statement itself names: in '"... what happens to Ada Lund," she
        said' the speaker talks of Lund, so "she" is someone else (a speaker naming herself
        is named, not a pronoun: "Lund said"); a body's statement may name the body."""
        self.antecedents.pop(c.start, None)
        want = "person" if c.text in _PERSONAL else "organization"
        # A body's statement names it ("a priority of the Department"): only for people.
        spoken_of = {
            n
            for at, n, _, _ in self.names
            if want == "person"
            and _inside(at, at + 1, statement)
            and not self._nested(at, statement)
        }
        before = [
            (start, name)
            for start, name, kind, _ in self.names
            if start < c.start
            and kind == want
            and not _inside(start, start + 1, quoted)
            and not self._oblique(start)
        ]
        if gender := pronoun_gender(c.text):  # "she" is no one the article calls "Mr."
            marked = self.genders()
            agree = [(start, name) for start, name in before if marked.get(name, gender) == gender]
            # Past the last person named, only as far as that name's sentence: further back
            # the pronoun more likely means someone the text did not name.
            if (
                before
                and before[-1] not in agree
                and (not agree or agree[-1][0] < sentence_start(self.text, before[-1][0]))
            ):
                return None
            before = agree
        spoken = self._speaking_description(
            before[-1][0] if before else 0, c.start, quoted, want == "person"
        )
        if spoken is not None:
            return spoken if spoken != _UNNAMED else None
        if not before:
            return None
        if want == "person" and self._someone_unknown(before[-1][0], c.start, quoted):
            return None
        name = before[-1][1]
        opening = sentence_start(self.text, before[-1][0])
        recent = [n for s, n in before if s >= opening]
        if len(set(recent)) > 1 and self.last_speaker in recent:
            name = self.last_speaker  # the one speaking goes on speaking
        elif len(set(recent)) > 1:
            # In the pronoun's own sentence, its subject: "X, a spokesman for Y, said he".
            if _SENTENCE_END.search(self.text, before[-1][0], c.start + 1):
                return None
            name = recent[0]
        start = max(s for s, n in before if n == name)
        if (earlier := self._pronoun_before(c.text, start)) is not None:
            # That pronoun's person, whom this one goes on meaning (a name named before it).
            chained = self._antecedent(earlier, quoted, statement)
            if chained is None or chained[0] == name or chained[0] in spoken_of:
                return None
            if earlier.start in self.antecedents:
                self.antecedents[c.start] = self.antecedents[earlier.start]
            return chained
        if name in spoken_of:
            return None
        if "\n" in self.text[start : c.start] and self._unnamed_lead():
            return None  # a story told of someone unnamed: a later paragraph's "he" may be them
        self.antecedents[c.start] = (start, len(set(recent)))
        return self._qualified(name, start), self.role(name)

    def _someone_unknown(self, after: int, before: int, quoted: Sequence[Piece]) -> bool:
        """Whether a sentence between the last person named and a pronoun opens on a name
        the Registry did not take ("Ivo Rugel spoke ...", its first word cut as a sentence's
        opening): a later "he" more likely means them than anyone named before."""
        for u in self.registry.unresolved.get(self.article_id, ()):
            if not after < u.start < before or _inside(u.start, u.end, quoted):
                continue
            first = self._opening(u.start)
            if len(first) == 1 and self.registry.could_be_person(f"{first[0]} {u.name}"):
                return True
        return False

    def _oblique(self, start: int) -> bool:
        """Whether the name at `start` is a preposition's object ("like Lin"), which a later
        pronoun seldom means; not a topic the sentence opens on ("For Nils Holm, ...")."""
        word = self.text[max(0, start - 12) : start].lower().split()[-1:]
        if not word or word[0] not in _OBLIQUE:
            return False
        return " ".join(self._opening(start)).lower() not in _TOPIC_OPENERS

    def _nested(self, at: int, statement: Sequence[Piece]) -> bool:
        """Whether `at` stands in a quote within the statement ('"He said, `Ah, Ada, you're
        back,'" she said'): words the speaker quotes, which may name her."""
        piece = next((p for p in statement if p.start - 1 <= at <= p.end + 1), None)
        if piece is None:
            return False
        before = self.text[piece.start : at]
        return len(_NESTED_OPEN.findall(before)) > len(_NESTED_CLOSE.findall(before))

    def _pronoun_before(self, pronoun: str, start: int) -> Candidate | None:
        """The same pronoun earlier in the clause of the name at `start` ("she would not
        mind seeing Ada Lund out of office"): a pronoun and a name after it in one clause
        are two people, and a later "she" goes on meaning the pronoun's person."""
        opening = max(sentence_start(self.text, start, max(0, start - 300)), start - 300)
        clause = _CLAUSE_BREAK.split(self.text[opening:start])[-1]
        found = list(re.finditer(rf"\b{pronoun}\b", clause, re.IGNORECASE))
        if not found:
            return None
        at = start - len(clause) + found[-1].start()
        return Candidate("pronoun", at, at + len(pronoun), pronoun.lower())

    def _object_of_preposition(self, start: int) -> bool:
        """Whether the words at `start` follow a preposition ("from a county official")."""
        word = self.text[max(0, start - 12) : start].lower().split()[-1:]
        return bool(word) and word[0] in _PREPOSITIONS

    def _opening(self, at: int) -> list[str]:
        """The words of the sentence before `at`, within its line."""
        line = self.text.rfind("\n", 0, at) + 1
        return self.text[sentence_start(self.text, at, max(line, at - 300)) : at].split()

    def _unnamed_lead(self) -> bool:
        """The story opens on a person it does not name: "A 42-year-old man who says ..."."""
        lead = _INDEFINITE_LEAD.match(self.text)
        return lead is not None and lead[1].lower() in _PERSON_NOUNS

    def antecedent_features(self, pronoun: int) -> dict[str, float]:
        """How plainly the name the pronoun at `pronoun` resolved to leads up to it:
        sentences between them, words before the name in its sentence (none: its
        subject), names beside it. Computed for the chosen mention only."""
        if pronoun not in self.antecedents:
            return {}
        start, named = self.antecedents[pronoun]
        opening = max(sentence_start(self.text, start), self.text.rfind("\n", 0, start) + 1)
        lead = len(self.text[opening:start].split())
        between = len(_SENTENCE_END.findall(self.text, start, pronoun + 1))
        return {
            f"antecedent_sentences={min(between, 2)}": 1.0,
            f"antecedent_lead={_bucket(lead, (0, 2, 5))}": 1.0,
            f"antecedent_named={min(named, 2)}": 1.0,
        }

    def _qualified(self, name: str, start: int) -> str:
        """A body with its owner as printed: "China's Ministry of Foreign Affairs"."""
        owner = _OWNER_BEFORE.search(self.text, max(0, start - 30), start)
        return f"{owner[1]}'s {name}" if owner else name

    def _speaking_description(
        self, after: int, before: int, quoted: Sequence[Piece], personal: bool
    ) -> tuple[str, str | None] | None:
        """The last description speaking between the last name and a pronoun: "A senior
        official, speaking on condition of anonymity, said ... 'Quote,' he said" is the
        official, not the person named before. A body ("the company") is never "he" or
        "she": an analyst's "he said" after "The company cut its forecast" is not its."""
        nouns = _speaker_nouns()
        cues = _cues()
        found = None
        for m in re.finditer(r"\b[a-z][a-z-]+\b", self.text[after:before]):
            start, end = after + m.start(), after + m.end()
            if (m[0] not in nouns and m[0] not in _PERSON_NOUNS) or _inside(start, end, quoted):
                continue
            if personal and m[0] in ORG_HEADS and m[0] not in OFFICE_NOUNS:
                continue
            if m[0] in _PERSON_NOUNS and self.text[max(0, start - 4) : start].lower() == "the ":
                # "the man ('s account)": someone the story does not name stands after the
                # name, so a pronoun after both may mean either: no one is printed.
                if self._description(Candidate("description", start, end, m[0])) is None:
                    found = _UNNAMED
                continue
            # "The pope seemed to answer ... '...,' he said": an office opening a sentence after
            # the name is the likelier antecedent: its holder, or no one we can print.
            if (
                self.text[max(0, start - 4) : start] == "The "
                and sentence_start(self.text, start - 4) == start - 4
            ):
                found = self._description(Candidate("description", start, end, m[0])) or _UNNAMED
            clause = re.split(r"[.!?\"“”]", self.text[end : end + 60])[0]
            if cues.intersection([t for t in _tokens(clause) if t[:1].isalnum()][:6]):
                described = self._description(Candidate("description", start, end, m[0]))
                # Only an indefinite one brings in someone new; "the coastguard officer"
                # after a name is that name again. One that is a preposition's object ("a
                # call from a county official who was looking for ...") is not the clause's
                # subject, whom a later pronoun means.
                if (
                    described
                    and described[0].split()[0] in ("A", "An")
                    and not self._object_of_preposition(end - len(described[0]))
                ):
                    found = described
        return found


# `_speaking_description`'s answer for a definite description naming no one.
_UNNAMED: tuple[str, str | None] = ("", None)
_PERSON_NOUNS = words("person_nouns")
# A lead's subject as an indefinite description: "A 42-year-old man", "An injured woman".
# A wire dateline may stand before it ("RIVERTON _ A man ...").
_INDEFINITE_LEAD = re.compile(
    r"\s*(?:[A-Z][A-Za-z ,.'()-]{0,60}?\s[_—–-]+\s+)?An?\s+(?:[\w'’-]+\s+){0,3}?([a-z]+)\b"
)
_OBLIQUE = words("oblique_prepositions")
# Single marks opening and closing a quote within a quote (an apostrophe stands between
# letters: "you're", "Lunds'").
_NESTED_OPEN = re.compile(r"(?<![\w])[‘`']")
_NESTED_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?![\w])")
# What ends a clause before a name: a comma, a semicolon, a colon, a dash, a quotation mark.
_CLAUSE_BREAK = re.compile(r"[,;:—–\"“”]|\s-\s")
# Any preposition before an indefinite description: its object, not a clause's subject.
_PREPOSITIONS = _OBLIQUE | {"to", "at", "on", "from", "of", "by", "in", "into", "over", "toward"}
_TOPIC_OPENERS = words("topic_openers")
