"""LSH band postings (band key -> articles holding it), mostly in numpy arrays.

A dict of Python ints costs about 100 bytes a posting: most of the detector's memory at
100k articles. Here the postings of the last few thousand articles stay in such a dict
(insert and look up by C-level dict and set operations, no Python loop over keys), and
older ones move to sorted arrays (8-byte key, 4-byte article number: 12 bytes a posting)
looked up with vectorised binary searches. A full level is merged into the next, larger
one (a log-structured merge), so each posting is copied a few times in all.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

U64 = NDArray[np.uint64]
U32 = NDArray[np.uint32]
I64 = NDArray[np.int64]

# Postings the dict, then each sorted level, holds before it is merged into the next one
# (the last level is unbounded). A small dict bounds its memory; a level of 2M postings
# keeps merges into the last one rare.
BUFFER_SIZE = 1 << 17
LEVEL_SIZES = (1 << 21,)


class BandIndex:
    def __init__(
        self,
        max_postings: int,
        buffer_size: int = BUFFER_SIZE,
        level_sizes: tuple[int, ...] = LEVEL_SIZES,
    ) -> None:
        self.max_postings = max_postings
        self.buffer_size = buffer_size
        self.level_sizes = level_sizes
        # Key -> the article holding it, or the list of articles once several do.
        self._recent: dict[int, int | list[int]] = {}
        self._recent_size = 0
        self._keys: list[U64] = [np.zeros(0, dtype=np.uint64) for _ in range(len(level_sizes) + 1)]
        self._owners: list[U32] = [np.zeros(0, dtype=np.uint32) for _ in self._keys]

    def __len__(self) -> int:
        return self._recent_size + sum(len(keys) for keys in self._keys)

    def add(self, keys: U64, tags: I64, owner: int, oldest: int = 0) -> tuple[I64, I64]:
        """Post `owner` under each key and return (tag, other owner) for every earlier
        posting of the same keys by articles numbered at least `oldest`. A key already
        held by `max_postings` articles is stock text: it neither matches nor is posted."""
        spans = []
        held = np.zeros(len(keys), dtype=np.int64)
        for number, level in enumerate(self._keys):
            if len(level) == 0:
                continue
            lo = np.searchsorted(level, keys, side="left")
            count = np.searchsorted(level, keys, side="right") - lo
            spans.append((number, lo, count))
            held += count
        recent = self._recent
        key_list = keys.tolist()
        found_tags: list[int] = []
        found_owners: list[int] = []
        seen = recent.keys() & key_list  # usually empty: a C-level set operation
        if seen:
            held_list = held.tolist()
            for i, key in enumerate(key_list):
                if key not in seen:
                    continue
                posted = recent[key]
                others = [posted] if isinstance(posted, int) else posted
                mine = others[-1] == owner  # posted by this article (a repeated sentence)
                if mine:
                    others = others[:-1]
                held_list[i] += len(others)
                if held_list[i] >= self.max_postings:
                    continue
                found_tags += [int(tags[i])] * len(others)
                found_owners += others
                if mine:
                    continue
                if isinstance(posted, int):
                    recent[key] = [posted, owner]
                else:
                    posted.append(owner)
                self._recent_size += 1
            held = np.array(held_list)
        open_ = held < self.max_postings
        fresh = (
            [key_list[i] for i in np.flatnonzero(open_).tolist()] if not open_.all() else key_list
        )
        if seen:
            fresh = [key for key in fresh if key not in seen]
        size = len(recent)
        recent.update(dict.fromkeys(fresh, owner))
        self._recent_size += len(recent) - size
        tags_out = [np.array(found_tags, dtype=np.int64)]
        owners_out = [np.array(found_owners, dtype=np.int64)]
        for number, lo, count in spans:
            take = np.flatnonzero((count > 0) & open_)
            if len(take) == 0:
                continue
            counts = count[take]
            # Every index of lo[i]:lo[i] + count[i], for each key taken.
            ends = np.cumsum(counts)
            at = np.repeat(lo[take] - ends + counts, counts) + np.arange(ends[-1])
            other = self._owners[number][at].astype(np.int64)
            live = other >= oldest
            tags_out.append(np.repeat(tags[take], counts)[live])
            owners_out.append(other[live])
        if self._recent_size >= self.buffer_size:
            self._flush(oldest)
        tags_all, owners_all = np.concatenate(tags_out), np.concatenate(owners_out)
        live = owners_all >= oldest
        return tags_all[live], owners_all[live]

    def _flush(self, oldest: int) -> None:
        """Move the dict's postings into the first sorted level."""
        recent = self._recent
        sizes = np.fromiter(
            (1 if isinstance(p, int) else len(p) for p in recent.values()), dtype=np.int64
        )
        keys = np.repeat(np.fromiter(recent.keys(), dtype=np.uint64, count=len(recent)), sizes)
        owners = np.fromiter(
            (o for p in recent.values() for o in ((p,) if isinstance(p, int) else p)),
            dtype=np.uint32,
            count=int(sizes.sum()),
        )
        order = np.argsort(keys, kind="stable")
        recent.clear()
        self._recent_size = 0
        self._insert(keys[order], owners[order], 0, oldest)

    def _insert(self, keys: U64, owners: U32, level: int, oldest: int) -> None:
        at = np.searchsorted(self._keys[level], keys, side="right")
        self._keys[level] = np.insert(self._keys[level], at, keys)
        self._owners[level] = np.insert(self._owners[level], at, owners)
        if level < len(self.level_sizes) and len(self._keys[level]) > self.level_sizes[level]:
            keys, owners = self._keys[level], self._owners[level]
            self._keys[level] = np.zeros(0, dtype=np.uint64)
            self._owners[level] = np.zeros(0, dtype=np.uint32)
            if oldest:
                # Outside the window: these postings can no longer match, drop them.
                live = owners >= oldest
                keys, owners = keys[live], owners[live]
                nxt = self._owners[level + 1] >= oldest
                self._keys[level + 1] = self._keys[level + 1][nxt]
                self._owners[level + 1] = self._owners[level + 1][nxt]
            self._insert(keys, owners, level + 1, oldest)
