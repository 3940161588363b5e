"""Cross-source analysis: quotes, discrepancies, timeline, exclusives and entities.

Pure functions over cleaned articles, one module per section; `analyze` runs them all with
one segmentation and one name registry, which is most of their shared cost.
"""

from newsfuse.analyze.discrepancies import find_discrepancies
from newsfuse.analyze.entities import extract_entities
from newsfuse.analyze.exclusives import find_exclusives
from newsfuse.analyze.names import Registry
from newsfuse.analyze.quotes import extract_quotes
from newsfuse.analyze.sections import Analysis, analyze
from newsfuse.analyze.timeline import extract_timeline

__all__ = [
    "Analysis",
    "Registry",
    "analyze",
    "extract_entities",
    "extract_quotes",
    "extract_timeline",
    "find_discrepancies",
    "find_exclusives",
]
