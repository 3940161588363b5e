"""Which lines of a page state something of the story: not its furniture (captions,
credits, navigation, prompts, time stamps) nor lines that are not sentences (headings,
fragments). The summary and "one source only" both ask, so the checks live here, below
both (`newsfuse.summarize.lines`, `newsfuse.analyze.exclusives`)."""

from __future__ import annotations

import re

from newsfuse.memo import per_brief
from newsfuse.resources import lines
from newsfuse.resources.patterns import together

__all__ = [
    "FIRST_OR_SECOND_PERSON",
    "QUOTED",
    "furniture",
    "heading",
    "leans_back",
    "opinion_piece",
    "said_nothing",
    "statement",
    "without_connective",
]

# A span in quotation marks: double marks, curly single marks, and straight single marks
# outside a word (an apostrophe inside one, "we're", stays in it). The summary and the
# timeline both read past what a line quotes. (The look-behind stands after the mark it
# guards: opening the pattern, it would be tried at every offset.)
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’|'(?<!\w')(?:[^'\n]|'(?=\w))+'(?!\w)")
# First- or second-person pronouns: outside quotation marks, a column's or a transcript's
# voice ("joined us for more"), or a speaker whose quotation marks were lost.
FIRST_OR_SECOND_PERSON = re.compile(rf"\b(?:{'|'.join(lines('speaker_pronouns'))})\b")

# A label opening a line ("Read more:", "Photo:", "WATCH:"): a page's furniture, not a
# statement (a speaker's words open with "said," in news, not with a colon after a name).
_LABEL = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}:\s")

# A caption, a photo credit ("Jane Doe/Agency") or a page's navigation anywhere in the line:
# web pages glue them to the sentence next to them, which the line then cannot carry.
_FURNITURE = re.compile(
    together(
        (
            *lines("caption_cues"),
            rf"\b[A-Z][\w.'’-]+/(?:{'|'.join(lines('photo_agencies'))})\b",
        )
    )
)
# A statement ends as a sentence does; a heading, a caption or a time stamp does not.
_STATEMENT_END = re.compile(r"[.!?][\"'”’)]*$")
# Any quotation mark may open a line: pages print a closing one for an opening one.
_OPENING = re.compile(r"^[\"“”‘’'(]?[A-Z0-9]")
_NO_COMMENT = re.compile(together(lines("no_comment_cues")), re.IGNORECASE)
# Before a no-comment cue: a relative clause or a second predicate of its subject. After it:
# what was said after all.
_SIDE_CLAUSE = re.compile(r",\s+(?:who|which)\b[^,]*$|\band\s+$", re.IGNORECASE)
_STATED_AFTER = re.compile(r"\b(?:but|though|although)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Words a heading leaves in lower case.
_MINOR = frozenset(lines("name_function_words"))
# Fewer words than this is a fragment ("Fire on Main Street.", "More to come."), not a
# statement of the story.
_MIN_WORDS = 5

# Sentences that cannot stand alone (a summary line, a "one source only" item): they lean on
# an earlier one.
_DANGLING = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|but|and|or|so|also|"
    r"meanwhile|however|instead|still|yet|then|there|here|except|otherwise|besides|moreover|"
    r"furthermore|nevertheless|nonetheless|therefore|thus|"
    # "Later, ...", "Seconds later, ...", "Two days later ...": after what?
    r"(?:(?:\w+\s+)?(?:seconds|minutes|hours|days|weeks|months|years|moments)\s+|shortly\s+)?"
    r"later)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"^(?:his|her|its|their)\b", re.IGNORECASE)
_OPINION = re.compile("|".join(lines("opinion_cues")), re.IGNORECASE)
# A title labelled as opinion ("Opinion: ...", "EDITORIAL | ..."), not one that only opens
# with the word ("Opinion polls show ...").
_OPINION_LABEL = re.compile(
    rf"^\W*(?:{'|'.join(lines('opinion_cues'))})\W*?\s*[:|—–-]\s", re.IGNORECASE
)
_CONNECTIVE = re.compile(
    "^(?:{})\\s+(?=\\w)".format(
        "|".join(
            re.escape(word[:-1]) + "," if word.endswith(",") else re.escape(word) + ",?"
            for word in lines("opening_connectives")
        )
    ),
    re.IGNORECASE,
)


def leans_back(text: str, possessive: bool = True) -> bool:
    """Whether a line leans on an earlier sentence ("He ...", "That ...", "But ...", "Later
    ..."); with `possessive`, also a line opening "His ...", "Their ...", whose subject is
    someone's but often named next ("Her lawyer, Jane Doe, said")."""
    return bool(_DANGLING.match(text) or (possessive and _POSSESSIVE.match(text)))


def said_nothing(text: str) -> bool:
    """Whether a sentence reports only that someone said nothing ("could not be reached for
    comment"): no detail a source adds, no line of a summary. Not when the silence is a
    side clause of a statement ("Ames, who could not be reached, resigned"), a second
    predicate ("resigned and could not be reached") or followed by what was said after all
    ("did not comment, but said ...", "though she said ...")."""
    found = _NO_COMMENT.search(text)
    if found is None:
        return False
    before, after = text[: found.start()], text[found.end() :]
    return not (_SIDE_CLAUSE.search(before) or _STATED_AFTER.search(after))


def opinion_piece(title: str | None, lead: str) -> bool:
    """Whether an article is an opinion piece, named so by its title ("Opinion: ...") or by a
    lead line that introduces it ("The Daily Star said in an editorial for Friday:"): its
    sentences are the outlet's views, not events or facts it reports."""
    return bool(_OPINION_LABEL.match(title or "")) or (
        lead.rstrip().endswith(":") and bool(_OPINION.search(lead))
    )


def without_connective(text: str) -> str:
    """`text` without an opening word that only joins it to the sentence before ("But the
    clinic stayed closed." -> "The clinic stayed closed."): for a line shown on its own."""
    rest, cut = _CONNECTIVE.subn("", text, count=1)
    return rest[:1].upper() + rest[1:] if cut else text


@per_brief  # some 30 patterns searched anywhere: each stage asks again of the same lines
def furniture(text: str) -> bool:
    """Whether a line is (or carries) a page's furniture: a label, a caption, a credit,
    navigation or a prompt."""
    return bool(_LABEL.match(text) or _FURNITURE.search(text))


def heading(words: list[str]) -> bool:
    """Every word capitalised but the minor ones: a sentence, even one of names, has a
    verb in lower case."""
    major = [w for w in words if w.lower() not in _MINOR]
    return len(major) >= 3 and all(w[0].isupper() for w in major)


@per_brief
def statement(text: str) -> bool:
    """Whether a line is a sentence stating something: it opens as a sentence does, ends
    with a full stop (or ! or ?), has a few words not all capitalised as in a heading, and
    is no furniture."""
    text = text.strip()
    words = _WORD.findall(text)
    return (
        len(words) >= _MIN_WORDS
        and bool(_OPENING.match(text))
        and bool(_STATEMENT_END.search(text))
        and not heading(words)
        and not furniture(text)
    )
