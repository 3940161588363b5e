"""Citations on the seeds, against carriers annotated by hand from reading the five reports.

Each fact names the words that identify it in a summary line and every seed article that
states it (in any wording). A summary line about the fact may cite only those articles.
"""

from __future__ import annotations

import re

from newsfuse.model import Brief

# (words identifying the fact, articles that state it)
CARRIERS: list[tuple[tuple[str, ...], set[str]]] = [
    (("Xi", "Blinken", "Monday"), {"000", "001", "002", "003", "004"}),
    (("highest", "five years"), {"000", "001", "002", "003", "004"}),
    (("Wang Yi", "three hours"), {"001", "003", "004"}),
    (("Wang", "critical"), {"000", "001", "002", "003", "004"}),
    (("Taiwan", "province"), {"000", "001", "002"}),
    (("Qin", "hours"), {"001", "003"}),
    (("Biden", "Saturday"), {"000", "002", "004"}),
    (("Bill Gates",), {"001", "002", "004"}),
    (("sanctions",), {"000", "001", "002", "004"}),
    (("candid, substantive",), {"001"}),
]


def _matches(text: str, words: tuple[str, ...]) -> bool:
    return all(re.search(rf"\b{re.escape(w)}\b", text, re.I) for w in words)


def test_summary_cites_only_articles_that_state_the_fact(seed_brief: Brief) -> None:
    checked = 0
    for item in seed_brief.summary:
        cited = {c.split("_")[0] for c in item.citations}
        for words, carriers in CARRIERS:
            if _matches(item.text, words):
                assert cited <= carriers, (item.text, sorted(cited - carriers))
                checked += 1
    # Most of the summary is about annotated facts, so this test says something.
    assert checked >= len(seed_brief.summary) - 2


def test_corroborated_facts_cite_more_than_one_independent_source(seed_brief: Brief) -> None:
    lead = next(i for i in seed_brief.summary if _matches(i.text, CARRIERS[0][0]))
    assert len(lead.citations) >= 3
    # 001/004 and 000/002 are copy pairs, so five articles are three independent sources.
    assert lead.independent_sources <= 3
