"""Command line: `newsfuse brief PATH...`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsfuse.ingest import InputError, read
from newsfuse.pipeline import brief as make_brief
from newsfuse.render import explain_markdown, to_html, to_json, to_markdown

# More inputs than this earn a progress bar on stderr.
_PROGRESS_FROM = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfuse", description="Turn many news reports of one event into a cited brief."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    brief = commands.add_parser("brief", help="print a cited brief of the articles")
    brief.add_argument("paths", nargs="+", help="files or folders (.txt .html .jsonl); - is stdin")
    brief.add_argument("--format", choices=("md", "json", "html"), default="md")
    brief.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    brief.add_argument("--words", type=int, default=120, help="summary budget (default 120)")
    brief.add_argument(
        "--explain", action="store_true", help="show what cleaning removed, per article"
    )
    brief.add_argument("--quiet", "-q", action="store_true", help="no progress, notices or errors")
    return parser


def _count_inputs(paths: Sequence[str]) -> int:
    total = 0
    for raw in paths:
        path = Path(raw)
        total += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return total


def _brief(args: argparse.Namespace) -> int:
    if args.words < 1:
        print("newsfuse: --words must be a positive number", file=sys.stderr)
        return 2

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
        return 2
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "brief":
        return _brief(args)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
