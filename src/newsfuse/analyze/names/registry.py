"""The names of a story, normalised across every article of it at once.

A short form ("Merrow", "Mr Tovar") joins the full name that contains it, preferring a full
name the same article uses; full names that differ by one letter in one part
("Adda"/"Ada Merrow") are one person, spelled the way most mentions spell it. The
story-level view is what makes rules work without a model: one article's "Lin" is
ambiguous, the story says which Lin is meant.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from newsfuse.analyze.names.mentions import (
    Mention,
    common_words,
    find_mentions,
    inner_names,
    storm_name,
)
from newsfuse.analyze.names.organisations import NATIONALITY, body_name
from newsfuse.analyze.names.people import (
    APPOSITION,
    DESCRIPTION_BEFORE,
    DESCRIPTION_HEADS,
    DESCRIPTION_OPENERS,
    NAME_PARTICLES,
    OFFICE_NOUNS,
    ROLE_WORDS,
    beside_speech_verb,
    could_be_person,
    description_words,
    edit1,
    holds_office,
    office_words,
    unprefixed,
)
from newsfuse.analyze.names.places import PLACE_ALIASES, countries
from newsfuse.model import Article

__all__ = ["Registry", "name_runs", "people_named"]

_NATIONALITY_OR_THE = NATIONALITY | {"the"}


_NO_COUNTS: Counter[str] = Counter()


@cache
def name_runs(max_words: int) -> re.Pattern[str]:
    """Runs of up to `max_words` capitalised words (all but the last may hold a full stop).
    Spelled to open with the capital, so that the scan skips to capitals."""
    return re.compile(rf"[A-Z](?:[\w'’.-]*\s+[A-Z]){{0,{max_words - 1}}}[\w'’-]*")


@dataclass
class Registry:
    """Every name of a story, normalised: surface form -> (canonical name, type)."""

    # canonical person name -> roles and descriptions printed with it
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _types: dict[str, str] = field(default_factory=dict)
    _full: dict[str, str] = field(default_factory=dict)  # full surface -> canonical
    _by_part: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # A storm's given name -> the storm's name ("Ada" -> "Hurricane Ada").
    _storms: dict[str, str] = field(default_factory=dict)
    # A body's short form -> its full name ("Truth Commission" -> "Truth and ... Commission").
    _bodies: dict[str, str] = field(default_factory=dict)
    _story_counts: Counter[str] = field(default_factory=Counter)
    _full_counts: Counter[str] = field(default_factory=Counter)
    _article_counts: dict[str, Counter[str]] = field(default_factory=dict)
    # Per article, how often it prints each person's full name.
    _article_full: dict[str, Counter[str]] = field(default_factory=dict)
    mentions: dict[str, list[tuple[Mention, str, str]]] = field(default_factory=dict)
    # Per article, the capitalised names no entity took (a lone surname the story never
    # gives in full): quote attribution may still find one speaking.
    unresolved: dict[str, list[Mention]] = field(default_factory=dict)
    # (surface, article id) -> `resolve`'s answer: every section resolves the names it
    # meets, mostly the same few. Filled only once `build` has finished the registry.
    _resolved: dict[tuple[str, str], str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Sequence[Article]) -> Registry:
        registry = cls()
        common = common_words([a.text for a in articles])
        names = inner_names([a.text for a in articles])
        found = {a.id: find_mentions(a.text, common, names) for a in articles}
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for mentions in found.values():
            for m in mentions:
                if m.hint:
                    votes[m.name.lower()][m.hint] += 1
                words = m.name.split()
                if m.hint == "organization" and len(words) > 3 and words[1] == "and":
                    # "Truth Commission" is the "Truth and Reconciliation Commission".
                    registry._bodies.setdefault(f"{words[0]} {words[-1]}", m.name)
                if m.hint == "other":
                    lower = m.name.lower().split()
                    given = storm_name(lower)
                    if given is not None:
                        registry._storms.setdefault(" ".join(lower[given:]), m.name)
        surface_types = {k: v.most_common(1)[0][0] for k, v in votes.items()}
        # Full person names, misspellings merged into the most printed spelling.
        full: Counter[str] = Counter(
            m.name
            for ms in found.values()
            for m in ms
            if len(m.name.split()) >= 2 and surface_types.get(m.name.lower()) == "person"
        )
        canon: dict[str, str] = {}
        # The most printed spelling is the name; on a tie, the shortest ("Jo Lund II").
        for name, _ in sorted(full.items(), key=lambda kv: (-kv[1], len(kv[0]))):
            known = next((k for k in dict.fromkeys(canon.values()) if _one_person(name, k)), name)
            canon[name] = known
        registry._full = canon
        for name, n in full.items():
            registry._full_counts[canon[name]] += n
        # Insertion order, not a set: ties between names go the same way in every run.
        for name in dict.fromkeys(canon.values()):
            registry._types[name] = "person"
            for part in name.split():
                if part not in NAME_PARTICLES:
                    registry._by_part[unprefixed(part).lower()].append(name)
        texts = {a.id: a.text for a in articles}
        for article_id, mentions in found.items():
            counts: Counter[str] = Counter()
            resolved: list[tuple[Mention, str, str]] = []
            unresolved = registry.unresolved[article_id] = []
            # Where this article prints each person's full name: a bare surname is a bearer
            # named here (see `_bearer`), whoever the story's other reports name.
            named_at = [(m.start, canon[m.name]) for m in mentions if m.name in canon]
            registry._article_full[article_id] = Counter(n for _, n in named_at)
            for m in mentions:
                key = registry._canonical(m, surface_types, named_at, counts, texts[article_id])
                if key is None:
                    unresolved.append(m)
                    continue
                counts[key[0]] += 1
                resolved.append((m, key[0], key[1]))
                if key[1] == "person" and m.role:
                    registry.roles[key[0]].add(m.role)
            registry._article_counts[article_id] = counts
            registry._story_counts.update(counts)
            registry.mentions[article_id] = resolved
        for article in articles:
            registry._learn_descriptions(article.id, article.text)
        return registry

    def _canonical(
        self,
        m: Mention,
        surface_types: Mapping[str, str],
        named_at: Sequence[tuple[int, str]],
        seen: Counter[str],
        text: str,
    ) -> tuple[str, str] | None:
        if m.name in self._full:
            return self._full[m.name], "person"
        lower = m.name.lower()
        if lower in PLACE_ALIASES:
            return PLACE_ALIASES[lower], "place"
        if len(m.name.split()) == 1:
            person = self._bearer(lower, m.start, named_at, seen)
            # A full name's surname typed a place only by the prepositions before it ("to
            # Clinton", "from Trump") is that person; one the gazetteer lists stays a place.
            typed = surface_types.get(lower)
            if person and (
                typed in (None, "person", "")
                or m.role
                or (typed == "place" and could_be_person(m.name))
                # "said Paris," of an article that named "Lemuel Paris": the person speaks.
                or (
                    typed == "place"
                    and lower not in countries()
                    and any(n == person for _, n in named_at)
                    and beside_speech_verb(text, m.start, m.end)
                )
            ):
                return person, "person"
        if lower in self._storms:
            return self._storms[lower], "other"  # "Ada" of "Hurricane Ada"
        kind = surface_types.get(lower, "")
        if not kind:
            return None
        if kind == "organization":
            body = body_name(m.name)
            return self._bodies.get(body, body), kind
        return m.name, kind

    def _bearer(
        self, part: str, at: int, named_at: Sequence[tuple[int, str]], seen: Counter[str]
    ) -> str | None:
        """The person a bare name word at `at` stands for. Several people share the word
        ("Gao Lin", "Feng Lin"): of those this article named in full before it, the one it
        has named most so far, the latest on a tie; else the first it names after it; only
        then one of another report. A namesake of another report never takes it."""
        candidates = self._by_part.get(part, ())
        if len(candidates) > 1:
            before = [n for start, n in named_at if start < at and n in candidates]
            if before:
                return max(reversed(before), key=lambda n: seen[n])
            after = next((n for start, n in named_at if start > at and n in candidates), None)
            if after:
                return after
        return self._person_from_part(part, seen)

    def _person_from_part(self, part: str, seen: Counter[str]) -> str | None:
        candidates = self._by_part.get(part)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        # Several people share the word ("Lin Gao", "Lin Feng"): the one this article
        # already named, else the one the story names most.
        named_here = [c for c in candidates if seen[c]]
        if named_here:
            return max(named_here, key=lambda c: seen[c])
        return max(candidates, key=lambda c: self._full_counts[c])

    def _learn_descriptions(self, article_id: str, text: str) -> None:
        """Descriptions printed beside a name ("Merrow, the top US diplomat,";
        "Norway's top diplomat Dan Halm") so that a later "the top US diplomat" resolves."""
        for m, name, kind in self.mentions.get(article_id, []):
            if kind != "person":
                continue
            after = APPOSITION.match(text[m.end : m.end + 80])
            if after:
                self.roles[name].add(after[1])
            window = text[max(0, m.start - 50) : m.start]
            # A description ends in one of a few nouns: most names follow none of them.
            before = (
                DESCRIPTION_BEFORE.search(window)
                if window.rstrip().endswith(DESCRIPTION_HEADS)
                else None
            )
            if before:
                self.roles[name].add(before[1].strip())

    def type_of(self, name: str) -> str | None:
        return self._types.get(name)

    could_be_person = staticmethod(could_be_person)

    def resolve(self, surface: str, article_id: str) -> str | None:
        """The canonical person a surface form names, if any ("Mr Merrow" -> "Ada
        Merrow", "the top US diplomat" -> "Ada Merrow")."""
        key = (surface, article_id)
        try:
            return self._resolved[key]
        except KeyError:
            person = self._resolved[key] = self._resolve(surface, article_id)
            return person

    def _resolve(self, surface: str, article_id: str) -> str | None:
        words = [w for w in surface.replace("’", "'").split() if w.lower() not in ROLE_WORDS]
        while words and words[0].lower() in _NATIONALITY_OR_THE and len(words) > 1:
            words = words[1:]
        name = " ".join(words)
        if name in self._full:
            return self._full[name]
        if len(words) == 1 and words[0][:1].isupper():
            # Without a position: a bearer this article names in full, else as before. (A
            # shared empty Counter for unknown articles: one per call cost a fifth of the time.)
            full_here = self._article_full.get(article_id, _NO_COUNTS)
            if any(full_here[c] for c in self._by_part.get(words[0].lower(), ())):
                return self._person_from_part(words[0].lower(), full_here)
            counts = self._article_counts.get(article_id, _NO_COUNTS)
            return self._person_from_part(words[0].lower(), counts)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            for known in dict.fromkeys(self._full.values()):
                if known.split()[-1] == words[-1] and edit1(known.split()[0], words[0]):
                    return known
        return self._from_description(surface)

    def people_in(self, text: str, article_id: str, max_words: int = 4) -> Iterator[str]:
        """The people named in free text, in order: each run of up to `max_words`
        capitalised words that resolves to a person."""
        for match in name_runs(max_words).finditer(text):
            person = self.resolve(match[0], article_id)
            if person:
                yield person

    def _from_description(self, surface: str) -> str | None:
        """A definite description matched against the roles printed with each person.

        Only definite ones: "the top US diplomat" is someone the story already named, "a
        senior US official" is deliberately no one."""
        lower = surface.lower().replace("’", "'")
        if not lower.startswith(DESCRIPTION_OPENERS):
            return None
        want = description_words(lower)
        if len(want) < 2:
            return None
        best: list[str] = []
        best_score = 0
        for name, roles in self.roles.items():
            score = max((len(want & description_words(r.lower())) for r in roles), default=0)
            if score > best_score:
                best, best_score = [name], score
            elif score == best_score and score:
                best.append(name)
        return best[0] if len(best) == 1 and best_score >= 2 else None

    def by_office(self, description: str, article_id: str, before: int) -> str | None:
        """The one person this article named before `before` with a role holding every word
        of a definite description of an office ("the district attorney": "District
        Attorney Jo Merrow"; "the senator": "Sen. Ada Lund"); none if two fit."""
        want = office_words(description)
        if not want & OFFICE_NOUNS:
            return None
        named = {
            n for m, n, k in self.mentions.get(article_id, ()) if k == "person" and m.start < before
        }
        fits = [n for n in named if any(holds_office(want, r) for r in self.roles.get(n, ()))]
        return fits[0] if len(fits) == 1 else None

    def counts(self) -> dict[str, Counter[str]]:
        return self._article_counts


def _one_person(name: str, known: str) -> bool:
    """Whether two full names are one person's: one letter apart in one part ("Adda"/"Ada
    Merrow"), spaced or hyphenated alike ("Kim Jong-un"/"Kim Jong Un"), or one the other with
    a middle name or a second surname left out ("Ana Lopes"/"Ana Maria Lopes Cruz")."""
    parts, kparts = name.split(), known.split()
    if len(parts) == len(kparts):
        return (
            all(p == k or edit1(p.lower(), k.lower()) for p, k in zip(parts, kparts, strict=True))
            and sum(p != k for p, k in zip(parts, kparts, strict=True)) <= 1
        )
    if _squashed(name) == _squashed(known):
        return True
    short, long = sorted((parts, kparts), key=len)
    if short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(p in rest for p in short[1:])  # `in` on an iterator: a subsequence


def _squashed(name: str) -> str:
    return name.replace("-", "").replace(" ", "").lower()


def people_named(text: str, article_id: str, registry: Registry | None) -> frozenset[str]:
    """The people `registry` finds named in `text`; none without a registry."""
    if registry is None:
        return frozenset()
    return frozenset(registry.people_in(text, article_id))
