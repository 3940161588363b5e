"""Stories: split a mixed pile, or a stream, of articles into the events they report.

    >>> from newsfuse.cluster import cluster
    >>> stories = cluster(articles)            # batch: largest story first
    >>> clusterer = StoryClusterer()           # streaming: one article at a time
    >>> story_id = clusterer.add(article)

Batch sees the whole collection: it links each article to its nearest neighbours and
groups articles that share them (`newsfuse.cluster.refine`), which separates two events of
one kind that a single cosine cut merges. The stream runs the same model over a bounded
window of its latest articles (`newsfuse.cluster.stream`), re-clustering the window as it
goes; stories that leave the window are closed and never change. With `refine=False`
batch is the streaming model run over the collection in time order (undated articles
last, in input order), so both give the same stories on time-ordered input (up to
`ClusterConfig.block_size` articles; beyond, blocks are joined at their borders).
"""

from newsfuse.cluster.blocks import TimeBlock, join_blocks, stream_block, time_blocks
from newsfuse.cluster.metrics import ClusterScores, score
from newsfuse.cluster.stories import assign, cluster
from newsfuse.cluster.stream import StoryClusterer, make_story
from newsfuse.config import ClusterConfig

__all__ = [
    "ClusterConfig",
    "ClusterScores",
    "StoryClusterer",
    "TimeBlock",
    "assign",
    "cluster",
    "join_blocks",
    "make_story",
    "score",
    "stream_block",
    "time_blocks",
]
