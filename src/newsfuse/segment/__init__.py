"""Sentence segmentation and word tokenisation.

`sentences` splits text into sentences (one regular-expression pass and a few rules about
the word before a full stop, chosen by measurement: see its docstring); `words` makes the
lower-case word tokens the other stages count. The abbreviation lists are files under
`newsfuse/resources/en/`.
"""

from newsfuse.segment.sentences import segment, split_sentences
from newsfuse.segment.words import fold_case, tokenize, tokens

__all__ = ["fold_case", "segment", "split_sentences", "tokenize", "tokens"]
