"""Who said what: direct quotes and their speakers, by four small models learned from PolNeAR.

An article's quotation-mark spans ("pieces") go through logistic regressions whose weights
ship in `resources/en/attribution.json` (trained by tools/train_attribution.py on PolNeAR's
training split, settings chosen by cross-validation on it):

1. `piece`: is this span the content of an attribution, or a scare quote or a title?
2. `merge`: do two pieces of a paragraph belong to one statement ('"A," he said. "B."')?
3. `speaker`: which mention near the statement is its source: a name (one the story's
   Registry knows, or a capitalised name it did not take), a pronoun or a description
   ("the campaign"), each scored on where it stands and the words around it.
4. `verify`: given how the speaker was chosen (the ranking's margin, the mention's kind and
   features, the shape of the name to print), the probability that it is right: the
   quote's `confidence`.

The chosen mention is resolved to a person or body the story names: a name through the
story's Registry, a pronoun to the person last named before it, a definite description
through the roles printed with names. Precision first: a statement whose speaker the
verifier is unsure of (under the cross-validated threshold), or whose mention does not
resolve, has no speaker.
"""

from newsfuse.analyze.attribution.features import (
    Attribution,
    Candidate,
    Piece,
    _model,
    candidate_features,
    candidates,
    merge_features,
    paragraph_spans,
    piece_features,
    pieces,
    speaker_probabilities,
    statements,
)
from newsfuse.analyze.attribution.resolve import attribute

__all__ = [
    "Attribution",
    "Candidate",
    "Piece",
    "_model",
    "attribute",
    "candidate_features",
    "candidates",
    "merge_features",
    "paragraph_spans",
    "piece_features",
    "pieces",
    "speaker_probabilities",
    "statements",
]
