"""bench/data/support_gold.json holds keys and verdicts only: no third-party text."""

from __future__ import annotations

import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "bench/data/support_gold.json"
_KEY = re.compile(r"^[\w.-]+:[0-9a-f]{10}$")
_ID = re.compile(r"^[\w.-]+$")


def test_support_gold_holds_only_keys_ids_and_verdicts() -> None:
    clusters = json.loads(GOLD.read_text())["clusters"]
    assert len(clusters) >= 12
    assert {c["half"] for c in clusters.values()} == {"dev", "held out"}
    for cluster in clusters.values():
        assert set(cluster) == {"half", "summary", "exclusives"}
        for key, line in cluster["summary"].items():
            assert _KEY.match(key)
            assert set(line) == {"line", "stated_by"}
            assert re.fullmatch(r"[0-9a-f]{10}", line["line"])
            assert line["stated_by"] and all(_ID.match(a) for a in line["stated_by"])
        for key, verdict in cluster["exclusives"].items():
            assert _KEY.match(key) and isinstance(verdict, bool)
