"""People, organisations and places, with mentions per source: the brief's entity section.

Rules, not a statistical model: see `newsfuse.analyze.names` for how names are found,
typed and normalised across the story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from newsfuse.analyze.names import Mention, Registry, find_mentions, name_runs, people_named
from newsfuse.model import Article, Entity

__all__ = [
    "Mention",
    "Registry",
    "extract_entities",
    "find_mentions",
    "name_runs",
    "people_named",
]


def extract_entities(articles: Sequence[Article], registry: Registry | None = None) -> list[Entity]:
    """Entities with mention counts per article, most mentioned first.

    Names printed once in one article are left out: at that frequency the rules are wrong
    too often, and a brief's reader does not need them."""
    registry = registry or Registry.build(articles)
    per_entity: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for article_id, resolved in registry.mentions.items():
        for _, name, kind in resolved:
            per_entity[(name, kind)][article_id] += 1
    order = [a.id for a in articles]
    entities = [
        Entity(name, kind, tuple((a, counts[a]) for a in order if counts[a]))
        for (name, kind), counts in per_entity.items()
        if sum(counts.values()) >= 2
    ]
    entities.sort(key=lambda e: (-sum(n for _, n in e.mentions), e.name))
    return entities
