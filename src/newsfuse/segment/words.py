"""Word tokens and case folding."""

from __future__ import annotations

import re

from newsfuse.memo import per_brief

__all__ = ["fold_case", "tokenize", "tokens"]

# The only characters `re.IGNORECASE` matches to an ASCII letter other than its two cases
# (checked over all of Unicode): dotted and dotless i, long s and the Kelvin sign.
_ODD_CASES = "\u0130\u0131\u017f\u212a"
_FOLD_ODD_CASES = str.maketrans(dict(zip(_ODD_CASES, "iisk", strict=True)))


def fold_case(text: str) -> str:
    """`text` in lower case such that wherever a case-insensitive pattern of ASCII letters
    matches in `text`, the pattern in lower case matches in the result at the same offset:
    a cheap pre-check for slow `re.IGNORECASE` scans."""
    if not text.isascii() and any(c in text for c in _ODD_CASES):
        text = text.translate(_FOLD_ODD_CASES)
    return text.lower()


# Internal hyphens and apostrophes join word parts ("state-run", "china's");
# digit groups keep their separators so "3.5" and "1,200" stay one number.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['’-][^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens: letters and digits, keeping internal hyphens and apostrophes."""
    return list(tokens(text))


@per_brief
def tokens(text: str) -> tuple[str, ...]:
    """`tokenize` as a tuple, computed once per distinct text within a brief."""
    # The pattern reads both apostrophes alike: replacing one in the text first gives the
    # same tokens as replacing it in each token, in one pass.
    return tuple(_TOKEN.findall(text.lower().replace("’", "'")))
