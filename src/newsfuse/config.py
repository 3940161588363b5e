"""All tunable settings in one place."""

from __future__ import annotations

from dataclasses import dataclass

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    words: int = 120
    # Two sentences from different articles state the same fact above this similarity.
    same_fact_similarity: float = 0.55
    # MMR trade-off: weight of a fact's own score against its similarity to what is chosen.
    mmr_lambda: float = 0.7
    # A candidate this similar to an already chosen sentence is redundant outright.
    redundancy_cutoff: float = 0.5
    # Exponent of the sentence length dividing a candidate's value (0: length ignored).
    length_penalty: float = 0.3
    min_sentence_words: int = 6
    max_sentence_words: int = 55
