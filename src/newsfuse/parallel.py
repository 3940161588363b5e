"""Work spread over processes, read back in order and only as fast as it is consumed."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# One process per CPU costs memory per process (about 75 MB writing briefs); past a few
# processes, memory grows faster than the gain.
MAX_WORKERS = 8


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, not the machine's count), at most
    `MAX_WORKERS`."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_WORKERS))


def map_ahead(
    function: Callable[[Item], Result], items: Iterable[Item], workers: int, ahead: int = 2
) -> Iterator[tuple[Item, Result]]:
    """Each item with `function(item)`, in order, computed in `workers` processes while the
    caller works on those before. At most `ahead` items per worker are in flight, so an
    endless iterable is read only as it is consumed, and results finished early do not
    pile up; a consumer that stops early does not wait for work it will never read."""
    source = iter(items)
    pool = ProcessPoolExecutor(workers)
    pending: deque[tuple[Item, Future[Result]]] = deque()
    try:
        while True:
            for item in islice(source, ahead * workers - len(pending)):
                pending.append((item, pool.submit(function, item)))
            if not pending:
                return
            item, future = pending.popleft()
            yield item, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
