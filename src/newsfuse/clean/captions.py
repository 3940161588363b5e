"""Cleaning rules for pictures: captions, photo credits and galleries, standing alone or run
into the text when a page is flattened."""

from __future__ import annotations

import re

from newsfuse.clean.shape import Paragraphs, RuleResult, short_line, word_count
from newsfuse.resources import lines as resource_lines
from newsfuse.segment import fold_case, split_sentences

__all__ = ["caption", "gallery", "inline_caption"]

_AGENCY = rf"(?:{'|'.join(resource_lines('photo_agencies'))}|[A-Z]{{2,6}})"
# A photo credit closing a line: "Photo: AP Photo", "Picture: PA", "(Photo/TRT)",
# "(Pool via AP)", "(AP Photo/Andy Wong)", "Credit: Getty Images", "Image: Reuters".
_CREDIT = re.compile(
    r"(?:\b(?:photo|picture|image|credit|photograph|foto)s?\s*(?:credit)?\s*[:/]\s*[^.!?]{1,50}"
    r"|\((?:(?:photo|picture|image|file photo)s?\s*[:/][^)]{1,50}"
    rf"|[^()]{{0,30}}\bvia {_AGENCY}[^)]{{0,20}}"
    rf"|{_AGENCY} (?:photo|picture|image)[^)]{{0,40}}"
    # "(Hayoung Jeon/EPA)", "(Matt Rourke, File/Associated Press)", "(AFP/Getty Images)"
    # (case-sensitive: "(and/or)" is no credit)
    rf"|(?-i:[^()/]{{1,40}}(?:/[^()/]{{1,30}})*/(?:{_AGENCY}|Associated Press))"
    r"|getty images|file photo)\))\s*$",
    re.IGNORECASE,
)


# A credit that `_CREDIT` finds either closes a bracket or holds one of these words.
_CREDIT_WORDS = ("photo", "picture", "image", "credit", "foto")


def _credit(line: str) -> bool:
    """_CREDIT.search(line), skipped where it cannot match: searching every paragraph for
    it took most of the rule's time."""
    if not line.rstrip().endswith(")"):
        folded = fold_case(line)
        if not any(word in folded for word in _CREDIT_WORDS):
            return False
    return _CREDIT.search(line) is not None


def caption(paragraphs: Paragraphs) -> RuleResult:
    """Photo captions: a block whose last line ends in a photo credit, and the short
    caption-title line that often stands just before it."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph.splitlines() if line.strip()]
        if lines and _credit(lines[-1]):
            # The caption's title, or with a bare credit the caption itself, may sit in its
            # own block just above.
            bare_credit = len(lines) == 1 and word_count(lines[0]) <= 6
            if (
                kept
                and "\n" not in kept[-1]
                and (short_line(kept[-1], 8) or (bare_credit and word_count(kept[-1]) <= 30))
            ):
                removed.append(kept.pop())
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    return kept, removed


# A gallery's or a video playlist's widget text: "Hide Caption 3 of 25", "3 of 25 Photos",
# a player's buttons run together ("Skip in Skip x Embed x Share").
_GALLERY_WIDGET = re.compile(
    r"\b(?:Hide|Show|Expand|Toggle) [Cc]aption \d+ of \d+\b"
    r"|\b\d+ of \d+ (?:Photos|Images|Pictures|Videos)\b"
    r"|\b(?:Skip|Embed|Share)(?:\s+(?:in|x))*\s+(?:Skip|Embed|Share)\b"
)


def gallery(paragraphs: Paragraphs) -> RuleResult:
    """A photo gallery or a video playlist flattened into a paragraph ("Photos: <title>
    <caption> Hide Caption 1 of 25 Photos: <title> <caption> ..."): every caption runs into
    the next, so the whole block goes."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        (removed if _GALLERY_WIDGET.search(paragraph) else kept).append(paragraph)
    return kept, removed


# A wire photo credit run into the text: "REUTERS/Ammar Awad", "AP Photo/Andy Wong",
# "AFP/Getty Images" (agency in capitals or "AP Photo", a slash, a name in title case).
_INLINE_CREDIT = re.compile(
    r"(?<![\w/])(?:[A-Z]{2,}|AP Photo)/[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"
    r"(?:\s*\([^()]{1,20}\))?(?=\s*(?:$|[A-Z“\"‘”]))"  # a new sentence follows a credit
)
# Gallery furniture run into the text: "Slideshow (2 Images)", "Gallery (12 photos)".
_INLINE_GALLERY = re.compile(
    r"(?:^|(?<=\s))(?:slideshow|gallery|photos?)\s*\(\d+\s+(?:images?|photos?|pictures?)\)\s*",
    re.IGNORECASE,
)
_MAX_CAPTION_WORDS = 60


def inline_caption(paragraphs: Paragraphs) -> RuleResult:
    """A photo caption run into a paragraph when a page is flattened: a line ending in a
    photo credit, the sentence that ends just before a wire photo credit (with the
    credit), and gallery markers."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        # A page flattened to one line per paragraph keeps a caption as a line of its own.
        lines = paragraph.split("\n")
        if len(lines) > 1:
            captions = {i for i, line in enumerate(lines) if _credit(line)}
            if captions:
                removed += [lines[i].strip() for i in sorted(captions)]
                paragraph = "\n".join(ln for i, ln in enumerate(lines) if i not in captions)
        # Both patterns need a character most paragraphs lack: skipping the scans there
        # was most of the rule's time.
        galleries = list(_INLINE_GALLERY.finditer(paragraph)) if ")" in paragraph else []
        if galleries:
            removed += [gallery[0].strip() for gallery in galleries]
            paragraph = _INLINE_GALLERY.sub("", paragraph)
        credits = list(_INLINE_CREDIT.finditer(paragraph)) if "/" in paragraph else []
        # Right to left, so earlier positions stay valid as spans go.
        for credit in reversed(credits):
            before = paragraph[: credit.start()].rstrip()
            if not before.endswith((".", "!", "?")):
                continue  # not after a caption: a ratio, a URL, "BBC/Reuters reported"
            # The caption is the last sentence before the credit ("U.S." does not end it).
            last = split_sentences(before[-2000:])[-1]
            start = before.rfind(last)
            if start < 0 or word_count(last) > _MAX_CAPTION_WORDS:
                start = len(before)
            removed.append(paragraph[start : credit.end()].strip())
            paragraph = (paragraph[:start] + paragraph[credit.end() :].lstrip()).rstrip()
        if paragraph.strip():
            kept.append(paragraph)
    return kept, removed
