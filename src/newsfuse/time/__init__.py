"""Time expressions: find them in English text and normalise them to TIMEX3 values."""

from newsfuse.time.find import Timex, find_timexes, timexes
from newsfuse.time.tense import tense
from newsfuse.time.values import granularity, to_date

__all__ = ["Timex", "find_timexes", "granularity", "tense", "timexes", "to_date"]
