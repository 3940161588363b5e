"""Clean: strip page noise from an article's text and record every removal.

`rules` holds the rules, small and named, each removing one kind of noise; `article` runs
them over an article.
"""

from newsfuse.clean.article import clean
from newsfuse.clean.rules import DEFAULT_RULES, Rule

__all__ = ["DEFAULT_RULES", "Rule", "clean"]
