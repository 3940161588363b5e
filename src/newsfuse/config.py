"""All tunable settings in one place."""

from __future__ import annotations

from dataclasses import dataclass

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    words: int = 120
    # Two sentences from different articles state the same fact above this similarity.
    same_fact_similarity: float = 0.55
    # A source corroborates a fact when one of its sentences states this much of it.
    corroboration_similarity: float = 0.4
    # A candidate this similar to an already chosen sentence is redundant outright.
    redundancy_cutoff: float = 0.7
    # Exponent of the sentence length dividing a candidate's value (0: length ignored).
    length_penalty: float = 0.7
    # A concept counts once this many independent sources state it (fewer: uncorroborated).
    min_concept_sources: int = 2
    # A concept weighs (number of sources stating it) ** this: above 1, what most sources
    # state outweighs many details stated by a couple.
    concept_exponent: float = 1.5
    # A fact's prior: share of sources carrying it, plus these times its centrality, its
    # earliness in its article (1 at the top, 0 at the end).
    centrality_weight: float = 0.5
    position_weight: float = 0.5
    # Only this many best-scored usable sentences (at least `words`) compete for selection.
    candidates: int = 60
    min_sentence_words: int = 6
    max_sentence_words: int = 55
    # One more sentence past the budget, for scorers that cut summaries at the budget (as
    # DUC's ROUGE runs did, and every baseline in `newsfuse eval` fills to the cut); a brief
    # never runs over.
    overflow: bool = False


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """Copy detection (`newsfuse.dedupe`); defaults measured in bench/dedupe_speed.py."""

    threshold: float = 0.2  # copied share of either article's words that makes a copy
    min_shared: int = 2  # copied sentences needed: one shared stock sentence is not a copy
    sentence_containment: float = 0.5  # share of a sentence's shingles found in the other
    min_sentence_words: int = 6  # shorter sentences ("He said.") prove nothing
    shingle: int = 4
    bands: int = 2  # LSH bands of `rows` MinHash values per sentence
    rows: int = 2
    seed: int = 1
    max_postings: int = 64  # articles per band value before it counts as stock text
    # Sentence texts are kept only to show evidence (briefs); a large collection or an
    # endless stream should not hold them.
    keep_text: bool = False
    max_shingles: int = 4000  # per article (at most 65,535): bounds memory on very long texts
    # Only the last `window` articles are compared with a new one; older ones give up their
    # shingles and band postings, so memory stops growing with the stream (None: keep all).
    window: int | None = None


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """The one default setting, chosen to hold across collections (no per-corpus tuning)."""

    # Each article's `neighbours` most similar articles, of those at a cosine of at least
    # `neighbour_floor`; stories merge by average link while their articles share
    # neighbours at a mean cosine (of neighbour sets) of at least `refine_threshold`.
    # Batch finds them over the collection (`newsfuse.cluster.refine`), the stream over
    # its open window (`newsfuse.cluster.stream`). The floor keeps other events of the
    # topic out of a small story's neighbours: where stories hold 2-3 reports, ten slots
    # fill with the topic's other events and every report of the topic shares them. Floor
    # and cut are chosen by leave-one-set-out over the shared sets, whole and cut to
    # small events, by the worst pile (`bench/cluster_quality.py`): 0.15 / 0.30 (worst
    # pile 0.833; 0.10 / 0.38 before: 0.774, small ECB+ events).
    neighbours: int = 10
    neighbour_floor: float = 0.15
    refine_threshold: float = 0.3
    # Two reports' shared-neighbour similarity fades with the time between them, by
    # exp(-days apart / `time_scale_days`): hardly within a story's weeks, much across
    # years, where recurring events of one kind (New Year's Eves, missile tests) read
    # alike. Undated reports are not decayed; None turns the decay off. At 300 days a year
    # apart fades below the cut (0.30) even for reports that share all their neighbours;
    # the shared sets' worst pile costs 0.005 against 365 (0.828 / 0.833: MultiLing's
    # stories run for years), 90 days cost 0.024 and 30 days 0.064.
    time_scale_days: float | None = 300.0
    # An article at a cosine of at least `reprint_cosine` to an earlier one is a reprint of
    # it (the same wire text under another masthead, often trimmed or lightly edited): from
    # the third copy on it takes that article's story and does not enter the neighbour
    # search. Measured on the three quality sets, pairs of reports at 0.8 or more are of
    # one story (but for identical texts filed under two labels). None: every article is
    # searched.
    reprint_cosine: float | None = 0.85
    # With embeddings (the opt-in extra): their share of the batch cosine.
    embedding_weight: float = 0.3
    # The stream alone (`refine=False`) runs over time blocks of this many articles,
    # independently (in parallel on Ray), each led in by the window before it and joined
    # to the blocks before at that border. Large enough that collections that fit one
    # process are one block.
    block_size: int = 50_000
    # The stream's open window: its latest `window_articles` arrivals, and with
    # `window_days`, only those that arrived within that many days of the newest. A story
    # with no article in the window is closed. Days are off by default: shared neighbours
    # keep two events of one kind apart without time, and a day limit only cut broad
    # stories that run for weeks (measured: DUC 0.892 -> 0.804, Giveme5W1H 0.915 -> 0.835
    # at 30 days); the article count alone bounds work and memory.
    window_articles: int = 2000
    window_days: float | None = None
    # The stream re-clusters its window with the batch merge every this many arrivals:
    # often enough that an article sees several re-clusterings before it leaves the
    # window, rarely enough that the merge over the window costs little per article.
    recluster_every: int = 500
    # Words of each article's lead that are read.
    max_words: int = 400
    title_weight: float = 2.0
    name_weight: float = 2.0
    # Stream: an arriving article is vectorised on its `article_terms` heaviest terms and
    # indexed and looked up by its `query_terms` heaviest. Each term's posting list keeps
    # its latest `posting_limit` window articles, and the `candidates` articles sharing
    # most query terms are scored in full for the nearest neighbours. (Until the window
    # first fills, re-clustering re-weighs it on all terms and links it exactly.) Measured
    # with the window full of other news, more terms, keys or candidates gain nothing.
    article_terms: int = 120
    query_terms: int = 20
    posting_limit: int = 64
    candidates: int = 64

    def __post_init__(self) -> None:
        if self.time_scale_days is not None and not self.time_scale_days > 0:
            raise ValueError(f"time_scale_days must be > 0 or None, not {self.time_scale_days}")
