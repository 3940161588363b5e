"""Scores for a clustering against gold labels: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterScores:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    predicted: int
    true: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> ClusterScores:
    """Per-item B-cubed (averaged over items) and pairwise scores; labels are aligned by
    position."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    n = len(gold)
    if n == 0:
        return ClusterScores(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0)
    joint = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    # Every item in a (pred, gold) cell shares `count` items of both its clusters, so
    # B-cubed sums count^2 / cluster size over cells instead of looping over items.
    precision = sum(c * c / pred_size[p] for (p, _), c in joint.items()) / n
    recall = sum(c * c / gold_size[g] for (_, g), c in joint.items()) / n
    same_both = sum(c * (c - 1) // 2 for c in joint.values())
    same_pred = sum(c * (c - 1) // 2 for c in pred_size.values())
    same_gold = sum(c * (c - 1) // 2 for c in gold_size.values())
    pair_p = same_both / same_pred if same_pred else 1.0
    pair_r = same_both / same_gold if same_gold else 1.0
    return ClusterScores(
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=_f1(precision, recall),
        pairwise_precision=pair_p,
        pairwise_recall=pair_r,
        pairwise_f1=_f1(pair_p, pair_r),
        predicted=len(pred_size),
        true=len(gold_size),
    )
