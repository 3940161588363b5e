"""Copy detection: the seeds' two wire groups, streaming, stock sentences, labeled pairs."""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

import newsfuse
from newsfuse.clean import clean
from newsfuse.cli import main
from newsfuse.dedupe import CopyConfig, CopyDetector, credits, find_copies
from newsfuse.dedupe.fingerprint import SentenceHasher, Shingler
from newsfuse.dedupe.index import BandIndex
from newsfuse.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).parent / "data" / "copy_pairs.json"


def _shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/data beside the checkout)")
    return path


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [clean(a) for a in newsfuse.read(_shared(SHARED / "seeds"))]


def _stem(article_id: str) -> str:
    return article_id.split("_")[0]


def test_seeds_give_exactly_the_two_wire_groups(seeds: list[Article]) -> None:
    groups = find_copies(seeds)
    found = {frozenset(_stem(m) for m in g.members): g for g in groups}
    assert set(found) == {frozenset({"001", "004"}), frozenset({"000", "002"})}
    scmp = found[frozenset({"000", "002"})]
    assert scmp.origin == "South China Morning Post"
    # 004 is signed "By Press Association"; 001 only names TRT as its source.
    assert found[frozenset({"001", "004"})].origin == "Press Association"
    for group in groups:
        assert group.shared_sentences >= 5
        assert len(group.evidence) == group.shared_sentences
        # The copied share of the more-copied member reaches the threshold.
        assert max(share for _, share in group.copied_share) >= 0.2


def test_brief_counts_copies_once(seed_brief: newsfuse.Brief) -> None:
    assert len(seed_brief.copies) == 2
    group_of = {m: g.members[0] for g in seed_brief.copies for m in g.members}
    for item in seed_brief.summary:
        assert item.independent_sources == len({group_of.get(a, a) for a in item.citations})


def test_example_wire_pair() -> None:
    articles = [clean(a) for a in newsfuse.read(ROOT / "examples" / "harbour-ferry")]
    groups = find_copies(articles)
    assert [g.members for g in groups] == [("vardanian-standard", "coastline-post")]
    assert groups[0].origin == "Meridian Press Agency"


def test_streaming_equals_batch_in_any_order(seeds: list[Article]) -> None:
    articles = seeds + [clean(a) for a in newsfuse.read(ROOT / "examples" / "harbour-ferry")]
    batch = find_copies(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        # Same settings as find_copies, which keeps sentence texts for the evidence.
        detector = CopyDetector(CopyConfig(keep_text=True))
        for article in shuffled:
            detector.add(article)
        assert detector.groups() == batch


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
    return [rng.choice(vocab) + str(rng.randrange(50)) for _ in range(n)]


def _sentences(n: int, seed: int) -> list[str]:
    return [" ".join(_words(14, seed * 1000 + i)).capitalize() + "." for i in range(n)]


def test_one_stock_sentence_is_not_a_copy() -> None:
    stock = "Beijing views Taiwan as a breakaway province to be reunited by force if necessary."
    a = Article("a", " ".join([*_sentences(8, 1), stock]))
    b = Article("b", " ".join([stock, *_sentences(8, 2)]))
    assert find_copies([a, b]) == []


def test_a_one_sentence_stub_of_a_report_is_its_copy() -> None:
    # A wire's first take is the later story's lede alone; a short unrelated item that
    # shares one sentence with a long report is not.
    report = _sentences(10, 7)
    stub = Article("stub", report[0] + "\n\nMore to come.")
    other = Article("other", " ".join([report[3], *_sentences(1, 8)]))
    groups = find_copies([stub, Article("report", "\n\n".join(report)), other])
    assert [set(g.members) for g in groups] == [{"stub", "report"}]
    reversed_order = find_copies([Article("report", "\n\n".join(report)), stub])
    assert [set(g.members) for g in reversed_order] == [{"report", "stub"}]
    assert find_copies([stub, Article("stub2", report[0])]) == []


def test_partial_copy_is_a_copy() -> None:
    wire = _sentences(16, 3)
    # Eight wire paragraphs, one dropped and one edited, then three of the outlet's own.
    taken = [s for s in wire[:8] if s != wire[4]]
    taken[0] = "Mr " + taken[0]
    copy = "\n\n".join([*taken, *_sentences(3, 4)])
    groups = find_copies([Article("wire", "\n\n".join(wire)), Article("copy", copy)])
    assert [set(g.members) for g in groups] == [{"wire", "copy"}]
    assert groups[0].shared_sentences == 7


def test_a_later_report_retelling_background_is_not_a_copy() -> None:
    # A wire's report of the next week ends with three paragraphs of its first one: a third
    # of the shorter, a copy within days, a new report a week later; a reprint a week later
    # (most of its text) is still a copy.
    first = _sentences(9, 5)
    later = "\n\n".join([*_sentences(6, 6), *first[-3:]])
    reprint = "\n\n".join(first[:7])

    def groups(days: int) -> list[set[str]]:
        articles = [
            Article("first", "\n\n".join(first), published=datetime(2026, 3, 2)),
            Article("later", later, published=datetime(2026, 3, 2 + days)),
            Article("reprint", reprint, published=datetime(2026, 3, 2 + days)),
        ]
        return [set(g.members) for g in find_copies(articles)]

    assert groups(1) == [{"first", "later", "reprint"}]
    assert groups(7) == [{"first", "reprint"}]


def test_signatures_equal_datasketch() -> None:
    shingler, hasher = Shingler(4), SentenceHasher(bands=2, rows=2, seed=1)
    fp = shingler.fingerprint("One two three four five six seven. Eight nine ten eleven twelve.")
    ours = hasher.signatures(fp)
    for i in range(fp.n_sentences):
        reference = MinHash(num_perm=4, seed=1, hashfunc=int)
        reference.update_batch(fp.shingles[fp.offsets[i] : fp.offsets[i + 1]].tolist())
        assert np.array_equal(ours[i], reference.hashvalues)


def test_credits_read_removed_bylines(seeds: list[Article]) -> None:
    by_stem = {_stem(a.id): dict(credits(a)) for a in seeds}
    assert "Press Association" in by_stem["004"]
    assert "TRT" in by_stem["001"]
    assert "South China Morning Post" in by_stem["002"]
    # Photo credits name who took a picture, not who wrote the text.
    assert "AP" not in by_stem["000"] and "AFP" not in by_stem["000"]
    tagged = Article("x", "LONDON (AP) — Something happened.")
    assert dict(credits(tagged)) == {"AP": 2}


def test_labeled_pairs_precision_recall() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    path = _shared(SHARED / "clusters" / labels["dataset"])
    wanted = {i for pair in labels["pairs"] for i in (pair["a"], pair["b"])}
    articles = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in wanted:
                articles[row["id"]] = clean(Article(row["id"], row["text"], title=row["title"]))
    detector = CopyDetector()
    detector.extend(articles.values())
    groups = detector.groups()
    group_of = {m: n for n, g in enumerate(groups) for m in g.members}
    tp = fp = fn = 0
    for pair in labels["pairs"]:
        a, b = group_of.get(pair["a"], pair["a"]), group_of.get(pair["b"], pair["b"])
        predicted = a == b
        tp += predicted and pair["copy"]
        fp += predicted and not pair["copy"]
        fn += not predicted and pair["copy"]
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    assert precision >= labels["floor"]["precision"]
    assert recall >= labels["floor"]["recall"]


def test_cli_dedupe_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedupe", str(ROOT / "examples" / "harbour-ferry"), "--format", "json"]) == 0
    copies = json.loads(capsys.readouterr().out)
    assert [c["members"] for c in copies] == [["vardanian-standard", "coastline-post"]]
    assert copies[0]["origin"] == "Meridian Press Agency"
    assert main(["dedupe", str(ROOT / "examples" / "harbour-ferry"), "--threshold", "0"]) == 2


def test_cli_dedupe_table_and_missing_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedupe", str(ROOT / "examples" / "harbour-ferry")]) == 0
    assert "Meridian Press Agency" in capsys.readouterr().out
    assert main(["dedupe", str(ROOT / "no-such-dir"), "-q"]) == 2


def test_band_index_matches_a_plain_dict() -> None:
    # Tiny levels, so that postings move from the dict through the sorted levels.
    index = BandIndex(max_postings=4, buffer_size=8, level_sizes=(32,))
    plain: dict[int, list[int]] = {}
    rng = np.random.default_rng(0)
    for owner in range(300):
        keys = rng.integers(0, 60, size=5).astype(np.uint64)
        tags = np.arange(5, dtype=np.int64)
        got_tags, got_owners = index.add(keys, tags, owner)
        expected = set()
        for key, tag in zip(keys.tolist(), tags.tolist(), strict=True):
            others = [o for o in plain.setdefault(key, []) if o != owner]
            if len(others) >= 4:
                continue  # stock text: neither matches nor is posted
            expected |= {(tag, other) for other in others}
            if owner not in plain[key]:
                plain[key].append(owner)
        assert set(zip(got_tags.tolist(), got_owners.tolist(), strict=True)) == expected


def test_window_and_memory_caps() -> None:
    wire = "\n\n".join(_sentences(10, 5))
    config = CopyConfig(window=3, max_shingles=50)
    detector = CopyDetector(config)
    detector.add(Article("wire", wire))
    for n in range(3):  # three unrelated articles push the wire out of the window
        detector.add(Article(f"other{n}", "\n\n".join(_sentences(10, 10 + n))))
    assert detector.add(Article("late", wire)) == []
    near = CopyDetector(CopyConfig(window=3))
    near.add(Article("wire", wire))
    assert [(p.a, p.b) for p in near.add(Article("copy", wire))] == [("wire", "copy")]
    # At most `max_shingles` shingles are kept of an article, whole sentences first.
    entry = detector._entries[0]
    assert len(entry.data) - 3 * entry.n <= 50
