"""Cleaning rules: small, named, each removing one kind of page noise.

A rule takes the article's paragraphs (a paragraph may hold several lines) and returns the
paragraphs it keeps and the text it removed. Rules decide by pattern, line shape and position,
never by matching one site's exact strings, so that they carry over to pages we have not seen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
import ftfy.badness

from newsfuse.clean.captions import caption, gallery, inline_caption
from newsfuse.clean.repeats import (
    duplicate_paragraph,
    duplicate_sentence,
    repeated_words,
)
from newsfuse.clean.shape import Paragraphs, RuleResult, short_line, word_count
from newsfuse.clean.tokens import detokenise
from newsfuse.resources import lines as resource_lines
from newsfuse.resources.patterns import together


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    apply: Callable[[Paragraphs], RuleResult]


def _split_lines(paragraphs: Paragraphs) -> list[list[str]]:
    return [[line.strip() for line in p.splitlines() if line.strip()] for p in paragraphs]


# --- encoding ---------------------------------------------------------------------------


# Characters no ftfy fix changes outside mojibake (which `is_bad` detects): printable ASCII
# but '&' (HTML entities), tab and newline, Latin-1 letters and signs, and general
# punctuation without the line/paragraph separators and invisible format marks. Checked
# against fix_text on every such character and pair, and on the shared data's paragraphs.
_UNTOUCHED = re.compile(r"[\t\n\x20-\x25\x27-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e]*")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _mojibake(text: str) -> bool:
    """ftfy.badness.is_bad(text), looking only around non-ASCII characters: every pattern
    of its regex holds one and spans at most 7 characters. As fast as fix_text itself on
    the whole text, and most news text is ASCII but for quotes and dashes."""
    if text.isascii():
        return False  # every pattern holds a non-ASCII character
    return any(
        ftfy.badness.is_bad(text[max(0, m.start() - 7) : m.end() + 7])
        for m in _NON_ASCII.finditer(text)
    )


def repair_encoding(paragraphs: Paragraphs) -> RuleResult:
    """Mojibake such as 'Ã©' or 'â€™' from text decoded with the wrong codec; and quotation
    marks typed as in TeX (``...''), as newswire archives print them, made curly: every
    later stage reads quotations in real quotation marks. The marks are a notation, not
    something removed, so they are not listed."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        if "``" in paragraph:
            paragraph = paragraph.replace("``", "“").replace("''", "”")
        if _UNTOUCHED.fullmatch(paragraph) and not _mojibake(paragraph):
            kept.append(paragraph)  # nothing for ftfy to fix, and it costs 1 ms an article
            continue
        fixed = ftfy.fix_text(paragraph, normalization="NFC", uncurl_quotes=False)
        if fixed != paragraph:
            removed.extend(_changed_words(paragraph, fixed))
        kept.append(fixed)
    return kept, removed


def _changed_words(before: str, after: str) -> list[str]:
    old, new = before.split(), after.split()
    if len(old) != len(new):
        return [before]
    return [f"{a} -> {b}" for a, b in zip(old, new, strict=True) if a != b]


# --- page furniture -----------------------------------------------------------------------

_UI_PHRASES = re.compile(rf"^({'|'.join(resource_lines('ui_phrases'))})$", re.IGNORECASE)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not re.search(r"\d", text)


def ad_marker(paragraphs: Paragraphs) -> RuleResult:
    """Ad slots and page-UI prompts: short lines of UI wording or all in capitals."""
    kept: Paragraphs = []
    removed: list[str] = []
    for lines in _split_lines(paragraphs):
        keep = []
        for line in lines:
            bare = line.strip(" .:-–—|•*[]()")
            # Word count first: scanning every letter of every long line was most of the rule.
            shouting = word_count(bare) <= 6 and _shouting(bare)
            if _UI_PHRASES.match(bare) or shouting:
                removed.append(line)
            else:
                keep.append(line)
        if keep:
            kept.append("\n".join(keep))
    return kept, removed


_WIRES = "|".join(resource_lines("wire_agencies"))


_RELATED_HEADING = re.compile(
    rf"^({'|'.join(resource_lines('related_headings'))})\b", re.IGNORECASE
)


# The labels in capitals a tabloid's link list puts over each headline ("ERUPTION OF ANGER").
_KICKER = re.compile(r"\b[A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+)+\b")
_MIN_KICKERS = 3


def _glued_list(paragraph: str) -> bool:
    """A list of other stories flattened into one paragraph under its heading."""
    head = paragraph.strip()
    match = _RELATED_HEADING.match(head)
    return bool(
        match
        and match.group(0).isupper()
        and len(_KICKER.findall(head[match.end() :])) >= _MIN_KICKERS
    )


_PROMPT = re.compile(together(resource_lines("form_prompts")), re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_MIN_PROMPTS = 3


def form_prompts(paragraphs: Paragraphs) -> RuleResult:
    """A sign-up form flattened into a paragraph ("Sign Up ... Please verify you're not a
    robot. Invalid email address. Please re-enter. ..."): three or more sentences, most of
    them prompts."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        # Split only where enough prompts stand: most paragraphs hold none.
        sentences = (
            _SENTENCE_END.split(paragraph.strip())
            if len(_PROMPT.findall(paragraph)) >= _MIN_PROMPTS
            else []
        )
        prompts = sum(1 for s in sentences if _PROMPT.search(s))
        if prompts >= _MIN_PROMPTS and prompts > len(sentences) / 2:
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return kept, removed


def related_links(paragraphs: Paragraphs) -> RuleResult:
    """A trailing list of other stories' headlines: from a 'Latest ...'/'See more ...'
    heading, or a run of short headline-shaped lines, to the end of the page; a heading in
    capitals with the list glued after it in one paragraph goes wherever it stands."""
    glued = [_glued_list(p) for p in paragraphs]
    if any(glued):
        kept, rest = related_links([p for p, g in zip(paragraphs, glued, strict=True) if not g])
        return kept, [p for p, g in zip(paragraphs, glued, strict=True) if g] + rest
    cut = len(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        if short_line(paragraph, 8) and _RELATED_HEADING.match(paragraph.strip()):
            rest = paragraphs[i + 1 :]
            if not rest or sum(short_line(p, 20) for p in rest) >= 0.6 * len(rest):
                cut = i
                break
    # A section label ("World News") may stand above the "See more ..." heading.
    if (
        0 < cut < len(paragraphs)
        and short_line(paragraphs[cut - 1], 4)
        and not _CREDIT_LINE.match(paragraphs[cut - 1])
    ):
        cut -= 1
    # Without a heading: at least four headline-shaped paragraphs closing the page.
    run = 0
    for paragraph in reversed(paragraphs[:cut]):
        if not short_line(paragraph, 16):
            break
        run += 1
    if run >= 4:
        cut -= run
    return paragraphs[:cut], paragraphs[cut:]


# Where a page's closing notices begin: a rule line, a copyright, a wire's member credit.
_NOTICE_START = re.compile(
    r"^(?:[_=*~-]{3,}\s*$|(?:copyright\s*)?(?:©|\(c\))|copyright\s+\d{4}|all rights reserved|"
    r"information from:)",
    re.IGNORECASE,
)
# What the lines after it say: rights, reuse, how a transcript was made.
_NOTICE_WORDS = re.compile(
    r"copyright|©|rights reserved|may not be (?:published|reproduced|redistributed)|"
    r"terms of (?:use|service)|permissions?\b|transcripts?\b|information from:",
    re.IGNORECASE,
)
_MAX_NOTICE_LINES = 6


def legal_notice(paragraphs: Paragraphs) -> RuleResult:
    """Notices closing a page: from a line opening with a rule, a copyright or a wire's
    "Information from:" to the end, when every line after it is notice too ("All rights
    reserved.", "NPR transcripts are created on a rush deadline ...")."""
    lines = [(i, line) for i, block in enumerate(_split_lines(paragraphs)) for line in block]
    tail = lines[-_MAX_NOTICE_LINES:]
    cut = len(lines)
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k][1]
        if _NOTICE_START.match(line) and all(
            _NOTICE_WORDS.search(later) or _NOTICE_START.match(later) for _, later in tail[k + 1 :]
        ):
            cut = len(lines) - len(tail) + k
    if cut == len(lines):
        return paragraphs, []
    blocks: dict[int, list[str]] = defaultdict(list)
    for i, line in lines[:cut]:
        blocks[i].append(line)
    return ["\n".join(block) for block in blocks.values()], [line for _, line in lines[cut:]]


# Newswire archives' typesetting codes ("&UR;", "&QL;", "&LR;"), the desk's initials after
# the last one ("&UR; kl", "&UR; (tc-pfg)"), a transmission stamp ("NYT-10-18-98 1807EDT")
# and a write-through's pointer closing the text ("The plane, 5th graf pvs."): no words of
# the story.
_WRITE_THROUGH = re.compile(
    r"(?:^|(?<=[.!?\"”'’]))\s*(?:&[A-Z]{2};\s*)?[^.!?]{0,60}?\b\d+(?:st|nd|rd|th)\s+graf\b"
    r"[^.!?]{0,40}[.!?]?(?:\s*\([^()]{0,20}\))?\s*$"  # "pvs. (pvs/sv)"
)
_DESK_INITIALS = re.compile(r"\s*&[A-Z]{2};\s*\(?[a-z]{1,5}(?:[-/][a-z]{1,5}){0,3}\)?\s*$")
_ARCHIVE_CODE = re.compile(r"&[A-Z]{2};|\b[A-Z]{2,5}-\d\d-\d\d-\d\d\s+\d{4}[A-Z]{3}\b")


def archive_codes(paragraphs: Paragraphs) -> RuleResult:
    """Typesetting codes, desk initials, stamps and write-through pointers of newswire
    archives; a paragraph left empty goes."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        text = paragraph
        # The initials first: a pointer stands before them ("5th graf pvs. &UR; (gm)").
        for pattern, sign in ((_DESK_INITIALS, "&"), (_WRITE_THROUGH, "graf")):
            match = pattern.search(text) if sign in text else None
            if match:
                removed.append(match.group(0).strip())
                text = text[: match.start()]
        if "&" in text or "-" in text:
            removed.extend(m.group(0) for m in _ARCHIVE_CODE.finditer(text))
            text = re.sub(r"[ \t]{2,}", " ", _ARCHIVE_CODE.sub(" ", text))
        if text.strip():
            kept.append(text.strip() if text != paragraph else paragraph)
    return kept, removed


_CREDIT_LINE = re.compile(
    r"^(?:by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s+(?:and|&)\s+[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*){0,3})?(?:,\s*[\w .'’-]{1,40})?"
    r"|(?:source|sources|reporting|additional reporting|writing|editing|edited|compiled)"
    r"(?: by)?\s*[:\-]?\s*[\w .,&'’/-]{1,60}"
    r"|(?:©|\(c\)|copyright)\s.{1,80}"
    rf"|\((?:{_WIRES})\))\s*$",
    re.IGNORECASE,
)


def byline(paragraphs: Paragraphs) -> RuleResult:
    """Bylines and credits near the top or bottom: 'By Press Association', 'Source: TRT',
    'Reporting by ...', '© ...'."""
    kept: Paragraphs = []
    removed: list[str] = []
    last = len(paragraphs) - 1
    for i, paragraph in enumerate(paragraphs):
        near_edge = i <= 2 or i >= last - 2
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        keep = [
            line
            for line in lines
            if not (near_edge and word_count(line) <= 12 and _CREDIT_LINE.match(line))
        ]
        removed.extend(line for line in lines if line not in keep)
        if keep:
            kept.append("\n".join(keep))
    return kept, removed


_STUB = re.compile(rf"^(?:{'|'.join(resource_lines('stub_phrases'))})\b.{{0,40}}$", re.IGNORECASE)


def stub(paragraphs: Paragraphs) -> RuleResult:
    """Placeholders of a story still being written: 'More to follow ...', 'Developing story'."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        stub = word_count(paragraph) <= 12 and _STUB.match(paragraph.strip())
        (removed if stub else kept).append(paragraph)
    return kept, removed


_DATELINE = re.compile(
    r"^(?:\((?P<paren>[A-Z][A-Za-z .'-]{1,40})\)\s*[—–-]+\s*"
    r"|(?P<caps>[A-Z][A-Z .'-]{1,40}?)(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}"
    r"|,\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?"  # ", Jan. 5" or ", Gaza Strip"
    # Newswire archives print the dash as an underscore: "JERUSALEM (AP) _".
    # A hyphen or underscore stands apart ("PORT-AU-PRINCE" is a name).
    rf"(?:\s*\((?:{_WIRES}|[A-Z]{{2,5}})\))?(?:\s*[—–]+|(?:\s+|(?<=\)))[-_]+)\s*"
    r"|(?P<title>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}):\s+(?=[A-Z]))"
)


def find_dateline(text: str) -> tuple[str, str] | None:
    """('OSLO', '(OSLO) — ') when the text opens with a dateline, else None."""
    match = _DATELINE.match(text)
    if not match:
        return None
    place = next(v for v in match.group("paren", "caps", "title") if v)
    return place.strip(), match.group(0)


# An outlet's tag opening the lead without a dash: "(CNN) Scores of people ...".
_OUTLET_TAG = re.compile(rf"^\((?:{_WIRES}|[A-Z]{{2,5}})\)\s*(?=[\"“‘A-Z])")


def dateline(paragraphs: Paragraphs) -> RuleResult:
    """A dateline or an outlet's tag opening the first paragraph: '(OSLO) —', 'LONDON
    (Reuters) -', 'Oslo:', '(CNN)'."""
    if not paragraphs:
        return paragraphs, []
    found = find_dateline(paragraphs[0])
    if found is not None:
        prefix = found[1]
    elif tag := _OUTLET_TAG.match(paragraphs[0]):
        prefix = tag.group(0)
    else:
        return paragraphs, []
    return [paragraphs[0][len(prefix) :], *paragraphs[1:]], [prefix.strip()]


# A page's time stamp: "Updated: 2016-07-15 13:14", "Published on Mon, Jan 8".
_STAMP = re.compile(
    r"\b(?:Updated|Published|Posted|Last modified)(?: on)?:?\s+(?:\d{1,4}[-/.:]"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[\s,])"
)


def stamp(paragraphs: Paragraphs) -> RuleResult:
    """A short paragraph near the top or bottom holding a page's time stamp: a headline,
    a stamp and a byline run together ("Scores hurt Updated: 2016-07-15 13:14 By Agencies")
    state nothing the article's metadata does not."""
    last = len(paragraphs) - 1
    kept: Paragraphs = []
    removed: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        gone = (
            (i <= 2 or i >= last - 2) and word_count(paragraph) <= 30 and _STAMP.search(paragraph)
        )
        (removed if gone else kept).append(paragraph)
    return kept, removed


# A transcript's speaker label: "JANE DOE, HOST:", "DOE:"; a list's bullet.
_SPEAKER_LABEL = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Z ]+)?:(?:\s+|$)"
)
_BULLET = re.compile(r"^[•▪●■·]\s*")


def transcript_labels(paragraphs: Paragraphs) -> RuleResult:
    """Speaker labels of a broadcast transcript (two or more paragraphs opening "NAME:")
    and list bullets: the words stay, the label or the mark goes, so that the words read as
    the sentences they are."""
    labels = [_SPEAKER_LABEL.match(p) for p in paragraphs]
    transcript = sum(1 for m in labels if m) >= 2
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph, label in zip(paragraphs, labels, strict=True):
        mark = (label if transcript else None) or _BULLET.match(paragraph)
        if mark:
            removed.append(mark.group(0))
            paragraph = paragraph[mark.end() :]
        if paragraph.strip():
            kept.append(paragraph)
    return kept, removed


def join_lines(paragraphs: Paragraphs) -> RuleResult:
    """Hard-wrapped lines inside a paragraph become one line: sentences may span them."""
    return [
        " ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs
    ], []


DEFAULT_RULES: tuple[Rule, ...] = (
    # Before encoding: the detokeniser reads tokenised TeX quotation marks itself.
    Rule("detokenise", detokenise),
    Rule("encoding", repair_encoding),
    Rule("archive_codes", archive_codes),
    Rule("ad_marker", ad_marker),
    # Link lists go first so that a credit line above one stands at the page's edge again.
    Rule("related_links", related_links),
    Rule("form_prompts", form_prompts),
    Rule("legal_notice", legal_notice),
    Rule("byline", byline),
    Rule("caption", caption),
    Rule("gallery", gallery),
    Rule("inline_caption", inline_caption),
    Rule("stub", stub),
    Rule("stamp", stamp),
    Rule("transcript_labels", transcript_labels),
    Rule("join_lines", join_lines),
    Rule("dateline", dateline),
    Rule("duplicate_paragraph", duplicate_paragraph),
    Rule("duplicate_sentence", duplicate_sentence),
    Rule("repeated_words", repeated_words),
)
