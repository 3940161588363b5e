"""Per-brief memos of text functions.

One brief tokenises each sentence in several stages (the summary's similarity and concepts,
each analysis section), and copies of one wire story repeat sentences word for word. Inside
`one_brief()`, a function decorated with `per_brief` computes each distinct text once. The
memo lives as long as the brief: a process-wide cache would grow without bound in a server
and would make repeated briefs of one story (the speed bench) look faster than they are.

Memoised functions must return immutable values: every caller shares the one result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["one_brief", "per_brief"]

P = ParamSpec("P")
T = TypeVar("T")

# A context variable, not a global: briefs running in threads (the server) keep their own.
_MEMOS: ContextVar[dict[object, dict[object, object]] | None] = ContextVar("memos", default=None)
_MISSING = object()


@contextmanager
def one_brief() -> Iterator[None]:
    """Memoise `per_brief` functions until the block ends (nested blocks share the memo)."""
    if _MEMOS.get() is not None:
        yield
        return
    token = _MEMOS.set({})
    try:
        yield
    finally:
        _MEMOS.reset(token)


def per_brief(function: Callable[P, T]) -> Callable[P, T]:
    """`function`, memoised by its (hashable) arguments inside `one_brief()`, plain outside
    it: a text, or a text and what it is read against (a publication date)."""

    @wraps(function)
    def memoised(*args: P.args, **kwargs: P.kwargs) -> T:
        memos = _MEMOS.get()
        if memos is None or kwargs:
            return function(*args, **kwargs)
        memo = memos.get(function)
        if memo is None:  # not setdefault: its default would be a new dict every call
            memo = memos[function] = {}
        key = args[0] if len(args) == 1 else args
        # A look-up with a default, not a KeyError caught: half the calls of a brief are
        # first calls, and raising costs more than the look-up.
        value = memo.get(key, _MISSING)
        if value is _MISSING:
            value = memo[key] = function(*args, **kwargs)
        return value  # type: ignore[return-value]

    return memoised
