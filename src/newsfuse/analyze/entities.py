"""People, organisations and places, normalised across the story, with mentions per source.

Rules, not a statistical model: capitalised word sequences are split into a role ("US
Secretary of State") and a name ("Antony Blinken"), typed by their head words, a gazetteer
(pycountry, maintained and offline) and the words around them, and then normalised across
every article of the story at once. A short form ("Blinken", "Mr Xi") joins the full name
that contains it, preferring a full name the same article uses; full names that differ by
one letter in one part ("Anthony"/"Antony Blinken") are one person, spelled the way most
mentions spell it. The story-level view is what makes this work without a model: one
article's "Qin" is ambiguous, the story says which Qin is meant.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from newsfuse.model import Article, Entity

__all__ = ["Mention", "Registry", "extract_entities", "find_mentions"]

# A capitalised token: an initialism ("U.S.") or a word ("Blinken", "Xi-Biden", "McDonald").
# "of"/"of the"/"for" may join capitalised tokens ("Office of the Central Foreign Affairs
# Commission"); a possessive ends the sequence ("China's top diplomat").
_CAP = r"(?:[A-Z]\.){2,}|[A-Z][\w-]*(?<!-)"
# The first token is `_CAP` spelled from its capital on, with the look-behind after that
# capital: a pattern that opens with a character class is scanned for fast, one that
# opens with a look-behind is tried at every character (twice as slow over a story).
_SEQUENCE = re.compile(
    rf"[A-Z](?<![\w'’][A-Z])(?:\.(?:[A-Z]\.)+|[\w-]*(?<!-))"
    rf"(?:\s(?:(?:of|for|of\sthe)\s)?(?:{_CAP}))*"
)

# Words that make a capitalised sequence a title or office rather than a name.
ROLE_WORDS = frozenset(
    "mr mrs ms miss dr prof sir dame president vice secretary minister prime foreign defence "
    "defense state general director deputy chief executive commander captain spokesman "
    "spokeswoman spokesperson adviser advisor security national senator governor mayor "
    "premier chancellor king queen prince princess pope ambassador chairman chair ceo leader "
    "officer inspector sergeant lieutenant colonel major admiral judge justice councillor "
    "treasury finance interior trade transport health home affairs attorney speaker "
    "co-founder founder head professor rev bishop cardinal sheikh lord".split()
)
_PERSON_TITLES = frozenset("mr mrs ms miss dr prof sir dame".split())
_NATIONALITY = frozenset(
    "us u.s. american america chinese china british uk indian russian ukrainian japanese "
    "french german european australian washington beijing".split()
)
_ORG_HEADS = frozenset(
    "department ministry agency news university commission office council party union "
    "coastguard press post daily times institute court police army navy association bank "
    "company corporation inc ltd group committee service broadcasting media network "
    "foundation ferries airlines house congress senate parliament government club school "
    "alliance organisation organization summit forum fund programme program board "
    "authority bureau tribune gazette courier standard herald journal reuters xinhua".split()
)
_PLACE_HEADS = frozenset(
    "hall guesthouse strait sea ocean island islands rocks square street road harbour harbor "
    "port bay river mountain mountains province city county district region valley lake "
    "airport hospital gardens park coast gulf".split()
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
_PLACE_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russia": "Russia",
}
# Unions the per-name loops test against, built once (rebuilding them per name was a
# third of the registry's time).
_ROLE_OR_NATIONALITY = ROLE_WORDS | _NATIONALITY
_HEADS = _ORG_HEADS | _PLACE_HEADS
_ADJECTIVES = _NATIONALITY - {"us", "u.s.", "america"}
_NATIONALITY_OR_THE = _NATIONALITY | {"the"}
_VESSEL_PREFIXES = frozenset("mv ms hms uss ss rms fv mt".split())
_ARTICLE_CUE = re.compile(r"\b(?:the|a|an)\s+(?:(?:MV|MS|HMS|USS|SS|RMS|FV|MT)\s+)?$", re.I)
_PLACE_CUE = re.compile(r"\b(?:in|to|from|near|off|at|into|across|outside|inside|toward)\s+$")
_PERSON_CUE_AFTER = re.compile(
    r"^(?:,[^,]{1,60},)?\s+(?:said|says|told|added|stressed|urged|warned|asked|met|"
    r"explained|insisted|noted|wrote|tweeted|called|believes?|thinks?)\b"
)

# ", chairman of the ...", ", a lawyer for ...": a person introduced by an appositive.
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){1,3}(?:of|for|at)\s")


def _introduced(text: str, end: int) -> bool:
    """Whether the capitalised words ending at `end` are followed as a person's name is:
    by an appositive or a speech verb. Then a first name printed nowhere else inside a
    sentence ("Qadoura Fares, chairman of ...") still belongs to the name."""
    after = text[end : end + 80]
    return bool(_APPOSITIVE_AFTER.match(after) or _PERSON_CUE_AFTER.match(after))


@cache
def _gazetteer() -> frozenset[str]:
    """Lower-cased country and subdivision names from pycountry (imported lazily: it
    loads its tables on first use)."""
    import pycountry

    names: set[str] = set(_PLACE_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    for sub in pycountry.subdivisions:
        names.add(sub.name.lower())
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised name in an article's text; `role` is any title printed before it."""

    start: int
    end: int
    name: str
    role: str
    hint: str  # "person" | "organization" | "place" | ""


def _edit1(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution apart."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or a[i + 1 :] == b[i + 1 :]


def _classify(tokens: list[str], lower: list[str], role: list[str], before: str, after: str) -> str:
    """The type a name's shape and surroundings suggest; `lower` is its tokens in lower
    case."""
    joined = " ".join(lower)
    if not _ORG_HEADS.isdisjoint(lower):
        return "organization"
    if not _PLACE_HEADS.isdisjoint(lower):
        return "place"
    if joined in _gazetteer() and not joined.endswith("ern"):  # "Western" is no place
        return "place"
    if role:
        return "person"
    if lower[0] in _VESSEL_PREFIXES or (len(tokens) > 1 and _ARTICLE_CUE.search(before[-8:])):
        # "MV Saint Orla", "the Saint Orla": people take no article and no ship prefix, so a
        # name with one is a thing (a ship, a building), whatever its shape.
        return "other"
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
        return "organization"  # an acronym that is not a country: "CCTV", "APEC"
    if _PLACE_CUE.search(before[-12:]):
        return "place"
    if 2 <= len(tokens) <= 3 and all(t[:1].isupper() and t.isalpha() for t in tokens):
        return "person"
    if _PERSON_CUE_AFTER.match(after):
        return "person"
    return ""


# Words that open sentences before a name ("In Beijing", "But Blinken"). Not sklearn's stop
# list: it holds "bill", and Bill Gates is a name.
_FUNCTION_WORDS = frozenset(
    "the a an in on at but and or if as for of to by with from after before during since "
    "while when this that these those it he she they we i his her its their our my despite "
    "although though however meanwhile earlier later last next behind ahead under over "
    "instead neither nor both either so yet then thus still now there here what who how why "
    "where which such many most some all any each every no not only even also".split()
)
# Words no person's name holds, and the shape of a word that may be one.
_NOT_A_PERSON = _FUNCTION_WORDS | _ORG_HEADS | _PLACE_HEADS | _CALENDAR
_NAME_WORD = re.compile(r"[A-Z][a-z'-]+")
_OWNER = re.compile(r"['’]s?\s+([A-Z]\w+)")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a capital opens the text, or follows sentence punctuation, a line break or a
    quote mark and any spaces: asked of the few names it matters for, rather than scanning
    the whole text for every such place."""
    if not "A" <= text[at : at + 1] <= "Z":
        return False
    if at == 0:
        return True
    while at > 0 and text[at - 1].isspace():
        if text[at - 1] == "\n":
            return True
        at -= 1
    return at > 0 and text[at - 1] in '.!?:"“'


def common_words(texts: Sequence[str]) -> frozenset[str]:
    return frozenset(w for t in texts for w in re.findall(r"\b[a-z][a-z]+\b", t))


def inner_names(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised words printed inside a sentence somewhere in the story."""
    return frozenset(m[1] for t in texts for m in re.finditer(r"[\w,;]\s+([A-Z][\w-]*)", t))


def find_mentions(
    text: str, common: frozenset[str] | None = None, names: frozenset[str] = frozenset()
) -> list[Mention]:
    """Every capitalised name in `text`, with its role prefix and a type hint.

    `common`: words the story also prints in lower case; such a word opening a sentence is
    not part of a name ("Like Qin, he ..."). Defaults to the words of `text`. `names`:
    capitalised words the story prints inside sentences; a sentence's first word that is
    never among them is not part of a name either."""
    mentions: list[Mention] = []
    common = common if common is not None else common_words([text])
    for match in _SEQUENCE.finditer(text):
        tokens = match[0].split()
        # Each token's lower case, once: the tests below read it a dozen times a name.
        low = [t.lower() for t in tokens]
        start = match.start()
        # A sentence-opening function word is not part of the name ("The", "In", "But").
        skip = 0
        while skip < len(tokens) and low[skip] in _FUNCTION_WORDS:
            start += len(tokens[skip]) + 1
            skip += 1
        tokens, low = tokens[skip:], low[skip:]
        # No name ends in a joining word; nor is a date one ("Monday", "Tuesday March 5").
        if not tokens or low[-1] in ("of", "for", "the") or not _CALENDAR.isdisjoint(low):
            continue
        if (
            len(tokens) > 1
            and (
                low[0] in common
                or (names and tokens[0] not in names and not _introduced(text, match.end()))
            )
            and _opens_sentence(text, start)
        ):
            start += len(tokens[0]) + 1
            tokens, low = tokens[1:], low[1:]  # "Like Qin, he ...": a common word opening
        # Split "US Secretary of State Antony Blinken" into its role and the name after it,
        # unless a head word makes the whole sequence one body ("US State Department").
        cut = len(tokens)
        while cut > 0 and low[cut - 1] not in _ROLE_OR_NATIONALITY:
            cut -= 1
        name, role, name_low = tokens, [], low
        if not _HEADS.isdisjoint(low):
            cut = 0
        if 0 < cut < len(tokens) and len(tokens) - cut <= 3:
            name, role, name_low = tokens[cut:], tokens[:cut], low[cut:]
            if _NATIONALITY.issuperset(low[:cut]):
                name, role, name_low = tokens, [], low  # "Chinese Foo Bar" keeps no role
        if (
            len(name) == 1
            and name_low[0] in _ADJECTIVES
            and name[0] not in ("Washington", "Beijing", "China")
        ):
            continue  # an adjective: "Chinese", "American"
        if "-" in name[0] and all(p[:1].isupper() for p in name[0].split("-")) and len(name) == 1:
            continue  # "US-China", "Xi-Biden": a relation, not a name
        if len(name) == 1 and len(name[0]) < 2:
            continue
        if ROLE_WORDS.issuperset(name_low):
            continue
        name_start = (
            start
            + len(" ".join(tokens[: len(tokens) - len(name)]))
            + (1 if len(name) < len(tokens) else 0)
        )
        surface = " ".join(name)
        end = name_start + len(surface)
        # Only 80 characters after the name are read: slicing the rest of the text per name
        # copied the article hundreds of times.
        after = text[end : end + 80]
        hint = _classify(name, name_low, role, text[max(0, name_start - 30) : name_start], after)
        owner = _OWNER.match(after[:30])
        if owner and owner[1].lower() in _ORG_HEADS:
            hint = "organization"  # "Vardanian Seafarers' Union" is a body, not a person
        if role and hint in ("", "person") and role[-1].lower() in ROLE_WORDS:
            hint = "person"
        mentions.append(Mention(name_start, end, surface, " ".join(role), hint))
    return mentions


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
    _story_counts: Counter[str] = field(default_factory=Counter)
    _full_counts: Counter[str] = field(default_factory=Counter)
    _article_counts: dict[str, Counter[str]] = field(default_factory=dict)
    mentions: dict[str, list[tuple[Mention, str, str]]] = field(default_factory=dict)
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
        surface_types = {k: v.most_common(1)[0][0] for k, v in votes.items()}
        # Full person names, misspellings merged into the most printed spelling.
        full: Counter[str] = Counter(
            m.name
            for ms in found.values()
            for m in ms
            if len(m.name.split()) >= 2 and surface_types.get(m.name.lower()) == "person"
        )
        canon: dict[str, str] = {}
        for name, _ in full.most_common():
            parts = name.split()
            for known in list(dict.fromkeys(canon.values())):
                kparts = known.split()
                if (
                    len(kparts) == len(parts)
                    and sum(
                        p != k and not _edit1(p.lower(), k.lower())
                        for p, k in zip(parts, kparts, strict=True)
                    )
                    == 0
                    and sum(p != k for p, k in zip(parts, kparts, strict=True)) <= 1
                ):
                    canon[name] = known
                    break
            else:
                canon[name] = name
        registry._full = canon
        for name, n in full.items():
            registry._full_counts[canon[name]] += n
        # Insertion order, not a set: ties between names go the same way in every run.
        for name in dict.fromkeys(canon.values()):
            registry._types[name] = "person"
            for part in name.split():
                registry._by_part[part.lower()].append(name)
        for article_id, mentions in found.items():
            counts: Counter[str] = Counter()
            resolved: list[tuple[Mention, str, str]] = []
            for m in mentions:
                key = registry._canonical(m, surface_types, article_id, counts)
                if key is None:
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
        article_id: str,
        seen: Counter[str],
    ) -> tuple[str, str] | None:
        if m.name in self._full:
            return self._full[m.name], "person"
        lower = m.name.lower()
        if lower in _PLACE_ALIASES:
            return _PLACE_ALIASES[lower], "place"
        if len(m.name.split()) == 1:
            person = self._person_from_part(lower, article_id, seen)
            if person and (surface_types.get(lower) in (None, "person", "") or m.role):
                return person, "person"
        kind = surface_types.get(lower, "")
        if not kind:
            return None
        if kind == "organization":
            # "US State Department" and "State Department" are one body.
            words = m.name.split()
            while len(words) > 1 and words[0].lower() in _NATIONALITY:
                words = words[1:]
            return " ".join(words), kind
        return m.name, kind

    def _person_from_part(self, part: str, article_id: str, seen: Counter[str]) -> str | None:
        candidates = self._by_part.get(part)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        # Several people share the word ("Qin Gang", "Qin Feng"): the one this article
        # already named, else the one the story names most.
        named_here = [c for c in candidates if seen[c]]
        if named_here:
            return max(named_here, key=lambda c: seen[c])
        return max(candidates, key=lambda c: self._full_counts[c])

    _APPOSITION = re.compile(r"^,\s+((?:the|a|an)\s+[^,.;]{3,60}?),")
    _PREFIX = re.compile(
        r"((?:[A-Z][\w.]*['’]s\s+|the\s+)?(?:[a-z-]+\s+){0,2}(?:diplomat|envoy|leader))\s+$"
    )

    def _learn_descriptions(self, article_id: str, text: str) -> None:
        """Descriptions printed beside a name ("Blinken, the top US diplomat,";
        "China's top diplomat Wang Yi") so that a later "the top US diplomat" resolves."""
        for m, name, kind in self.mentions.get(article_id, []):
            if kind != "person":
                continue
            after = self._APPOSITION.match(text[m.end : m.end + 80])
            if after:
                self.roles[name].add(after[1])
            window = text[max(0, m.start - 50) : m.start]
            # The pattern ends in one of three words: most names follow none of them.
            before = (
                self._PREFIX.search(window)
                if window.rstrip().endswith(("diplomat", "envoy", "leader"))
                else None
            )
            if before:
                self.roles[name].add(before[1].strip())

    def type_of(self, name: str) -> str | None:
        return self._types.get(name)

    @staticmethod
    def could_be_person(surface: str) -> bool:
        """Whether one to three capitalised words could name a person the rules did not
        type ("Bassem", a father named once by first name): not a place, a body or a
        function word. For a speech verb's subject, where a person is the likely reading."""
        words = surface.split()
        return (
            1 <= len(words) <= 3
            and all(_NAME_WORD.fullmatch(w) for w in words)
            and _NOT_A_PERSON.isdisjoint(w.lower() for w in words)
            and surface.lower() not in _gazetteer()
        )

    def resolve(self, surface: str, article_id: str) -> str | None:
        """The canonical person a surface form names, if any ("Mr Blinken" -> "Antony
        Blinken", "the top US diplomat" -> "Antony Blinken")."""
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
        # A shared empty Counter for unknown articles: building one per call cost a fifth of
        # this method's time (it is only read).
        counts = self._article_counts.get(article_id, _NO_COUNTS)
        if len(words) == 1 and words[0][:1].isupper():
            return self._person_from_part(words[0].lower(), article_id, counts)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            for known in dict.fromkeys(self._full.values()):
                if known.split()[-1] == words[-1] and _edit1(known.split()[0], words[0]):
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
        if not lower.startswith(("the ", "america's ", "washington's ", "china's ", "beijing's ")):
            return None
        want = _description_words(lower)
        if len(want) < 2:
            return None
        best: list[str] = []
        best_score = 0
        for name, roles in self.roles.items():
            score = max((len(want & _description_words(r.lower())) for r in roles), default=0)
            if score > best_score:
                best, best_score = [name], score
            elif score == best_score and score:
                best.append(name)
        return best[0] if len(best) == 1 and best_score >= 2 else None

    def counts(self) -> dict[str, Counter[str]]:
        return self._article_counts


_SIDE = {
    "us": "us",
    "u.s.": "us",
    "american": "us",
    "america's": "us",
    "washington's": "us",
    "america": "us",
    "chinese": "china",
    "china's": "china",
    "beijing's": "china",
    "china": "china",
}


def _description_words(text: str) -> set[str]:
    words = set()
    for w in re.findall(r"[\w.']+", text):
        if w in ("the", "a", "an", "of", "top", "senior"):
            continue
        words.add(_SIDE.get(w, w))
    if "secretary" in words and "state" in words:
        words.add("diplomat")  # a secretary of state is his country's top diplomat
    return words


def extract_entities(articles: Sequence[Article], registry: Registry | None = None) -> list[Entity]:
    """Entities with mention counts per article, most mentioned first.

    Names printed once in one article are left out: at that frequency the rules are wrong
    too often, and a brief's reader does not need them."""
    registry = registry or Registry.build(articles)
    per_entity: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for article_id, resolved in registry.mentions.items():
        for _, name, kind in resolved:
            per_entity[(name, kind)][article_id] += 1
    order = [a.id for a in articles]
    entities = [
        Entity(name, kind, tuple((a, counts[a]) for a in order if counts[a]))
        for (name, kind), counts in per_entity.items()
        if sum(counts.values()) >= 2
    ]
    entities.sort(key=lambda e: (-sum(n for _, n in e.mentions), e.name))
    return entities


def people_named(text: str, article_id: str, registry: Registry | None) -> frozenset[str]:
    """The people `registry` finds named in `text`; none without a registry."""
    if registry is None:
        return frozenset()
    return frozenset(registry.people_in(text, article_id))
