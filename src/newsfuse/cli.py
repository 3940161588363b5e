"""Command line: `newsfuse brief PATH...`, `newsfuse stories PATH... --out DIR`,
`newsfuse serve`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from newsfuse.dedupe import DEFAULT_THRESHOLD
from newsfuse.ingest import InputError, read
from newsfuse.model import Article, Brief, Story
from newsfuse.parallel import MAX_WORKERS, map_ahead, usable_cpus
from newsfuse.pipeline import brief as make_brief
from newsfuse.render import explain_markdown, to_dict, to_html, to_json, to_markdown

# More inputs than this earn a progress bar on stderr.
_PROGRESS_FROM = 20
# Names of `newsfuse eval summaries` systems, kept here so `--help` needs no heavy import.
_SYSTEMS = ("newsfuse", "lead", "lexrank", "textrank", "lsa", "luhn", "kl", "centroid", "oracle")


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
    brief.add_argument("--words", type=_positive, default=120, help="summary budget (default 120)")
    brief.add_argument(
        "--explain", action="store_true", help="show what cleaning removed, per article"
    )
    brief.add_argument("--quiet", "-q", action="store_true", help="no progress, notices or errors")
    brief.add_argument(
        "--all", action="store_true", help="brief every article even if they tell several stories"
    )
    pile = commands.add_parser("stories", help="split articles into stories; brief each")
    pile.add_argument("paths", nargs="+", help="files or folders (also .rss .atom .warc)")
    pile.add_argument("--out", type=Path, required=True, help="folder for briefs and index.md")
    pile.add_argument(
        "--assignments", type=Path, help='write {"id", "story"} per article to this JSONL file'
    )
    pile.add_argument("--words", type=_positive, default=120, help="summary budget (default 120)")
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
    quotes = targets.add_parser(
        "quotes", help="quote and speaker precision/recall on a PolNeAR-format JSONL file"
    )
    quotes.add_argument("dataset", type=Path, help="one annotated article per line (see README)")
    quotes.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _count_inputs(paths: Sequence[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        total += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return total


def _read_articles(args: argparse.Namespace) -> list[Article]:
    """The articles at `args.paths`; bad inputs reported on stderr unless `--quiet`, and an
    empty result reported always (the caller exits 2)."""

    def report(error: InputError) -> None:
        if not args.quiet:
            print(f"newsfuse: {error}", file=sys.stderr)

    def notice(message: str) -> None:
        if not args.quiet:
            print(f"newsfuse: {message}", file=sys.stderr)

    progress = not args.quiet and _count_inputs(args.paths) > _PROGRESS_FROM
    articles = read(args.paths, on_error=report, notice=notice, progress=progress)
    if not articles:
        print("newsfuse: no article could be read", file=sys.stderr)
    return articles


def _brief(args: argparse.Namespace) -> int:
    articles = _read_articles(args)
    if not articles:
        return 2
    if not args.all:
        articles = _largest_story(articles, quiet=args.quiet)
    result = make_brief(articles, words=args.words)
    if args.format == "json":
        text = to_json(result)
    elif args.format == "html":
        text = to_html(result)
    else:
        text = to_markdown(result, explain=args.explain)
    if args.explain and args.format != "md":
        # JSON and HTML always carry the removals; show them to the reader too.
        sys.stderr.write(explain_markdown(result))
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"newsfuse: {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    return 0


def _eval_summaries(args: argparse.Namespace) -> int:
    from itertools import islice

    try:
        from newsfuse.evaluate import evaluate, read_clusters, to_markdown
    except ImportError as exc:  # the `eval` extra is not installed
        print(f"newsfuse: eval needs `pip install newsfuse[eval]` ({exc})", file=sys.stderr)
        return 2

    unknown = sorted(set(args.systems or ()) - set(_SYSTEMS))
    if unknown:
        print(f"newsfuse: unknown systems {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not args.dataset.is_file():
        print(f"newsfuse: {args.dataset}: no such file", file=sys.stderr)
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
        on_skip=lambda message: print(f"newsfuse: {message}", file=sys.stderr),
    )
    sys.stdout.write(to_markdown(results))
    return 0 if any(r.clusters for r in results) else 2


def _eval_quotes(args: argparse.Namespace) -> int:
    from newsfuse.evaluate.quotes import run

    try:
        sys.stdout.write(run(args.dataset, as_json=args.json))
    except (OSError, ValueError) as exc:
        print(f"newsfuse: {args.dataset}: {exc}", file=sys.stderr)
        return 2
    return 0


def _largest_story(articles: list[Article], quiet: bool) -> list[Article]:
    """The articles of the largest story when the pile tells several; else all of them.

    Only stories of two or more articles count: a lone off-topic report in a small pile
    is not worth dropping the rest of the brief's context for."""
    from newsfuse.cluster import cluster

    stories = cluster(articles)
    if sum(1 for s in stories if s.size > 1) < 2:
        return articles
    if not quiet:
        print(
            f"newsfuse: these {len(articles)} articles tell {len(stories)} stories; briefing "
            f"the largest ({stories[0].size} articles). Use --all for all of them, or "
            "`newsfuse stories` for one brief per story.",
            file=sys.stderr,
        )
    keep = set(stories[0].article_ids)
    return [a for a in articles if a.id in keep]


def _stories(args: argparse.Namespace) -> int:
    from newsfuse.cluster import cluster

    articles = _read_articles(args)
    if not articles:
        return 2
    stories = cluster(articles, refine=not args.stream)
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
        for story, result in zip(stories, _briefs(groups, args.words, args.jobs), strict=True):
            (args.out / f"{story.id}.md").write_text(result.to_markdown(), encoding="utf-8")
            (args.out / f"{story.id}.json").write_text(result.to_json(), encoding="utf-8")
            lines.append(_index_line(story, result.title or story.title))
    except OSError as exc:
        print(f"newsfuse: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    (args.out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not args.quiet:
        print(f"newsfuse: {len(stories)} stories written to {args.out}", file=sys.stderr)
    return 0


def _briefs(groups: list[list[Article]], words: int, jobs: int) -> Iterator[Brief]:
    """A brief per group of articles, in order; stories are independent, so with `jobs` > 1
    they are written in that many processes (a pile of a few stories is not worth it)."""
    if jobs <= 1 or len(groups) < 4 * jobs:
        for group in groups:
            yield make_brief(group, words=words)
        return
    for _, result in map_ahead(partial(make_brief, words=words), groups, jobs):
        yield result


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
        print("newsfuse: --threshold must be in (0, 1]", file=sys.stderr)
        return 2
    articles = _read_articles(args)
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
        print(f"newsfuse: serve needs `pip install newsfuse[serve]` ({exc})", file=sys.stderr)
        return 2
    run(host=args.host, port=args.port, db=args.db)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
    if args.command == "eval" and args.target == "quotes":
        return _eval_quotes(args)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
