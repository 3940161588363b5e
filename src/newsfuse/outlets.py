"""Outlet names: what a reader calls the source of an article.

An article's outlet is the name its input gives (a JSON record's `source`, a page's site
name), else its URL's. A name that is a host ("www.huffingtonpost.com:80") is read as one.
A host is named by its registered domain ("edition.cnn.com" -> "cnn.com"), looked up in the
table `resources/en/outlets.json` of well-known outlets, else written readably
("kearneyhub.com" -> "Kearneyhub"). Ratings an editor supplies (a CSV, see
docs/guide.md) are looked up by the same names.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from tld import get_fld

from newsfuse.errors import InputError
from newsfuse.resources import table

__all__ = ["domain_name", "outlet_name", "read_ratings"]

# A name that is a host: dotted words with an optional port, no spaces.
_HOST = re.compile(r"^(?:[a-z][a-z+.-]*://)?([\w-]+(?:\.[\w-]+)+)(?::\d+)?/?$", re.IGNORECASE)


@cache
def _known() -> dict[str, str]:
    names = cast(dict[str, str], table("outlets"))
    return {domain: name for domain, name in names.items() if not domain.startswith("_")}


def _registered(host: str) -> str:
    host = host.lower().rstrip(".")
    try:
        return str(get_fld(host, fix_protocol=True))
    except Exception:  # tld raises its own errors for a host of no known suffix
        return host.removeprefix("www.")


def domain_name(host: str) -> str:
    """The readable name of a host: a well-known outlet's name, else its domain's first label
    capitalised ("www.kearneyhub.com:80" -> "Kearneyhub")."""
    host = host.split(":", 1)[0]
    domain = _registered(host)
    known = _known()
    if domain in known:
        return known[domain]
    label = domain.split(".", 1)[0]
    return label.replace("-", " ").title() if label else host


@lru_cache(maxsize=4096)
def outlet_name(outlet: str | None, url: str | None = None) -> str | None:
    """The name to show for an article's outlet, from its given outlet and its URL (asked
    for each article by the document, the view and the outlets section: answered once)."""
    given = (outlet or "").strip()
    if given:
        host = _HOST.match(given)
        return domain_name(host.group(1)) if host else given
    host_of_url = urlsplit(url).hostname if url else None
    return domain_name(host_of_url) if host_of_url else None


def read_ratings(path: str | Path) -> dict[str, str]:
    """Outlet -> rating from a CSV with the columns `outlet` and `rating` (a header row; the
    outlet as a name or a domain). Keys are outlet names as `outlet_name` gives them."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read outlet ratings ({exc})") from exc
    if rows and not {"outlet", "rating"} <= set(rows[0]):
        raise InputError(str(path), "outlet ratings need the columns 'outlet' and 'rating'")
    ratings = {}
    for row in rows:
        name, rating = outlet_name(row.get("outlet")), (row.get("rating") or "").strip()
        if name and rating:
            ratings[name.casefold()] = rating
    return ratings
