"""Text that arrives tokenised, as research corpora print it ("family 's privacy , '' he said .").

Every later stage reads words, numbers and quotations as a page prints them, so such text is
put back together with NLTK's Treebank detokeniser, the inverse of the tokeniser that made it.
Numbers split at their point, thousands comma or colon ("8 . 7", "35 , 000", "12 : 50") and
initials ("p . m .") are joined first: the detokeniser would attach the mark to the left only.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from newsfuse.clean.shape import Paragraphs, RuleResult

if TYPE_CHECKING:
    from nltk.tokenize.treebank import TreebankWordDetokenizer

# Marks a page prints attached to a word. Tokenised text sets them apart; edited text never
# does except by typo, so the share of free-standing ones tells the two apart.
_FREE_MARKS = frozenset({",", ".", "'s", "n't", "``", "''"})
# A full stop after a capital or inside a word ("Gov.", "U.S.") is an abbreviation's, which
# tokenisers keep attached too.
_ATTACHED_MARK = re.compile(r"\w,$|^[a-z0-9]+\.$")
_MIN_MARKS = 2
_MIN_FREE_SHARE = 0.8

_SPLIT_DECIMAL = re.compile(r"\b(\d+) \. (\d+)\b")
_SPLIT_THOUSANDS = re.compile(r"\b(\d{1,3}) , (\d{3})\b")
_SPLIT_CLOCK = re.compile(r"\b(\d{1,2}) : (\d{2})\b")
# A hyphen set apart after a number joins a compound ("4.6 - magnitude", "35 - year - old",
# "20 - 13"); anywhere else it may be a dash ("the trial - never held - was"), so it stays.
_SPLIT_NUMBER_HYPHEN = re.compile(r"(?<![\w.-])(\d[\d.,]*) - (?=[A-Za-z\d])")
_SPLIT_COMPOUND_TAIL = re.compile(r"(?<![\w.])(\d[\d.,]*(?:-[a-z]+)+) - (?=[a-z]+\b)")
_SPLIT_INITIALS = re.compile(r"(?<!\S)((?:[A-Za-z] \. )+[A-Za-z]) \.")


@cache
def _detokenizer() -> TreebankWordDetokenizer:
    # Imported on first use: importing nltk costs about a second, and most text is printed.
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    return TreebankWordDetokenizer()


def tokenised(text: str) -> bool:
    """Whether nearly every comma and full stop stands apart from its word (with "'s",
    "n't" and TeX quotation marks, which only tokenisers set apart)."""
    if " ," not in text and " ." not in text:
        return False  # printed text, in one scan (most text is)
    tokens = text.split()
    free = sum(token in _FREE_MARKS for token in tokens)
    # Only a token ending in a comma or a stop can hold an attached one.
    ends = (t for t in tokens if t.endswith((",", ".")))
    marks = free + sum(bool(_ATTACHED_MARK.search(t)) for t in ends)
    return marks >= _MIN_MARKS and free >= _MIN_FREE_SHARE * marks


def _detokenise_line(line: str) -> str:
    line = _SPLIT_DECIMAL.sub(r"\1.\2", line)
    line = _SPLIT_THOUSANDS.sub(r"\1,\2", line)
    line = _SPLIT_CLOCK.sub(r"\1:\2", line)
    line = _SPLIT_NUMBER_HYPHEN.sub(r"\1-", line)
    while (joined := _SPLIT_COMPOUND_TAIL.sub(r"\1-", line)) != line:
        line = joined
    line = _SPLIT_INITIALS.sub(lambda m: m.group(1).replace(" . ", ".") + ".", line)
    return str(_detokenizer().detokenize(line.split()))


def detokenise_title(title: str, text: str) -> str:
    """The title of a tokenised text, which the same tokeniser split."""
    return _detokenise_line(title) if tokenised(text) else title


def detokenise(paragraphs: Paragraphs) -> RuleResult:
    """A tokenised article is joined back into printed text; the article is judged as a whole,
    since a short paragraph holds too few marks to tell. Nothing is removed, so nothing is
    listed."""
    if not tokenised("\n".join(paragraphs)):
        return list(paragraphs), []
    return ["\n".join(_detokenise_line(line) for line in p.splitlines()) for p in paragraphs], []
