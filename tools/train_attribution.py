"""Train the quote attribution models (newsfuse.analyze.attribution) on PolNeAR.

    python tools/train_attribution.py [--data ../shared/data/attribution] [--dev] [--check]

Writes src/newsfuse/resources/en/attribution.json (the weights of the three logistic
regressions and the verifier, and the threshold) and the two word lists the features read,
both learned from the training split: speech_cues.txt (words of cue spans) and
speaker_nouns.txt (head nouns of sources written as descriptions: "the campaign").
The examples each model learns from are read off PolNeAR by tools/attribution_examples.py.
The shipped files are what this writes from the code beside them: `--check` writes nothing
and exits 1 if they differ (a change to the features needs a retrain, not frozen weights).

Every setting is chosen without the dev split. The training split's articles are put in
time order (PolNeAR splits by time) and its last `HOLD_OUT` share is held out:
1. On the earlier months, 5-fold cross-validation (each fold a stretch of time, scored by
   models fitted on the other four) chooses the models' penalty, the verifier's penalty and
   class weights (`SEARCH`, one at a time) and the threshold: the lowest that keeps speaker
   precision >= 0.95 on every fold; among settings, the best pooled speaker recall wins.
2. The held-out months check that choice as dev and test will: models and verifier fitted
   on the earlier months, scored on the later ones. The per-fold bar is raised (`BARS`) until
   the threshold it gives keeps the held-out speaker precision >= 0.95: cross-validation
   folds lie before some of their training data and have flattered every choice so far.
3. The chosen settings are cross-validated on the whole split, and the threshold is the
   lowest whose every fold keeps the calibrated bar.
A fourth model, the verifier, is fitted on out-of-fold attributions: given how the ranking
chose a speaker (its margin, the mention's kind and features, the printed name's shape) it
gives the probability that the speaker is right, which is the quote's `confidence`. The
models are then refitted on the whole training split and written with the settings, the
cross-validated and held-out figures; `--dev` scores dev once at the end. The output does
not depend on the hash seed: the same code and data give the same file.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np
from attribution_examples import (
    OUT,
    ROOT,
    Group,
    Row,
    examples,
    gold_of,
    labelled,
    learn_lists,
    learned_lists,
    read,
)
from scipy.optimize import minimize
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsfuse.analyze import attribution as attr
from newsfuse.analyze import quotes
from newsfuse.analyze.attribution import resolve
from newsfuse.analyze.names import Registry
from newsfuse.evaluate.quotes import GoldArticle, Scores, read_gold, score_quotes
from newsfuse.model import Article


@dataclass(frozen=True)
class Settings:
    """What cross-validation chooses, besides the threshold."""

    c: float = 1.0  # the inverse L2 penalty of the ranking, piece and merge models
    verifier_c: float = 0.3
    verifier_balanced: bool = False  # weigh the verifier's right and wrong examples alike
    # The ranking also weighs the set of candidates (how many named near the quote, the
    # paragraph's first name, sentences between): `features.reads_candidate_set`.
    candidate_set: bool = True


# Tried in this order, each with the others at their best so far (`search`).
SEARCH: tuple[tuple[str, tuple[object, ...]], ...] = (
    ("verifier_c", (0.1, 0.3, 1.0, 3.0)),
    ("verifier_balanced", (False, True)),
    ("c", (0.3, 1.0, 3.0)),
    ("candidate_set", (True, False)),
)
# Scanned upward to the first that holds; a verifier with balanced class weights gives
# higher probabilities, so the scan starts low.
THRESHOLDS = tuple(round(0.3 + 0.01 * i, 2) for i in range(69))  # 0.30 .. 0.98
MIN_SPEAKER_PRECISION = 0.95
# The last time-ordered share of train held out of the search: the months nearest dev and
# test. Every fold of the cross-validation lies before some of its training data, so its
# worst-fold precision is optimistic for later months (each choice of passes 4-14 landed
# 0.006-0.011 under its worst fold on dev); the held-out slice measures by how much.
HOLD_OUT = 0.15
# Per-fold precision bars tried, lowest first: the one used is the lowest whose threshold,
# chosen by cross-validation before the slice, keeps the slice's speaker precision >= 0.95.
BARS = (0.95, 0.955, 0.96, 0.965, 0.97, 0.975, 0.98)
CV_FIGURES = ("speaker_precision", "speaker_recall", "precision", "recall", "unattributed_share")


def fit(
    x: list[dict[str, float]], y: list[int], c: float, class_weight: str | None = None
) -> dict[str, float]:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False, class_weight=class_weight)
    model.fit(vectorizer.fit_transform(x), y)
    return {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }


def fit_ranker(groups: Sequence[Group], c: float) -> dict[str, float]:
    """A conditional logit: softmax over each statement's candidates and "none" (score 0),
    maximising the probability of the source's head, with an L2 penalty 1/(2C)."""
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for feats, _ in groups for f in feats]).tocsr()
    sizes = np.array([len(feats) for feats, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group_of = np.repeat(np.arange(len(groups)), sizes)
    y = np.zeros(x.shape[0])
    for (_, gold), start in zip(groups, starts, strict=True):
        if gold >= 0:
            y[start + gold] = 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        top = np.maximum(np.maximum.reduceat(z, starts), 0.0)
        e = np.exp(z - top[group_of])
        total = np.add.reduceat(e, starts) + np.exp(-top)
        p = e / total[group_of]
        nll = float(np.sum(np.log(total) + top) - np.dot(y, z))
        grad = x.T @ (p - y) + w / c
        return nll + float(w @ w) / (2 * c), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.feature_names_, result.x, strict=True)
        if abs(w) >= 1e-3
    }


@contextmanager
def _using(models: dict[str, dict[str, object]]) -> Iterator[None]:
    # `attribute` reads the model through its own module's names, and whether to compute the
    # candidate-set features from the model in use: asked of the shipped file, a run's
    # output would depend on the weights it replaces (models fitted with those features,
    # scored without them).
    weights = models["speaker"]["weights"]
    assert isinstance(weights, dict)
    candidate_set = any(k.startswith(attr.features._CANDIDATE_SET) for k in weights)
    original = resolve._model, resolve.reads_candidate_set
    resolve._model = lambda: models  # type: ignore[assignment]
    resolve.reads_candidate_set = lambda: candidate_set  # type: ignore[assignment]
    try:
        yield
    finally:
        resolve._model, resolve.reads_candidate_set = original  # type: ignore[assignment]


def evaluate(models: dict[str, dict[str, object]], gold: Sequence[GoldArticle]) -> dict[str, float]:
    with _using(models):
        return score_quotes(gold, lambda a: quotes.extract_quotes([a])).as_dict()  # type: ignore[return-value]


def attributed(
    models: dict[str, dict[str, object]], gold: Sequence[GoldArticle]
) -> dict[str, list[attr.Attribution]]:
    """Each article's attributions with no threshold, for `threshold_grid`."""
    models["speaker"].update(threshold=0.0, cued_threshold=0.0)
    with _using(models):
        return {g.article.id: list(attr.attribute(g.article)) for g in gold}


def threshold_grid(
    found: Mapping[str, Sequence[attr.Attribution]],
    gold: Sequence[GoldArticle],
    pairs: Iterable[tuple[float, float]],
) -> Iterator[tuple[tuple[float, float], Scores]]:
    """Scores at each (cued, other) threshold pair. Each article is attributed once with no
    threshold (`attributed`), then each pair only drops the speakers under it (a pronoun
    after a dropped speaker may still resolve to them: a small difference, for a grid twenty
    times faster)."""
    original = quotes.attribute
    try:
        for cued, other in pairs:

            def thresholded(
                article: Article,
                registry: Registry | None = None,
                cued: float = cued,
                other: float = other,
            ) -> Iterator[attr.Attribution]:
                for a in found[article.id]:
                    kept = a.confidence >= (cued if a.cued else other)
                    yield a if kept else replace(a, speaker=None, role=None)

            quotes.attribute = thresholded  # type: ignore[assignment]
            yield (cued, other), score_quotes(gold, lambda a: quotes.extract_quotes([a]))
    finally:
        quotes.attribute = original  # type: ignore[assignment]


def added(scores: Iterable[Scores]) -> Scores:
    """The pooled counts of several folds' scores."""
    total = Scores()
    for s in scores:
        for f in fields(Scores):
            setattr(total, f.name, getattr(total, f.name) + getattr(s, f.name))
    return total


def train(
    rows: Sequence[Row], c: float, candidate_set: bool = True
) -> dict[str, dict[str, object]]:
    data, groups = examples(rows, candidate_set)
    models: dict[str, dict[str, object]] = {k: {"weights": fit(*data[k], c)} for k in data}
    models["speaker"] = {"weights": fit_ranker(groups, c)}
    return models


def folds_of(rows: Sequence[Row], folds: int) -> list[Sequence[Row]]:
    """Consecutive stretches of the time-ordered rows (PolNeAR splits by time)."""
    return [rows[len(rows) * k // folds : len(rows) * (k + 1) // folds] for k in range(folds)]


def cross_validated(
    folds: Sequence[Sequence[Row]], c: float, candidate_set: bool = True
) -> dict[str, list[attr.Attribution]]:
    """Every training article attributed, without verifier or threshold, by models fitted
    on the other folds."""
    found: dict[str, list[attr.Attribution]] = {}
    for k, held in enumerate(folds):
        rest = [r for j, fold in enumerate(folds) if j != k for r in fold]
        found.update(attributed(train(rest, c, candidate_set), list(gold_of(held))))
    return found


def verified(
    found: Mapping[str, Sequence[attr.Attribution]],
    folds: Sequence[Sequence[Row]],
    settings: Settings,
) -> dict[str, list[attr.Attribution]]:
    """Each fold's attributions with the confidence of a verifier fitted on the others."""
    out: dict[str, list[attr.Attribution]] = {}
    for k, held in enumerate(folds):
        rest = [r for j, fold in enumerate(folds) if j != k for r in fold]
        verifier = {"weights": fit_verifier(found, rest, settings)}
        for row in held:
            out[row["id"]] = [
                replace(a, confidence=attr.features._probability(verifier, a.evidence))
                if a.speaker is not None
                else a
                for a in found[row["id"]]
            ]
    return out


def fit_verifier(
    found: Mapping[str, Sequence[attr.Attribution]], rows: Sequence[Row], settings: Settings
) -> dict[str, float]:
    x, y = labelled(found, rows)
    return fit(x, y, settings.verifier_c, "balanced" if settings.verifier_balanced else None)


@dataclass(frozen=True)
class Choice:
    """A setting's threshold under the worst-fold rule, with its cross-validated figures."""

    settings: Settings
    threshold: float | None  # None: no threshold keeps every fold's speaker precision
    pooled: Scores
    folds: tuple[Scores, ...]

    def row(self) -> str:
        s = self.pooled.as_dict()
        folds = " ".join(f"{f.as_dict()['speaker_precision']:.3f}" for f in self.folds)
        return (
            f"{self.settings} threshold={self.threshold} speaker P={s['speaker_precision']}"
            f" R={s['speaker_recall']} quote P={s['precision']} R={s['recall']}"
            f" unattributed={s['unattributed_share']} fold speaker P: {folds}"
        )


def choose_threshold(
    checked: Mapping[str, Sequence[attr.Attribution]],
    folds: Sequence[Sequence[GoldArticle]],
    settings: Settings,
    bar: float = MIN_SPEAKER_PRECISION,
) -> Choice:
    """The lowest threshold (best recall) whose speaker precision is >= `bar` on every fold
    of the training split, each scored by a verifier fitted on the others. The worst fold,
    not the pooled one: the folds are stretches of time, as dev and test are, and a
    threshold that only holds on average fell short on the later months."""
    order = list(range(len(folds)))
    for t in THRESHOLDS:
        scores: dict[int, Scores] = {}
        for k in order:
            ((_, scores[k]),) = threshold_grid(checked, folds[k], [(t, t)])
            if scores[k].as_dict()["speaker_precision"] < bar:
                order.insert(0, order.pop(order.index(k)))  # try the failing fold first
                break
        else:
            found = tuple(scores[k] for k in range(len(folds)))
            return Choice(settings, t, added(found), found)
    last = THRESHOLDS[-1]
    found = tuple(s for fold in folds for _, s in threshold_grid(checked, fold, [(last, last)]))
    return Choice(settings, None, added(found), found)


def better(a: Choice, b: Choice | None) -> bool:
    """The worst-fold rule's order: a threshold that holds, then speaker recall."""
    if b is None or b.threshold is None:
        return True
    recall = a.pooled.as_dict()["speaker_recall"]
    return a.threshold is not None and recall > b.pooled.as_dict()["speaker_recall"]


def search(rows: Sequence[Row], n_folds: int) -> tuple[Choice, dict[str, list[attr.Attribution]]]:
    """Each setting of `SEARCH` in turn, the others at their best so far (the verifier's
    first: it is cheap, the ranking's refits every fold), scored out of fold."""
    folds = folds_of(rows, n_folds)
    gold = [list(gold_of(fold)) for fold in folds]
    found_by_c: dict[tuple[float, bool], dict[str, list[attr.Attribution]]] = {}
    best: Choice | None = None
    current = Settings()
    for name, values in SEARCH:
        for value in values:
            settings = replace(current, **{name: value})
            if best is not None and settings == best.settings:
                continue
            models = (settings.c, settings.candidate_set)
            if models not in found_by_c:
                found_by_c[models] = cross_validated(folds, *models)
            checked = verified(found_by_c[models], folds, settings)
            choice = choose_threshold(checked, gold, settings)
            print(choice.row(), flush=True)
            if better(choice, best):
                best = choice
        assert best is not None
        current = best.settings
    assert best is not None
    return best, found_by_c[(best.settings.c, best.settings.candidate_set)]


@dataclass(frozen=True)
class Calibration:
    """The per-fold bar the held-out slice asks for, and the slice's figures at each bar."""

    bar: float
    held: dict[float, tuple[float, dict[str, float]]]  # bar: (threshold, slice figures)


def calibrate(
    rows: Sequence[Row], held_rows: Sequence[Row], n_folds: int
) -> tuple[Choice, Calibration]:
    """Settings chosen by cross-validation on `rows` (the earlier months), then the lowest
    bar of `BARS` whose worst-fold threshold keeps speaker precision >= 0.95 on `held_rows`
    (the later months), scored by models and a verifier fitted on `rows` alone."""
    best, found = search(rows, n_folds)
    folds = folds_of(rows, n_folds)
    gold = [list(gold_of(fold)) for fold in folds]
    checked = verified(found, folds, best.settings)
    models = train(rows, best.settings.c, best.settings.candidate_set)
    models["verify"] = {"weights": fit_verifier(found, rows, best.settings)}
    held_gold = list(gold_of(held_rows))
    held_found = attributed(models, held_gold)
    figures: dict[float, tuple[float, dict[str, float]]] = {}
    chosen = BARS[-1]
    for bar in BARS:
        choice = choose_threshold(checked, gold, best.settings, bar)
        t = choice.threshold if choice.threshold is not None else THRESHOLDS[-1]
        ((_, scores),) = threshold_grid(held_found, held_gold, [(t, t)])
        held = scores.as_dict()
        figures[bar] = (t, {k: float(held[k]) for k in CV_FIGURES})
        print(f"bar {bar}: threshold {t}; held-out slice {json.dumps(figures[bar][1])}", flush=True)
        if held["speaker_precision"] >= MIN_SPEAKER_PRECISION:
            chosen = bar
            break
    return best, Calibration(chosen, figures)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data" / "attribution"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dev", action="store_true", help="score the dev split at the end")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 unless the shipped attribution.json is what this writes",
    )
    parser.add_argument(
        "--oof", type=Path, help="pickle the chosen out-of-fold attributions, for error reading"
    )
    args = parser.parse_args()
    rows = read(args.data / "polnear_train.jsonl")
    if args.check:
        for name, text in learned_lists(rows).items():
            if (OUT / f"{name}.txt").read_text(encoding="utf-8") != text:
                raise SystemExit(f"{name}.txt differs from what train gives")
    learn_lists(rows)
    rows.sort(key=lambda r: (r.get("published") or "", r["id"]))
    cut = round(len(rows) * (1 - HOLD_OUT))
    searched, calibration = calibrate(rows[:cut], rows[cut:], args.folds)
    settings = searched.settings
    # The final models: every training article, the searched settings, the threshold of the
    # calibrated bar by cross-validation over the whole split.
    folds = folds_of(rows, args.folds)
    found = cross_validated(folds, settings.c, settings.candidate_set)
    checked = verified(found, folds, settings)
    if args.oof:
        args.oof.write_bytes(pickle.dumps(checked))
    gold = [list(gold_of(fold)) for fold in folds]
    best = choose_threshold(checked, gold, settings, calibration.bar)
    print(f"chosen by {args.folds}-fold cross-validation on train: {best.row()}")
    threshold = best.threshold if best.threshold is not None else THRESHOLDS[-1]
    trained = train(rows, settings.c, settings.candidate_set)
    trained["speaker"].update(threshold=threshold, cued_threshold=threshold)
    trained["verify"] = {"weights": fit_verifier(found, rows, settings)}
    cv = best.pooled.as_dict()
    bar_threshold, held = calibration.held[calibration.bar]
    models = {
        "version": 3,
        "trained_on": "PolNeAR train",
        "trained_by": "tools/train_attribution.py",
        "settings": {
            **asdict(settings),
            "threshold": threshold,
            "folds": args.folds,
            "fold_bar": calibration.bar,
            "held_out": HOLD_OUT,
        },
        "cross_validated": {k: cv[k] for k in CV_FIGURES},
        "held_out_slice": {"threshold": bar_threshold, **held},
        **trained,
    }
    written = json.dumps(models, sort_keys=True) + "\n"
    target = OUT / "attribution.json"
    if args.check:
        same = target.read_text(encoding="utf-8") == written
        print("the shipped model is what this code writes" if same else "the shipped model differs")
        if not same:
            raise SystemExit(1)
    else:
        target.write_text(written, encoding="utf-8")
    if args.dev:
        dev = list(read_gold(args.data / "polnear_dev.jsonl"))
        print("dev:", json.dumps(evaluate(models, dev)))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
