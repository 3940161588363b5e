"""Command line: `newsfuse brief PATH...`, `newsfuse stories PATH... --out DIR`,
`newsfuse serve`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsfuse.config import NewsfuseConfig
from newsfuse.dedupe import DEFAULT_THRESHOLD
from newsfuse.errors import ConfigError
from newsfuse.ingest import InputError
from newsfuse.model import Article, Brief, Story
from newsfuse.parallel import MAX_WORKERS, usable_cpus
from newsfuse.pipeline import Pipeline
from newsfuse.render import explain_markdown, to_dict, to_html, to_json, to_markdown

# The library reports through the `newsfuse` logger; the command line shows it on stderr.
log = logging.getLogger("newsfuse")

# More inputs than this earn a progress bar on stderr.
_PROGRESS_FROM = 20
# Names of `newsfuse eval summaries` systems, kept here so `--help` needs no heavy import.
_SYSTEMS = (
    "newsfuse",
    "newsfuse-budget",
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "centroid",
    "oracle",
)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfuse", description="Turn many news reports of one event into a cited brief."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    brief = commands.add_parser("brief", help="print a cited brief of the articles")
    brief.add_argument("paths", nargs="+", help="files or folders (.txt .html .jsonl); - is stdin")
    brief.add_argument("--format", choices=("md", "json", "html"), default="md")
    brief.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    brief.add_argument("--words", type=_positive, help="summary budget (default 120)")
    brief.add_argument("--config", type=Path, help="settings from this TOML file (see docs)")
    brief.add_argument(
        "--explain", action="store_true", help="show what cleaning removed, per article"
    )
    brief.add_argument("--quiet", "-q", action="store_true", help="no progress, notices or errors")
    brief.add_argument(
        "--full", action="store_true", help="every item of every section (default: the best)"
    )
    brief.add_argument(
        "--outlet-ratings",
        type=Path,
        metavar="FILE",
        help="CSV of outlet,rating: show each outlet's rating (see docs/guide.md)",
    )
    brief.add_argument(
        "--all", action="store_true", help="brief every article even if they tell several stories"
    )
    pile = commands.add_parser("stories", help="split articles into stories; brief each")
    pile.add_argument("paths", nargs="+", help="files or folders (also .rss .atom .warc)")
    pile.add_argument("--out", type=Path, required=True, help="folder for briefs and index.md")
    pile.add_argument(
        "--assignments", type=Path, help='write {"id", "story"} per article to this JSONL file'
    )
    pile.add_argument("--words", type=_positive, help="summary budget (default 120)")
    pile.add_argument("--config", type=Path, help="settings from this TOML file (see docs)")
    pile.add_argument(
        "--jobs",
        type=_positive,
        default=usable_cpus(),
        help=f"processes writing briefs (default: one per usable CPU, at most {MAX_WORKERS})",
    )
    pile.add_argument(
        "--stream",
        action="store_true",
        help="the streaming model over the articles in time order: linear in their number, "
        "for piles too large for batch (whose neighbour search is quadratic)",
    )
    pile.add_argument("--quiet", "-q", action="store_true", help="no progress, notices or errors")
    dedupe = commands.add_parser("dedupe", help="list groups of articles that copy each other")
    dedupe.add_argument("paths", nargs="+", help="files or folders (.txt .html .jsonl); - is stdin")
    dedupe.add_argument("--format", choices=("table", "json"), default="table")
    dedupe.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"copied share of an article that makes a copy (default {DEFAULT_THRESHOLD})",
    )
    dedupe.add_argument("--quiet", "-q", action="store_true", help="no progress, notices or errors")
    serve = commands.add_parser("serve", help="run the web app and HTTP API")
    serve.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--db",
        default="newsfuse.db",
        help="SQLite file or postgresql://user@host/db URL (default newsfuse.db)",
    )
    serve.add_argument(
        "--allowed-hosts",
        nargs="+",
        default=[],
        metavar="NAME",
        help="host names to answer for, '*' for any (default: --host and localhost)",
    )
    serve.add_argument(
        "--brief-workers", type=_positive, default=2, help="briefing processes (default 2)"
    )
    serve.add_argument(
        "--brief-seconds", type=_positive, default=60, help="time limit per brief (default 60)"
    )
    evaluate = commands.add_parser("eval", help="measure quality on benchmark data")
    targets = evaluate.add_subparsers(dest="target", required=True)
    summaries = targets.add_parser(
        "summaries", help="ROUGE of newsfuse and baseline summaries on a clusters JSONL file"
    )
    summaries.add_argument("dataset", type=Path, help="one cluster per line (see README)")
    summaries.add_argument("--words", type=_positive, default=100, help="summary cut (default 100)")
    summaries.add_argument(
        "--systems", nargs="+", metavar="NAME", help="default: all of " + ", ".join(_SYSTEMS)
    )
    summaries.add_argument("--limit", type=int, help="only the first N clusters")
    summaries.add_argument(
        "--half", choices=("even", "odd"), help="only clusters at even (dev) or odd (test) index"
    )
    summaries.add_argument("--cache", type=Path, help="JSON file reusing baseline summaries")
    timex = targets.add_parser(
        "timex", help="time expressions: extent and value P/R/F1 on a TempEval-3-format JSONL file"
    )
    timex.add_argument("dataset", type=Path, help="one document per line: id, dct, text, timexes")
    timex.add_argument("--json", action="store_true", help="one JSON object, scores under 'timex'")
    conflicts = targets.add_parser(
        "conflicts", help="where sources differ: recall of injected conflicts, false alarms"
    )
    conflicts.add_argument("dataset", type=Path, help="one cluster per line: cluster_id, documents")
    conflicts.add_argument(
        "--seed", type=int, default=0, help="which facts are changed (default 0)"
    )
    conflicts.add_argument("--json", action="store_true", help="one JSON object under 'conflicts'")
    quotes = targets.add_parser(
        "quotes", help="quote and speaker precision/recall on a PolNeAR-format JSONL file"
    )
    quotes.add_argument("dataset", type=Path, help="one annotated article per line (see docs)")
    quotes.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _count_inputs(paths: Sequence[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        total += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return total


def _pipeline(args: argparse.Namespace) -> Pipeline | None:
    """The pipeline of `--config` (default settings without), with the flags given on the
    command line replacing its settings; None (reported) when the config is not usable."""
    overrides: dict[str, Any] = {}
    if getattr(args, "words", None) is not None:
        overrides["summary"] = {"words": args.words}
    if getattr(args, "stream", False):
        overrides["components"] = {"cluster": "stream"}
    if getattr(args, "outlet_ratings", None) is not None:
        overrides["outlets"] = {"ratings": str(args.outlet_ratings)}
    try:
        path = getattr(args, "config", None)
        config = NewsfuseConfig.load(path) if path else NewsfuseConfig()
        return Pipeline(config.override(overrides))
    except ConfigError as exc:
        log.critical("%s", exc)
        return None


def _read_articles(args: argparse.Namespace, pipeline: Pipeline) -> list[Article]:
    """The articles at `args.paths`; bad inputs reported unless `--quiet`, and an empty
    result reported always (the caller exits 2)."""

    def report(error: InputError) -> None:
        log.error("%s", error)

    def notice(message: str) -> None:
        log.info("%s", message)

    progress = not args.quiet and _count_inputs(args.paths) > _PROGRESS_FROM
    articles = pipeline.read(args.paths, on_error=report, notice=notice, progress=progress)
    if not articles:
        log.critical("no article could be read")
    return articles


def _brief(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    if pipeline is None:
        return 2
    articles = _read_articles(args, pipeline)
    if not articles:
        return 2
    if not args.all:
        story = pipeline.largest_story(articles)
        if len(story) < len(articles):
            log.info("Use --all for all of them, or `newsfuse stories` for one brief per story.")
        articles = story
    result = pipeline.brief(articles)
    if args.format == "json":
        text = to_json(result)
    elif args.format == "html":
        text = to_html(result, full=args.full)
    else:
        text = to_markdown(result, explain=args.explain, full=args.full)
    if args.explain and args.format != "md":
        # JSON and HTML always carry the removals; show them to the reader too.
        sys.stderr.write(explain_markdown(result))
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            log.critical("%s: %s", args.output, exc.strerror)
            return 2
    else:
        sys.stdout.write(text)
    return 0


def _eval_summaries(args: argparse.Namespace) -> int:
    from itertools import islice

    try:
        from newsfuse.evaluate import evaluate, read_clusters, to_markdown
    except ImportError as exc:  # the `eval` extra is not installed
        log.critical("eval needs `pip install newsfuse[eval]` (%s)", exc)
        return 2

    unknown = sorted(set(args.systems or ()) - set(_SYSTEMS))
    if unknown:
        log.critical("unknown systems %s", ", ".join(unknown))
        return 2
    if not args.dataset.is_file():
        log.critical("%s: no such file", args.dataset)
        return 2
    clusters = read_clusters(args.dataset)
    if args.half:
        clusters = islice(clusters, 0 if args.half == "even" else 1, None, 2)
    if args.limit is not None:
        clusters = islice(clusters, args.limit)
    results = evaluate(
        clusters,
        args.systems or _SYSTEMS,
        words=args.words,
        cache=args.cache,
        on_skip=lambda message: log.warning("%s", message),
    )
    sys.stdout.write(to_markdown(results))
    return 0 if any(r.clusters for r in results) else 2


def _eval_quotes(args: argparse.Namespace) -> int:
    from newsfuse.evaluate.quotes import run

    try:
        sys.stdout.write(run(args.dataset, as_json=args.json))
    except (OSError, ValueError) as exc:
        log.critical("%s: %s", args.dataset, exc)
        return 2
    return 0


def _stories(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    if pipeline is None:
        return 2
    articles = _read_articles(args, pipeline)
    if not articles:
        return 2
    stories = pipeline.stories(articles)
    by_id = {a.id: a for a in articles}
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        if args.assignments:
            with args.assignments.open("w", encoding="utf-8") as out:
                for story in stories:
                    for article_id in story.article_ids:
                        record = {"id": article_id, "story": story.id}
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        lines = [f"# {len(stories)} stories in {len(articles)} articles", ""]
        groups = [[by_id[i] for i in story.article_ids] for story in stories]
        briefs = pipeline.pipe(groups, n_process=args.jobs)
        for story, result in zip(stories, briefs, strict=True):
            (args.out / f"{story.id}.md").write_text(to_markdown(result), encoding="utf-8")
            (args.out / f"{story.id}.json").write_text(to_json(result), encoding="utf-8")
            lines.append(_index_line(story, result.title or story.title))
    except OSError as exc:
        log.critical("%s: %s", exc.filename, exc.strerror)
        return 2
    (args.out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    log.info("%d stories written to %s", len(stories), args.out)
    return 0


def _index_line(story: Story, title: str | None) -> str:
    span = ""
    if story.first is not None and story.last is not None:
        first, last = story.first.date().isoformat(), story.last.date().isoformat()
        span = f"; {first}" if first == last else f"; {first} to {last}"
    outlets = ", ".join(story.outlets) if story.outlets else "outlets unknown"
    name = (title or story.id).replace("[", "(").replace("]", ")")
    return f"- [{name}]({story.id}.md): {story.size} articles; {outlets}{span}"


def _dedupe(args: argparse.Namespace) -> int:
    from newsfuse.clean import clean
    from newsfuse.dedupe import find_copies

    if not 0.0 < args.threshold <= 1.0:
        log.critical("--threshold must be in (0, 1]")
        return 2
    pipeline = _pipeline(args)
    if pipeline is None:
        return 2
    articles = _read_articles(args, pipeline)
    if not articles:
        return 2
    groups = find_copies([clean(a) for a in articles], threshold=args.threshold)
    if args.format == "json":
        copies = to_dict(Brief(articles=(), summary=(), copies=tuple(groups)))["copies"]
        sys.stdout.write(json.dumps(copies, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(f"{len(groups)} copy groups among {len(articles)} articles\n")
    for n, group in enumerate(groups, 1):
        share = dict(group.copied_share)
        sys.stdout.write(
            f"\n{n}. origin: {group.origin or 'unknown'}; "
            f"{group.shared_sentences} shared sentences\n"
        )
        for member in group.members:
            sys.stdout.write(f"   {share.get(member, 0.0):>5.0%} copied  {member}\n")
    return 0


def _serve(args: argparse.Namespace) -> int:
    try:
        from newsfuse.serve import run
    except ImportError as exc:  # the `serve` extra is not installed
        log.critical("serve needs `pip install newsfuse[serve]` (%s)", exc)
        return 2
    run(
        host=args.host,
        port=args.port,
        db=args.db,
        hosts=args.allowed_hosts,
        brief_workers=args.brief_workers,
        brief_seconds=args.brief_seconds,
    )
    return 0


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"newsfuse: {record.getMessage()}"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Messages as one line each on stderr; --quiet keeps only what ends the run.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    level, propagate = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.CRITICAL if getattr(args, "quiet", False) else logging.INFO)
    log.propagate = False
    try:
        status = _run(args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below
        return status
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's shutdown flush of
        # stdout from failing on the same pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate


def _run(args: argparse.Namespace) -> int:
    if args.command == "brief":
        return _brief(args)
    if args.command == "dedupe":
        return _dedupe(args)
    if args.command == "stories":
        return _stories(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "eval" and args.target == "summaries":
        return _eval_summaries(args)
    if args.command == "eval" and args.target == "timex":
        from newsfuse.evaluate.timex import main as eval_timex

        return eval_timex(args.dataset, as_json=args.json)
    if args.command == "eval" and args.target == "conflicts":
        from newsfuse.evaluate.conflicts import main as eval_conflicts

        return eval_conflicts(args.dataset, seed=args.seed, as_json=args.json)
    if args.command == "eval" and args.target == "quotes":
        return _eval_quotes(args)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
