"""newsfuse: many news reports of one event in, one trustworthy, cited brief out."""

from newsfuse.model import Article, Brief, Fact, Removal, Sentence, SummaryItem
from newsfuse.pipeline import brief, read

__all__ = ["Article", "Brief", "Fact", "Removal", "Sentence", "SummaryItem", "brief", "read"]
__version__ = "0.1.0"
