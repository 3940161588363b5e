"""Briefing in a bounded pool of worker processes, each brief under a time limit.

Briefing is CPU work under the GIL: in the server's own process one heavy story would
hold every other request. Here each brief runs in one of `workers` processes; a request
waits for a free one, and a brief that outlives `seconds` has its process killed and
replaced, so one story can never hold a slot (or the server) for longer than that.
Processes come from a fork server that has imported the pipeline and briefed once
(`newsfuse.serve._warm`), so a worker, a replacement too, starts warm in a fraction of a
second.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from newsfuse.errors import NewsfuseError
from newsfuse.model import Article, Brief, Story
from newsfuse.pipeline import Pipeline

__all__ = ["BriefFailed", "BriefPool", "BriefTimeout"]


class BriefTimeout(NewsfuseError):
    """A brief took longer than the pool's limit and was stopped."""


class BriefFailed(NewsfuseError):
    """A brief raised, or its worker died; the message says what happened."""


_KEPT_PIPELINES = 16


def _serve(conn: Connection) -> None:
    """A worker: briefs jobs from `conn` until it closes. The last few pipelines are kept
    per config (a request may ask for any of 2,000 budgets: the cache must not grow)."""
    pipelines: dict[bytes, Pipeline] = {}
    while True:
        try:
            config, articles, largest_story = conn.recv()
        except (EOFError, OSError):
            return
        try:
            pipeline = pipelines.pop(config, None) or Pipeline(pickle.loads(config))
            pipelines[config] = pipeline  # the most recent last
            if len(pipelines) > _KEPT_PIPELINES:
                del pipelines[next(iter(pipelines))]
            result: tuple[str, Any] = (
                "ok",
                pipeline.stories(articles)
                if largest_story is None
                else pipeline.brief(articles, largest_story=largest_story),
            )
        except Exception as exc:  # reported to the caller, who answers the client
            result = ("error", f"{type(exc).__name__}: {exc}"[:300])
        conn.send(result)


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, theirs = multiprocessing.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class BriefPool:
    """`workers` briefing processes (started at the first brief), `seconds` per brief."""

    def __init__(self, workers: int = 2, seconds: float = 60.0) -> None:
        if workers < 1 or seconds <= 0:
            raise ValueError("a brief pool needs at least one worker and a time limit > 0")
        self.workers = workers
        self.seconds = seconds
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["newsfuse.serve._warm"])
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._started = False
        self._lock = threading.Lock()
        self._live: set[_Worker] = set()

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            for _ in range(self.workers):
                self._add()
            self._started = True

    def _add(self) -> None:
        worker = _Worker(self._context)
        self._live.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._live.discard(worker)
            if self._started:
                self._add()

    def brief(
        self, pipeline: Pipeline, articles: Sequence[Article], largest_story: bool = True
    ) -> Brief:
        """The brief, computed in a worker; BriefTimeout or BriefFailed otherwise."""
        brief: Brief = self._run(pipeline, articles, largest_story)
        return brief

    def stories(self, pipeline: Pipeline, articles: Sequence[Article]) -> list[Story]:
        """`pipeline.stories(articles)` in a worker: clustering a large upload is CPU work
        that would hold the server's GIL as a brief would."""
        stories: list[Story] = self._run(pipeline, articles, None)
        return stories

    def _run(self, pipeline: Pipeline, articles: Sequence[Article], largest: bool | None) -> Any:
        self._start()
        config = pickle.dumps(pipeline.config)
        worker = self._idle.get()
        job = "clustering" if largest is None else "the brief"
        try:
            worker.conn.send((config, list(articles), largest))
            if not worker.conn.poll(self.seconds):
                self._replace(worker)
                raise BriefTimeout(f"{job} took longer than {self.seconds:g} s and was stopped")
            status, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise BriefFailed("the briefing process died") from exc
        self._idle.put(worker)
        if status != "ok":
            raise BriefFailed(str(value))
        return value

    def close(self) -> None:
        with self._lock:
            self._started = False
            while not self._idle.empty():
                self._idle.get_nowait()
            for worker in self._live:
                worker.stop()
            self._live.clear()
