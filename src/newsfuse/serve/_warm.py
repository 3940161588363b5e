"""Imported once by the brief pool's fork server (`newsfuse.serve.briefing`): briefs a
small pile of our own, so that the modules and language data a brief loads lazily are in
memory before any worker is forked, and every worker (a replacement too) starts warm."""

from newsfuse.model import Article
from newsfuse.pipeline import Pipeline

_PILE = [
    Article(
        id=f"warm{n}",
        title="Harbour ferry runs aground in fog",
        text="The harbour ferry ran aground near Kestrel Point on Monday, and the coastguard "
        f"evacuated {40 + n} passengers. Harbour master Ana Ruiz said the ferry hit a "
        '"sandbar in thick fog". Service resumes on Friday after repairs.',
    )
    for n in range(2)
]
Pipeline().brief(_PILE)
