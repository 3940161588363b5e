"""Load on loopback: POST /api/briefs with the five seed articles at 1, 8 and 32 concurrent
clients for 30 s each; requests/s, p50/p95 latency and errors per level. Then reads (story
list, story pages, a static file) while a 5 MB upload is stored and briefed, and the
store's single-article ingest p50/p95 at 1k, 10k and 100k stored articles on SQLite and
PostgreSQL (bench/serve_ingest.py).

    python bench/serve_load.py                  # starts `newsfuse serve` on a free port
    python bench/serve_load.py --seconds 5 --ingest-sizes 1000 10000   # shorter
    python bench/serve_load.py --url http://127.0.0.1:8000   # a server already running
    python bench/serve_load.py --ingest-window 0 --ingest-sizes 1000   # re-cluster all

Bounded: every level stops after its seconds (and at most --max-requests requests), and
only loopback addresses are accepted as targets. The server runs in its own process (one
uvicorn worker, as `newsfuse serve` starts it), so clients and server do not share a GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from serve_ingest import ingest_run, mixed_run, postgres

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "data" / "seeds"


@dataclass
class Level:
    clients: int
    seconds: float
    ok: int
    errors: int
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.ok / self.seconds

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as exc:
        raise SystemExit(f"serve_load: cannot resolve {host!r}") from exc
    if not all(ipaddress.ip_address(str(a)).is_loopback for a in addresses):
        raise SystemExit(f"serve_load: {host} is not a loopback address; refusing")


async def _level(
    url: str, body: Mapping[str, object], clients: int, seconds: float, cap: int
) -> Level:
    latencies: list[float] = []
    errors = 0
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=120.0, limits=limits, trust_env=False) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def worker() -> None:
            nonlocal errors, sent
            while time.perf_counter() < deadline and sent < cap:
                sent += 1
                t0 = time.perf_counter()
                try:
                    response = await client.post(url + "/api/briefs", json=body)
                    ok = response.status_code == 200 and bool(response.json().get("summary"))
                except (httpx.HTTPError, ValueError):
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return Level(clients, elapsed, len(latencies), errors, latencies)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "newsfuse", "serve", "--port", str(port), "--db", str(db)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stories", timeout=2, trust_env=False).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("serve_load: the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--seconds", type=float, default=30.0, help="per level (default 30)")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per level")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--ingest-sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--ingest-probes", type=int, default=20)
    parser.add_argument(
        "--ingest-window", type=int, default=400, help="0: re-cluster every stored article"
    )
    parser.add_argument("--no-postgres", action="store_true", help="ingest on SQLite only")
    parser.add_argument(
        "--ingest-latest",
        action="store_true",
        help="date each ingested report after the newest stored (default: across the span)",
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 120 or not all(0 < n <= 64 for n in args.levels):
        parser.error("--seconds must be in (0, 120] and each level in [1, 64]")
    files = sorted(args.seeds.glob("*.txt"))
    if not files:
        parser.error(f"no seed articles in {args.seeds}")
    body = {"articles": [{"id": p.stem, "text": p.read_text("utf-8")} for p in files]}

    server = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            url = args.url.rstrip("/")
        else:
            server, url = _start_server(Path(tmp) / "load.db")
        _loopback(url)
        try:
            # One request first, so that imports and caches do not count in level one.
            httpx.post(url + "/api/briefs", json=body, timeout=120, trust_env=False)
            results = [
                asyncio.run(_level(url, body, n, args.seconds, args.max_requests))
                for n in args.levels
            ]
            httpx.post(url + "/api/articles", json=body, timeout=120, trust_env=False)
            mixed = asyncio.run(mixed_run(url, args.seconds))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
    print(
        f"POST /api/briefs, {len(files)} seed articles, {args.seconds:g} s per level, "
        f"{os.cpu_count()} cores, one uvicorn worker\n"
    )
    print("| clients | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.clients} | {r.ok} | {r.rate:.1f} | {1000 * r.percentile(0.5):.0f} | "
            f"{1000 * r.percentile(0.95):.0f} | {r.errors} |"
        )
    reads, p50, p95, outcome = mixed
    print(
        f"\nReads while a 5 MB upload is stored and briefed ({outcome}): {reads} reads, "
        f"p50 {1000 * p50:.0f} ms, p95 {1000 * p95:.0f} ms"
    )
    if args.ingest_sizes:
        _ingest(args, Path(tempfile.mkdtemp()) / "ingest.db")
    if results and statistics.fmean(r.errors for r in results) > 0:
        return 1
    return 0


def _ingest(args: argparse.Namespace, sqlite: Path) -> None:
    dbs = [("SQLite", str(sqlite))]
    server = None if args.no_postgres else postgres()
    if server is not None:
        dbs.append(("PostgreSQL", server.new_database()))  # type: ignore[attr-defined]
    window = args.ingest_window
    print(
        f"\nSingle-article ingest, window {window or 'all'}, {args.ingest_probes} ingests "
        f"per size, dated {'after the newest' if args.ingest_latest else 'across the span'} "
        "(CPU: this process, time.process_time)\n\n"
        "| store | stored articles | p50 ms | p95 ms | CPU p50 ms |\n|---|---:|---:|---:|---:|"
    )
    try:
        for name, db in dbs:
            for size, p50, p95, cpu in ingest_run(
                db, args.ingest_sizes, args.ingest_probes, window, latest=args.ingest_latest
            ):
                print(
                    f"| {name} | {size} | {1000 * p50:.0f} | {1000 * p95:.0f} | {1000 * cpu:.0f} |",
                    flush=True,
                )
    finally:
        if server is not None:
            server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
