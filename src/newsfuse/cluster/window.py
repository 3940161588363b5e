"""The stream's open window (`newsfuse.cluster.stream`): its articles and the neighbour links
between them, kept at both ends so that links can be undone, and the shared-neighbour
cosine of an arriving article with the window's, weighed as batch weighs its neighbour
rows (`refine.neighbour_rows`): the article itself at 1, each neighbour at 1 or, with
`relative`, at its cosine over the row's nearest."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import mul

import numpy as np


def _no_columns() -> np.ndarray:
    return np.zeros(0, dtype=np.intp)


def _no_weights() -> np.ndarray:
    return np.zeros(0)


@dataclass(slots=True)
class WindowArticle:
    """An article in the open window."""

    terms: tuple[str, ...]  # all of them, counted in the window's document frequencies
    # Their weights before IDF, kept only until the window first fills
    # (`StoryClusterer._refresh`).
    raw: dict[str, float] | None
    vector: dict[str, float]
    keys: list[str]  # the terms it is indexed under
    day: float  # publication day number (`refine.day_of`), NaN if undated
    names: frozenset[str]  # its particulars (`Features.names`)
    names_norm: float  # their squared length, weighed on arrival as its vector is
    # Its nearest window articles (arrival number -> cosine), and the window articles whose
    # nearest include it: both ends of every neighbour link, so links can be undone.
    near: dict[int, float] = field(default_factory=dict)
    held_by: set[int] = field(default_factory=set)
    # Its vector as window term columns (`TermColumns`) and their weights.
    columns: np.ndarray = field(default_factory=_no_columns)
    weights: np.ndarray = field(default_factory=_no_weights)


class TermColumns:
    """Column numbers for the window's terms, so that an arrival's cosines with its
    candidates are one gather, product and segmented sum in numpy over the candidates'
    weights, rather than a set intersection and two look-ups a shared term per candidate
    (the largest cost of an arrival otherwise)."""

    def __init__(self) -> None:
        self._column: dict[str, int] = {}
        self._row = np.zeros(1 << 12)  # an arrival's weights by column, else 0

    def place(self, entry: WindowArticle) -> None:
        """Set `entry`'s columns and weights from its vector."""
        column = self._column
        vector = entry.vector
        found = list(map(column.get, vector))
        if None in found:
            # A new term takes the next column (the length is read before it is added).
            found = [column.setdefault(t, len(column)) for t in vector]
        entry.columns = np.array(found, dtype=np.intp)
        entry.weights = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))

    def cosines(self, entry: WindowArticle, others: Sequence[WindowArticle]) -> list[float]:
        """The cosine of `entry`'s vector with each of `others`' (none empty)."""
        if len(self._row) < len(self._column):
            self._row = np.zeros(2 * len(self._column))
        row = self._row
        row[entry.columns] = entry.weights
        columns = np.concatenate([other.columns for other in others])
        products = row[columns] * np.concatenate([other.weights for other in others])
        row[entry.columns] = 0.0
        starts = np.zeros(len(others), dtype=np.intp)
        np.cumsum([len(other.columns) for other in others[:-1]], out=starts[1:])
        found: list[float] = np.add.reduceat(products, starts).tolist()
        return found

    def compact(self, entries: Iterable[WindowArticle]) -> None:
        """Renumber the columns over the terms of `entries` (the window) once there are
        more columns than the window's articles hold terms: the columns stay bounded by
        the window, not the history."""
        entries = list(entries)
        live = sum(len(entry.columns) for entry in entries)
        if len(self._column) < max(1 << 16, live):
            return
        if not entries:
            self._column = {}
            return
        kept = np.unique(np.concatenate([entry.columns for entry in entries]))
        renumber = np.full(len(self._column), -1, dtype=np.intp)
        renumber[kept] = np.arange(len(kept))
        self._column = {
            term: int(renumber[c]) for term, c in self._column.items() if renumber[c] >= 0
        }
        for entry in entries:
            entry.columns = renumber[entry.columns]


Window = Mapping[int, WindowArticle]


def link(
    index: int, entry: WindowArticle, scored: list[tuple[float, int]], window: Window, k: int
) -> None:
    """Link a new article with its `k` nearest window articles of the (cosine, window
    article) pairs `scored`, and enter it among the nearest of those it is nearer to than
    their farthest neighbour: both ways."""
    # Ties go to the earlier article, as in batch.
    for cosine, other in heapq.nsmallest(k, scored, key=lambda p: (-p[0], p[1])):
        entry.near[other] = cosine
        window[other].held_by.add(index)
    for cosine, other in scored:
        theirs_near = window[other].near
        if len(theirs_near) < k:
            theirs_near[index] = cosine
            entry.held_by.add(other)
            continue
        # Most candidates are no nearer than the farthest neighbour: a C-speed check
        # first, the tie-broken search for the one to replace only when needed.
        if cosine > min(theirs_near.values()):
            worst = min(theirs_near, key=lambda j: (theirs_near[j], -j))
            del theirs_near[worst]
            held = window.get(worst)
            if held is not None:
                held.held_by.discard(other)
            theirs_near[index] = cosine
            entry.held_by.add(other)


def row(near: dict[int, float], relative: bool) -> tuple[float, float]:
    """What an article's neighbour row is weighed by: the cosine each neighbour's is
    divided by (the nearest's; with the article itself, all weigh 1 without `relative`),
    and the row's squared length, as `refine.neighbour_rows` weighs them."""
    nearest = max(near.values(), default=0.0) if relative else 0.0
    if nearest <= 0:
        # At a floor of 0 a row's neighbours may all be at cosine 0: they weigh 1 then.
        return 0.0, 1.0 + len(near)
    cosines = near.values()
    return nearest, 1.0 + sum(map(mul, cosines, cosines)) / (nearest * nearest)


def shared(index: int, entry: WindowArticle, window: Window, relative: bool) -> dict[int, float]:
    """The shared-neighbour cosine of a new, linked article with each window article whose
    row shares a member with its row (the cosine of their neighbour rows)."""
    nearest, own_length = row(entry.near, relative)
    # Per window article: the products with its row's own entry (weight 1), and with its
    # neighbours' cosines, divided by its nearest only once at the end.
    own_entry: dict[int, float] = {}
    by_cosine: dict[int, float] = {}
    for member, cosine in ((index, nearest), *entry.near.items()):
        weight = cosine / nearest if nearest else 1.0
        if member != index:
            own_entry[member] = own_entry.get(member, 0.0) + weight
        holder = entry if member == index else window[member]
        for other in holder.held_by:
            if other != index:
                # Linked articles share a term, so their cosine is above 0 and a row's
                # nearest too; binary rows weigh each neighbour 1.
                theirs = window[other].near[member] if relative else 1.0
                by_cosine[other] = by_cosine.get(other, 0.0) + weight * theirs
    found: dict[int, float] = {}
    for other in own_entry.keys() | by_cosine.keys():
        divisor, length = row(window[other].near, relative)
        total = own_entry.get(other, 0.0) + by_cosine.get(other, 0.0) / (divisor or 1.0)
        found[other] = total / math.sqrt(own_length * length)
    return found
