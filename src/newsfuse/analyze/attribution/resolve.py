"""Resolving the chosen mention to a person or body of the story, and `attribute`, which
runs the three models over an article (see the package's docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from newsfuse.analyze.attribution.apart import speakers_apart
from newsfuse.analyze.attribution.describe import PlaceOffices, place_description
from newsfuse.analyze.attribution.evidence import _sentence_span, ranking_features, relaying
from newsfuse.analyze.attribution.features import (
    Attribution,
    Candidate,
    Piece,
    _model,
    _probability,
    candidates,
    paragraph_spans,
    piece_features,
    pieces,
    reads_candidate_set,
    sentence_start,
    speaker_probabilities,
    statements,
)
from newsfuse.analyze.attribution.layout import SIGNED_CONFIDENCE, continues, signer
from newsfuse.analyze.attribution.phrases import label, said_by
from newsfuse.analyze.attribution.pronouns import Antecedents
from newsfuse.analyze.attribution.tokens import _cues, _tokens
from newsfuse.analyze.names import Mention, Registry
from newsfuse.analyze.names.organisations import ADJECTIVES, NATIONALITY
from newsfuse.analyze.names.people import (
    CALENDAR,
    FUNCTION_WORDS,
    NAME_WORD,
    OFFICE_NOUNS,
    ROLE_WORDS,
)
from newsfuse.model import Article
from newsfuse.resources import words
from newsfuse.segment.lines import furniture


class _Resolver(Antecedents):
    """Turns a chosen mention into the name of a person or body of the story."""

    def __init__(self, text: str, registry: Registry, article_id: str) -> None:
        self.text = text
        self.registry = registry
        self.article_id = article_id
        self.last_speaker: str | None = None
        # For each pronoun resolved to a name: where that name stood and how many names
        # its sentence held, for the verifier (`antecedent_features`).
        self.antecedents: dict[int, tuple[int, int]] = {}
        # For each description resolved to a person: how ("role": a description printed
        # with the name; "office": the one person named with that office), for the verifier.
        self.described: dict[int, str] = {}
        self.names = [
            (m.start, name, kind, _role(text, m, kind))
            for m, name, kind in registry.mentions.get(article_id, ())
        ]
        self.roles = {}
        for _, name, _, role in self.names:
            if role:
                self.roles.setdefault(name, role)
        # Where this article first prints each person's name in two words or more.
        self.introduced: dict[str, int] = {}
        for m, name, kind in registry.mentions.get(article_id, ()):
            if kind == "person" and len(m.name.split()) > 1:
                self.introduced.setdefault(name, m.start)
        self._genders: dict[str, str] | None = None
        self._offices: PlaceOffices | None = None

    def resolve(
        self, c: Candidate, quoted: Sequence[Piece], statement: Sequence[Piece] = ()
    ) -> tuple[str, str | None] | None:
        """`statement`: the pieces whose speaker is asked for (a pronoun never means a
        person they name)."""
        found = self._resolve(c, quoted, statement)
        if found is None or c.kind == "description":
            return found
        if found[0].split()[-1].lower() in FUNCTION_WORDS:
            return None  # a name run into the next sentence's pronoun ("Lund He")
        if found[0].split()[0].lower() in _INDEFINITE or _people(found[0]):
            return None  # a sentence's opening "Another ..." or "Americans ...": no one
        if c.text.lower() in _NAMES_NOTHING or self._adverb_opening(c):
            return None  # "According" of "According to X", "Specifically, ..."
        # A name read off page furniture ("Replay More Videos" of a video player, a caption's
        # credit) is no speaker: abstain rather than print it.
        mention = self.antecedents.get(c.start, (None,))[0] if c.kind == "pronoun" else c.start
        return None if mention is not None and _furniture(self._sentence(mention)) else found

    def _sentence(self, at: int) -> str:
        """The sentence around `at`, within its line."""
        end = self.text.find("\n", at)
        line = (self.text.rfind("\n", 0, at) + 1, len(self.text) if end < 0 else end)
        start, stop = _sentence_span(self.text, at, *line)
        return self.text[start:stop]

    def _surname_of(self, mention: str) -> str | None:
        """The one person the story names in full whose name ends in the mention's last
        word: "Paul" (a place in the gazetteer) beside "Rand Paul", "Clark County Sheriff Jo
        Lombardo" (a place by its head "County") beside "Jo Lombardo"."""
        last = mention.split()[-1]
        if last.lower() in _COUNTRY_ENDS:
            return None  # "Russia", "Korean": a country's word, whatever the rules typed
        # A full name, not one word the rules took for a person ("Korea" of a headline).
        people = {
            n
            for _, n, k, _ in self.names
            if k == "person" and n.split()[-1] == last and len(n.split()) > 1
        }
        return people.pop() if len(people) == 1 else None

    def _resolve(
        self, c: Candidate, quoted: Sequence[Piece], statement: Sequence[Piece]
    ) -> tuple[str, str | None] | None:
        # "Florida" of "the Florida senator said": the senator, not the state.
        described = c.entity_type == "place" and place_description(self.text, c.start, c.end)
        if c.kind == "name" and described:
            return self._held_by(*described, c.start)
        if c.kind == "name" and c.entity_type not in ("person", "organization"):
            # A name the rules typed otherwise that is a surname the story gives a person.
            person = self._surname_of(c.text)
            if person is not None and person != c.entity:
                self.described[c.start] = "surname"
                return self._qualified(person, c.start), self.role(person)
            if c.entity_type != "unknown" and (titled := self._titled(c.text)):
                return titled  # "Maricopa County Recorder Ada Lund", typed a place
        if c.kind == "name" and c.entity_type == "unknown":
            name = c.entity or ""
            if self.registry.could_be_person(name) or self._long_name(name):
                return name, None
            return self._titled(name)
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
            if self._lone_first_name(c):
                return None
            return self._qualified(c.entity, c.start), self.role(c.entity)
        if c.kind == "pronoun":
            return self._antecedent(c, quoted, statement)
        return self._description(c)

    def _adverb_opening(self, c: Candidate) -> bool:
        """A lone capitalised word in -ly or -ing opening a sentence before a comma or a
        word in lower case ("Specifically, ...", "Adding, ...", "Doing so"): an adverb or a
        participle, not a name ("Manning said" goes on with a speech verb)."""
        word = c.text.strip()
        if c.kind != "name" or " " in word or not word.lower().endswith(("ly", "ing")):
            return False
        if sentence_start(self.text, c.start, max(0, c.start - 300)) != c.start:
            return False
        # A name the article prints inside a sentence too ("Ada Kelly ...", then "Kelly, 54,
        # said"): a surname, not an adverb.
        if any(
            name == c.entity and sentence_start(self.text, m.start, max(0, m.start - 300)) < m.start
            for m, name, _ in self.registry.mentions.get(self.article_id, ())
        ):
            return False
        after = _tokens(self.text[c.end : c.end + 20])[:1]
        return (
            bool(after) and (after[0] == "," or after[0][:1].islower()) and after[0] not in _cues()
        )

    def _long_name(self, name: str) -> bool:
        """Three or four words the person check declines for a word inside ("Ada Hall
        Lund") or their number ("Ada Maria Lund Berg"): a person's when first and last make
        one and no word is a title's."""
        parts = name.split()
        return (
            3 <= len(parts) <= 4
            and all(NAME_WORD.fullmatch(w) for w in parts)
            and _TITLE_WORDS.isdisjoint(w.lower() for w in parts)
            and self.registry.could_be_person(f"{parts[0]} {parts[-1]}")
        )

    def _titled(self, name: str) -> tuple[str, str | None] | None:
        """A name the rules left untyped that is a person's behind a title ("Chicago
        Alderman Ada C. Lund": Ada C. Lund, whose role is the title), or behind initials or
        a generational suffix the person check does not read ("J.J. Lund", "Ada Lund III")."""
        parts = name.split()
        plain = [i for i, w in enumerate(parts) if not _INITIAL.fullmatch(w)]
        while plain and parts[plain[-1]].rstrip(".").lower() in _NAME_SUFFIXES:
            plain.pop()
        for k in (3, 2):
            if len(plain) <= k:
                continue
            head = plain[-k]
            title = parts[:head]
            if title[-1].rstrip(".").lower() not in _TITLE_WORDS:
                continue
            person = " ".join(parts[head:])
            if self.registry.could_be_person(" ".join(parts[i] for i in plain[-k:])):
                return self.registry.resolve(person, self.article_id) or person, " ".join(title)
        if not plain or len(plain) == len(parts):
            return None
        rest = " ".join(parts[i] for i in plain)
        known = self.registry.resolve(rest, self.article_id)
        if known is not None:
            return known, None  # "J.J. Lund" of the "Lund" named elsewhere
        return (name, None) if len(plain) >= 2 and self.registry.could_be_person(rest) else None

    def _lone_first_name(self, c: Candidate) -> bool:
        """A first name alone ("a dad known only as Kevin") that the Registry joined to a
        full name ("Kevin Harris") this article prints only after it: a writer gives the
        full name first, so the lone name is likely someone else, and no speaker is printed
        rather than a guess. An article that never prints the full name ("Lin" of Lin Wei, a
        family name first, named in full by the story's other reports) keeps the Registry's
        reading."""
        parts = (c.entity or "").split()
        if " " in c.text.strip() or len(parts) < 2 or c.text.strip() != parts[0]:
            return False
        return self.introduced.get(c.entity or "", -1) > c.start


def _choose(
    resolver: _Resolver,
    options: Sequence[Candidate],
    features: Sequence[Mapping[str, float]],
    probabilities: Sequence[float],
    quoted: Sequence[Piece],
    statement: Sequence[Piece],
) -> tuple[str | None, str | None, float, bool, int, float]:
    """The speaker whose mentions together are likeliest, with their summed probability,
    whether any of its mentions is cued, its likeliest mention and the best rival's
    probability: "Mark Durbin ... said he ... told" is one speaker named twice, not two
    rivals splitting the vote. A mention that names no one we can print (a place, an
    unresolved pronoun) is a rival the speaker must beat."""
    totals: dict[str, float] = {}
    best: dict[str, tuple[float, str | None, bool, int]] = {}
    rival = 0.0
    for i, (p, c, f) in enumerate(zip(probabilities, options, features, strict=True)):
        if p < 0.01:
            continue
        resolved = resolver.resolve(c, quoted, statement)
        if resolved is None:
            rival = max(rival, p)
            continue
        name, role = resolved
        totals[name] = totals.get(name, 0.0) + p
        seen = best.get(name)
        cued = f.get("cued=True", 0.0) > 0 or (seen is not None and seen[2])
        if seen is None or p > seen[0]:
            best[name] = (p, role, cued, i)
        else:
            best[name] = (seen[0], seen[1], cued, seen[3])
    if not totals:
        return None, None, rival, False, -1, rival
    name = max(totals, key=lambda n: (totals[n], best[n][0]))
    second = max([rival, *(t for n, t in totals.items() if n != name)])
    if totals[name] <= rival:
        return None, None, rival, False, -1, rival
    _, role, cued, index = best[name]
    return name, role, totals[name], cued, index, second


def _without_non_speakers(
    resolver: _Resolver,
    options: Sequence[Candidate],
    probabilities: Sequence[float],
    quoted: Sequence[Piece],
) -> list[float]:
    """The probabilities given that no mention that cannot speak does: capitalised words
    opened by one that names nothing ("According" of "According to X", "of the Lund" the
    rules cut from "One of the Lund firm's founders") or a place that is a preposition's
    object ("X, a farmer from Lund, Norway, says"). The model learned where such words
    stand, not what they are; their share goes to the others."""
    mute = [
        i
        for i, (c, p) in enumerate(zip(options, probabilities, strict=True))
        if p >= 0.01
        and c.kind == "name"
        and (
            c.text.split()[0].lower() in _NAMES_NOTHING
            or (c.entity_type == "place" and _place_object(resolver.text, c.start))
        )
        and resolver.resolve(c, quoted) is None
    ]
    left = 1.0 - sum(probabilities[i] for i in mute)
    if not mute or left <= 0.0:
        return list(probabilities)
    return [0.0 if i in mute else p / left for i, p in enumerate(probabilities)]


def verify_features(
    speaker: str,
    confidence: float,
    rival: float,
    mention: Candidate,
    features: Mapping[str, float],
    statement: Sequence[Piece],
) -> dict[str, float]:
    """What the verifier weighs to tell a right speaker from a wrong one: the ranking's
    margin, how the speaker was reached (a name, a pronoun, a description) and the shape
    of what would be printed (an indefinite description, a lone surname, a title's quote)."""
    words = speaker.split()
    kind = next((k for k in features if k.startswith("kind=")), "kind=")
    # The context features ("v_") keep their names: the verifier read them before the
    # ranking did.
    feats = {k if k.startswith("v_") else f"m_{k}": v for k, v in features.items() if k != "bias"}
    feats.update(
        {
            "bias": 1.0,
            f"confidence={min(int(confidence * 10), 9)}": 1.0,
            f"margin={min(int((confidence - rival) * 10), 9)}": 1.0,
            f"rival={min(int(rival * 10), 9)}": 1.0,
            f"speaker_words={min(len(words), 4)}": 1.0,
            f"speaker_indefinite={words[0] in ('A', 'An')}": 1.0,
            f"speaker_lower={any(w[:1].islower() for w in words)}": 1.0,
            f"printed_as_written={mention.text == speaker}": 1.0,
            f"title={statement[0].paragraph == 0}": 1.0,
            f"pieces={min(len(statement), 3)}": 1.0,
            f"{kind}_confidence={min(int(confidence * 5), 4)}": 1.0,
        }
    )
    return feats


def _furniture(sentence: str) -> bool:
    """A page's furniture ("Replay More Videos"); a sentence holding a quote is the story's
    even when the furniture check flags it ("X said: ..." led by a label)."""
    return not _QUOTE_MARK.search(sentence) and furniture(sentence)


_QUOTE_MARK = re.compile(r"[\"“”‘’]")
# Last words of countries and nationality adjectives ("russia", "korean"): never a surname.
_COUNTRY_ENDS = frozenset(w.split()[-1] for w in NATIONALITY)
_INDEFINITE = words("indefinite_pronouns")
_NOUN_PHRASE_OPENERS = frozenset(
    "the a an this that these those his her its their our my it he she they we i what who "
    "which such many most some all any each every no".split()
)
# Capitalised words that name no one, unlike "Another" or "Some" (someone unnamed).
_NAMES_NOTHING = (FUNCTION_WORDS - _INDEFINITE - _NOUN_PHRASE_OPENERS) | {"according"}
# A place as a preposition's object, perhaps after another ("from Lund, Norway").
_PLACE_OBJECT = re.compile(
    r"\b(?:of|from|in|at|near|outside|across|throughout)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.'’-]*\s+)*(?:[A-Z][\w.'’-]*,\s+)?$"
)
# Capitalised words right before a name, within its line; those that open it and are no
# title's, and the courtesy titles that say no role.
_NOT_TITLE = FUNCTION_WORDS | CALENDAR
_COURTESY = words("courtesy_titles")
_TITLE_BEFORE = re.compile(r"(?<![\w.'’-])(?:[A-Z][\w.'’-]*[^\S\n]+){1,4}$")
# A name's initials ("C.", "J.J.") and generational suffixes ("Jr.", "III").
_INITIAL = re.compile(r"(?:[A-Z]\.)+")
_NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
# The last word of a title printed before a name ("Chicago Alderman", "Sen.").
_TITLES = words("title_abbreviations")
_TITLE_WORDS = ROLE_WORDS | OFFICE_NOUNS | _TITLES | words("office_titles")


def _place_object(text: str, start: int) -> bool:
    return _PLACE_OBJECT.search(text[max(0, start - 60) : start]) is not None


def _role(text: str, mention: Mention, kind: str) -> str:
    """A mention's role as the rules read it, or the title printed right before a person's
    name at a sentence's start, which they do not read."""
    return mention.role or (kind == "person" and _title_before(text, mention.start)) or ""


def _title_before(text: str, start: int) -> str | None:
    """The title printed right before a name, as the role the rules did not read at a
    sentence's start: "Archbishop" of "Archbishop Jo Lund led ...", later "the archbishop".
    A courtesy title ("Mr.", "Dr.") is no role, and a date or a sentence's opening word
    before the title is not part of it ("On Monday President ...")."""
    title = _TITLE_BEFORE.search(text, max(0, start - 60), start)
    if title is None:
        return None
    found = title[0].split()
    # A sentence ending among the words ("Lund. Archbishop Jo Berg"): the title opens after it.
    ends = [i for i, w in enumerate(found) if w.endswith(".") and w[:-1].lower() not in _TITLES]
    found = found[ends[-1] + 1 :] if ends else found
    while found and found[0].rstrip(".,").lower() in _NOT_TITLE:
        found = found[1:]
    last = found[-1].rstrip(".").lower() if found else ""
    return " ".join(found) if last in _TITLE_WORDS and last not in _COURTESY else None


def _people(name: str) -> bool:
    """A people named by the plural of its adjective ("Americans", "Saudis")."""
    lower = name.lower()
    return lower.endswith("s") and lower[:-1] in ADJECTIVES


def attribute(article: Article, registry: Registry | None = None) -> Iterator[Attribution]:
    """The article's direct quotes with speakers, in reading order."""
    model = _model()
    registry = registry or Registry.build([article])
    text = article.text
    paragraphs = paragraph_spans(text)
    found = pieces(text, paragraphs)
    resolver = _Resolver(text, registry, article.id)
    verifier = model.get("verify")
    threshold = float(str(model["speaker"]["threshold"]))
    cued_threshold = float(str(model["speaker"].get("cued_threshold", threshold)))
    kept = [
        p
        for p in found
        if _probability(model["piece"], piece_features(text, p, paragraphs[p.paragraph])) >= 0.5
    ]
    previous: tuple[int, str | None] = (-2, None)  # the last statement's paragraph, speaker
    carried: tuple[Piece, str, str | None, float, bool] | None = None
    runs = statements(text, kept, model["merge"])
    for statement in speakers_apart(text, runs, paragraphs, found, registry, article.id):
        number = statement[0].paragraph
        before = previous[1] if previous[0] >= number - 1 else None
        options = candidates(text, paragraphs, found, number, registry, article.id)
        features = ranking_features(
            text, statement, options, paragraphs, found, reads_candidate_set()
        )
        probabilities = speaker_probabilities(model["speaker"], features)
        for i in relaying(text, statement, options):
            probabilities[i] = 0.0  # "Y quotes X as saying": Y is no candidate
        probabilities = _without_non_speakers(resolver, options, probabilities, found)
        speaker, role, confidence, cued, index, rival = _choose(
            resolver, options, features, probabilities, found, statement
        )
        evidence: dict[str, float] = {}
        mention = None
        if speaker is not None:
            mention = (options[index].start, options[index].end)
            evidence = verify_features(
                speaker, confidence, rival, options[index], features[index], statement
            )
            if options[index].kind == "pronoun":
                evidence.update(resolver.antecedent_features(options[index].start))
            # The speaker of the statement before in this paragraph or the one before.
            evidence[f"v_previous={'none' if before is None else before == speaker}"] = 1.0
            if options[index].start in resolver.described:
                evidence[f"described_by={resolver.described[options[index].start]}"] = 1.0
            if verifier is not None:
                # The verifier's probability that this speaker is right is the confidence.
                confidence = _probability(verifier, evidence)
        previous = (number, speaker)
        if confidence < (cued_threshold if cued else threshold):
            speaker = role = None
        said = speaker is not None and mention is not None and said_by(text, mention, statement)
        if speaker is None and carried is not None and continues(text, carried[0], statement):
            speaker, role, confidence, cued = carried[1:]
            said = True
        if speaker is None and (signed := signer(resolver, statement, paragraphs)):
            (speaker, role), confidence, cued = signed, SIGNED_CONFIDENCE, True
            said = True
        # A statement whose last quote runs unclosed to its paragraph's end goes on in the
        # next paragraph if that opens with a quotation mark.
        carried = (statement[-1], speaker, role, confidence, cued) if speaker else None
        if speaker is not None:
            resolver.last_speaker = speaker
        quote = " ... ".join(text[p.start : p.end].strip(" ,") for p in statement)
        opening = quote.lstrip(" .…'‘[(")
        yield Attribution(
            number,
            quote,
            speaker,
            role,
            round(confidence, 3),
            opening[:1].islower(),
            cued,
            mention,
            evidence,
            all(label(text, p) for p in statement),
            said,
        )
