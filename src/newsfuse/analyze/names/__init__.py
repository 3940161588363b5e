"""Names in a story: people, organisations and places, found by rules and normalised
across every article at once.

`mentions` finds capitalised names and splits off titles; `people`, `organisations` and
`places` hold what types a name (head words, a gazetteer, the words around it);
`registry` merges the forms of one name across the story. The word lists live in
`newsfuse/resources/en/`.
"""

from newsfuse.analyze.names.mentions import Mention, find_mentions
from newsfuse.analyze.names.registry import Registry, name_runs, people_named

__all__ = ["Mention", "Registry", "find_mentions", "name_runs", "people_named"]
