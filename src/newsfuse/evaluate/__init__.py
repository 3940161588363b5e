"""Evaluate: ROUGE of newsfuse's summaries beside standard baselines on benchmark clusters.

`newsfuse eval summaries DATASET.jsonl` runs every system on every cluster, scores each
summary with ROUGE-1/2/L (recall and F1, cut at the word budget, Porter-stemmed, stopwords
kept, averaged over references and then over clusters) and prints a Markdown table with
the seconds each system spent per cluster.

Not part of briefing: `import newsfuse` never imports this package, which needs the
`eval` extra (`pip install "newsfuse[eval]"`).
"""

from newsfuse.evaluate.compare import Result, evaluate, to_markdown
from newsfuse.evaluate.data import Cluster, read_clusters
from newsfuse.evaluate.rouge import score, truncate
from newsfuse.evaluate.systems import SYSTEMS, System

__all__ = [
    "SYSTEMS",
    "Cluster",
    "Result",
    "System",
    "evaluate",
    "read_clusters",
    "score",
    "to_markdown",
    "truncate",
]
