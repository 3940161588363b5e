"""Pathological inputs under the 20 MB cap beside normal ones: seconds and peak memory of
`newsfuse brief` on each (issue 20's time bombs).

Each input is written by this script (generated text, no third-party article) to a temporary
folder and briefed by the command line in its own process, so that peak memory is that
process's maximum resident set (`ru_maxrss` of the child), imports included. The goal: every
input briefed in under 30 s and 1 GB.

    python bench/worst_case.py [--only NAME ...] [--timeout 600] [--stages]

--stages also prints, per input, the seconds of cleaning (by rule) and segmentation, in
this process.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
# Our own words, enough for sentences that read like prose to the pipeline's rules.
_NOUNS = (
    "council harbour ferry bridge storm engineer mayor report budget library school road "
    "river station market worker company plan court minister village crew pier vote"
).split()
_VERBS = "said approved closed opened repaired delayed visited reported announced ".split()
_OTHER = "the a new old local small large early late second final main north south".split()


def _vocabulary(size: int = 8000, seed: int = 3) -> list[str]:
    """Made-up words from syllables: a vocabulary the size of a long article's."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    return ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size)]


_VOCABULARY = _vocabulary()
# Zipf's law: the r-th commonest word is used in proportion to 1 / r.
_ZIPF = [1.0 / rank for rank in range(1, len(_VOCABULARY) + 1)]


def _sentence(rng: random.Random, words: int = 14) -> str:
    body = rng.choices(_OTHER + _NOUNS + _VERBS, k=words // 3) + rng.choices(
        _VOCABULARY, weights=_ZIPF, k=words - 2 - words // 3
    )
    rng.shuffle(body)
    return f"The {rng.choice(_NOUNS)} " + " ".join(body) + "."


def normal_prose(size: int, seed: int = 0) -> str:
    """Paragraphs of four sentences over a Zipfian vocabulary, numbers and names included."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = [_sentence(rng, rng.randint(8, 24)) for _ in range(4)]
        number = rng.randint(2, 900)
        sentences[1] = f"On March {rng.randint(1, 28)}, Mayor Lund said {number} {sentences[1][4:]}"
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def one_line_of_words(size: int, seed: int = 1) -> str:
    """One line of words and no punctuation: a page flattened without its markup."""
    rng = random.Random(seed)
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(_NOUNS + _VERBS + _OTHER)
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


def repeated_runs(size: int) -> str:
    """One line in which every run of words is printed twice: 'the ferry the ferry ...'."""
    unit = "the harbour ferry the harbour ferry "
    return (unit * (size // len(unit) + 1))[:size].strip()


def similar_sentences(count: int, seed: int = 2) -> str:
    """Many sentences over a handful of words, so every word is shared by most sentences."""
    rng = random.Random(seed)
    vocabulary = _NOUNS[:12]
    paragraphs = []
    for start in range(0, count, 8):
        sentences = [
            "The " + " ".join(rng.choice(vocabulary) for _ in range(rng.randint(10, 16))) + "."
            for _ in range(min(8, count - start))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


# name -> (file suffix, content)
INPUTS: dict[str, tuple[str, Callable[[], str]]] = {
    "normal_50kb": (".txt", lambda: normal_prose(50_000)),
    "normal_2mb": (".txt", lambda: normal_prose(2 * MB)),
    "normal_19mb": (".txt", lambda: normal_prose(19 * MB)),
    "one_line_4mb": (".txt", lambda: one_line_of_words(4 * MB)),
    "one_line_19mb": (".txt", lambda: one_line_of_words(19 * MB)),
    "repeated_runs_4mb": (".txt", lambda: repeated_runs(4 * MB)),
    "similar_sentences_16k": (".txt", lambda: similar_sentences(16_000)),
    "jsonl_200_articles_19mb": (
        ".jsonl",
        lambda: "\n".join(
            json.dumps({"id": f"a{n}", "text": normal_prose(95_000, seed=n)}) for n in range(200)
        ),
    ),
}


# Runs the command line in the child and reports the child's own peak resident set.
_CHILD = (
    "import resource, sys\n"
    "from newsfuse.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write(f'\\nPEAK {peak}\\n')\n"
    "raise SystemExit(status)\n"
)


def brief(path: Path, timeout: float) -> tuple[float, float, int]:
    """(seconds, peak MB, exit status) of `newsfuse brief --all` on `path` in a child."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, "brief", "--all", "--quiet", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, float("nan"), -1
    seconds = time.perf_counter() - start
    err = done.stderr.decode(errors="replace")
    peak = [line for line in err.splitlines() if line.startswith("PEAK ")]
    if done.returncode:
        sys.stderr.write(err[-2000:])
    # ru_maxrss is in kilobytes on Linux.
    return seconds, int(peak[-1].split()[1]) / 1024 if peak else float("nan"), done.returncode


def stages(text: str) -> str:
    """Seconds of each cleaning rule and of segmentation on `text`, in this process."""
    from newsfuse.clean.rules import DEFAULT_RULES
    from newsfuse.segment import split_sentences

    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    parts = []
    for rule in DEFAULT_RULES:
        start = time.perf_counter()
        paragraphs, _ = rule.apply(paragraphs)
        parts.append(f"{rule.name} {time.perf_counter() - start:.1f}")
    start = time.perf_counter()
    for paragraph in paragraphs:
        split_sentences(paragraph)
    parts.append(f"segment {time.perf_counter() - start:.1f}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(INPUTS))
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--stages", action="store_true")
    args = parser.parse_args()
    names = args.only or list(INPUTS)
    print(f"{'input':<26} {'MB':>6} {'seconds':>8} {'peak MB':>8}  verdict")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            suffix, make = INPUTS[name]
            text = make()
            path = Path(folder) / f"{name}{suffix}"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / MB
            seconds, peak, status = brief(path, args.timeout)
            ok = status == 0 and seconds < 30 and not peak > 1024
            verdict = "ok" if ok else "TIMEOUT" if status == -1 else "FAIL" if status else "SLOW"
            print(f"{name:<26} {size:>6.1f} {seconds:>8.1f} {peak:>8.0f}  {verdict}", flush=True)
            if args.stages and suffix == ".txt":
                print(f"    {stages(text)}", flush=True)


if __name__ == "__main__":
    main()
