"""Web latency and load: `dateline serve`'s app over a generated store of N articles, measured
end to end over HTTP on 127.0.0.1 with a bounded Python client.

    .venv/bin/python bench/web.py [--db /tmp/dateline-web-100k.db] [--articles 100000]
        [--annotated 2000] [--requests 300] [--clients 50] [--seconds 60]
    .venv/bin/python bench/web.py --screenshots bench/screenshots --db STORE   # pictures only

The store: bench/search.py's generator (fictional Zipf text, 40 hosts, 2015-2025; called, not
copied) plus `--annotated` copies of the bundled examples read by the real pipeline (entities,
quotes, claims, time expressions, date checks), with new ids, URLs and dates, so article
pages have real annotations to draw. It is kept at --db outside the repository.

The server runs in its own process (uvicorn, as `dateline serve` runs it); the client sends
requests one at a time for latency (p50/p95 wall ms per kind of request), then `--clients`
threads for `--seconds` (each bounded to 20,000 requests) for the load test, counting every
non-200 answer or transport error. Loopback only. Targets (issue 7): search p95 < 100 ms,
article page p95 < 50 ms, 50 clients for 60 s with no error.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402

from dateline.store import dedup  # noqa: E402
from dateline.store.sqlite import Prepared, Store, prepare  # noqa: E402
from search import COMMON, generate, vocabulary  # noqa: E402  (bench/search.py: the 100k generator)

ANNOTATED_KEY = "bench-web-annotated:"
PER_CLIENT_CAP = 20_000  # requests per load client: the loop stops at this or at --seconds


def add_annotated(store: Store, n: int) -> None:
    """`n` copies of the analysed example pages with new ids, URLs and stated dates."""
    if n <= 0 or store.seen(f"{ANNOTATED_KEY}{n - 1}"):
        return
    from dateline.api import read_many

    print(f"analysing the examples for {n:,} annotated articles ...", file=sys.stderr)
    sources = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.suffix in (".html", ".txt"))
    models = [prepare(a, "x") for a in read_many(sources) if not isinstance(a, Exception)]
    rng = random.Random(11)
    for i in range(n):
        if store.seen(f"{ANNOTATED_KEY}{i}"):
            continue
        base = models[i % len(models)]
        record = dict(base.record)
        year = 2015 + i % 11
        record["id"] = hashlib.sha1(f"annotated-{i}".encode()).hexdigest()
        record["url"] = f"https://site{i % 40}.example/{year}/annotated-{i}"
        record["stated_date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        noise = " ".join(rng.choice(COMMON) for _ in range(60))  # a signature no copy shares
        store.add(
            Prepared(
                key=f"{ANNOTATED_KEY}{i}",
                record=record,
                text_hash=hashlib.sha1(f"{i}:{record['text']}".encode()).hexdigest(),
                signature=dedup.to_blob(dedup.signature(f"copy {i} {noise}")),
                canonical_url=record["url"],
                lemmas=base.lemmas,
                lemma_forms=base.lemma_forms,
                producers=base.producers,
            )
        )
        if i % 500 == 499:
            store.commit()
    store.commit()


def ensure_store(db: Path, articles: int, annotated: int) -> None:
    store = Store.open(db)
    try:
        have = store.stats()["articles"]
        synthetic = have - sum(
            1 for _ in store.conn.execute("SELECT 1 FROM items WHERE key LIKE ?", (ANNOTATED_KEY + "%",))
        )
        if synthetic < articles:
            print(f"generating {articles - synthetic:,} synthetic articles into {db} ...", file=sys.stderr)
            generate(store, articles - synthetic, seed=synthetic + 7)
        add_annotated(store, annotated)
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The app under uvicorn in a child process on 127.0.0.1."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        code = (
            "import sys, uvicorn; from dateline.serve.web.app import create_app; "
            "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), "
            "log_level='warning', access_log=False)"
        )
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(self.port)], env=os.environ.copy())
        self.base = f"http://127.0.0.1:{self.port}"

    def wait(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                # the first search waits for the query lemmatiser (spaCy models) to load
                if httpx.get(self.base + "/search?q=x", timeout=timeout).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("the server did not answer")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def workload(db: Path) -> dict[str, list[str]]:
    """URLs per kind of request: search queries over the frequency range, article pages."""
    vocab = vocabulary(50_000, random.Random(7))
    rng = random.Random(3)
    store = Store.open(db, readonly=True)
    try:
        synthetic = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 200")]
        annotated = [
            r[0]
            for r in store.conn.execute(
                "SELECT a.id FROM items i JOIN articles a ON a.id = i.article WHERE i.key LIKE ? "
                "ORDER BY random() LIMIT 200",
                (ANNOTATED_KEY + "%",),
            )
        ]
        names = [r["name"] for r in store.entities(label="PER", limit=10)]
    finally:
        store.close()
    rare = [vocab[rng.randint(5_000, 49_999)] for _ in range(40)]
    mid = [vocab[rng.randint(200, 4_999)] for _ in range(40)]
    common = [vocab[rng.randint(0, 199)] for _ in range(20)] + COMMON[40:60]
    phrases = [f'"{COMMON[i]} {COMMON[i + 1]}"' for i in range(40, 80)]
    search = {
        "search: rare word": [f"/search?q={w}" for w in rare],
        "search: mid-frequency word": [f"/search?q={w}" for w in mid],
        "search: common word": [f"/search?q={w}" for w in common],
        "search: two words": [f"/search?q={a}+{b}" for a, b in zip(mid, rare, strict=True)],
        "search: phrase": [f"/search?q={p}" for p in phrases],
        "search: word + language + year": [
            f"/search?q={w}&lang=en&from={y}&to={y}" for w, y in zip(mid, range(2015, 2026), strict=False)
        ],
        "search: person filter": [f"/search?entity={n}" for n in names] or ["/search"],
        "search: no query (latest)": ["/search", "/search?offset=20", "/search?lang=fr"],
    }
    return search | {
        "api/search (JSON)": [f"/api/search?q={w}" for w in rare + mid],
        "facets fragment": [f"/search/facets?q={w}" for w in mid + common],
        "timeline fragment": [f"/search/timeline?q={w}" for w in mid + common],
        "article page: synthetic": [f"/article/{i}" for i in synthetic],
        "article page: annotated": [f"/article/{i}" for i in annotated],
        "person page": [f"/entity?name={n}" for n in names] or ["/entities"],
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to read the server's own cost per
    request apart from the load other jobs put on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def latency(server: Server, urls: dict[str, list[str]], repeat: int) -> dict[str, tuple[list[float], float]]:
    """Per kind: wall ms of each request, and the server's CPU ms per request."""
    out: dict[str, tuple[list[float], float]] = {}
    with httpx.Client(base_url=server.base, timeout=120) as client:
        for kind, pool in urls.items():
            times = []
            cpu = cpu_seconds(server.proc.pid)
            for i in range(repeat):
                url = pool[i % len(pool)]
                t = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")
            out[kind] = (times, (cpu_seconds(server.proc.pid) - cpu) * 1000 / repeat)
            print(f"{kind:34} {statistics.median(times):7.1f} {p95(times):7.1f} {max(times):7.1f} {out[kind][1]:9.1f}")
    return out


def load(base: str, urls: dict[str, list[str]], clients: int, seconds: float) -> dict[str, Any]:
    mix = [u for kind, pool in urls.items() if not kind.startswith(("facets", "timeline")) for u in pool]
    errors: list[str] = []
    times: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=120) as http:
            for _ in range(PER_CLIENT_CAP):
                if time.monotonic() >= stop_at:
                    break
                url = rng.choice(mix)
                t = time.perf_counter()
                try:
                    r = http.get(url)
                    if r.status_code != 200:
                        with lock:
                            errors.append(f"{url}: {r.status_code}")
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{url}: {exc!r}")
                mine.append((time.perf_counter() - t) * 1000)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - started
    return {"requests": len(times), "seconds": elapsed, "errors": errors, "times": times}


def screenshots(db: Path, out: Path) -> None:
    """The main pages as PNG files (chromium from Debian, headless)."""
    from playwright.sync_api import sync_playwright

    store = Store.open(db, readonly=True)
    try:
        alert = store.date_alerts(limit=1)
        quoted = store.conn.execute(
            "SELECT a.id FROM quotes q JOIN articles a ON a.n = q.article WHERE q.speaker_entity IS NOT NULL "
            "AND a.duplicate_of IS NULL GROUP BY a.n ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        speaker = store.conn.execute(
            "SELECT speaker FROM quotes WHERE speaker_entity IS NOT NULL GROUP BY speaker "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        word = "retraites"
    finally:
        store.close()
    pages = {"search": f"/search?q={word}", "alerts": "/alerts", "sources": "/sources", "entities": "/entities"}
    if quoted:
        pages["article"] = f"/article/{quoted[0]}"
    if alert:
        pages["article-date-alert"] = f"/article/{alert[0]['article']}"
    if speaker:
        pages["person"] = f"/entity?name={speaker[0]}"
    server = Server(db)
    try:
        server.wait()
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            )  # fmt: skip
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            for name, url in pages.items():
                page.goto(server.base + url)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(f"{out / (name + '.png')}  {url}")
            if quoted:  # an explanation open: hover the first quote that names its speaker
                page.goto(server.base + pages["article"])
                quote = page.locator(".ann.q:has(> .tip a)").first
                quote.evaluate("e => e.scrollIntoView({block: 'center'})")
                quote.hover()
                page.screenshot(path=str(out / "article-quote-tip.png"))
                print(f"{out / 'article-quote-tip.png'}  (hovering a quote)")
            browser.close()
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="/tmp/dateline-web-100k.db")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--annotated", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per kind for latency")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--screenshots", metavar="DIR", help="only take screenshots of the pages of --db into DIR")
    args = parser.parse_args()
    db = Path(args.db)
    if args.screenshots:
        screenshots(db, Path(args.screenshots))
        return 0
    ensure_store(db, args.articles, args.annotated)
    urls = workload(db)
    server = Server(db)
    try:
        server.wait()
        n = Store.open(db, readonly=True).stats()["articles"]
        print(f"\nweb on {n:,} articles ({db}); {args.requests} sequential requests per kind; wall ms end to end")
        print("(2-core machine shared with other jobs: noisy)\n")
        print(f"{'request':34} {'p50':>7} {'p95':>7} {'max':>7} {'CPU ms/req':>9}")
        lat = latency(server, urls, args.requests)
        searches = [t for k, v in lat.items() if k.startswith("search:") for t in v[0]]
        articles = [t for k, v in lat.items() if k.startswith("article page") for t in v[0]]
        s50, s95, a50, a95 = statistics.median(searches), p95(searches), statistics.median(articles), p95(articles)
        print(f"\nsearch page, all kinds:  p50 {s50:.1f} ms, p95 {s95:.1f} ms (target < 100)")
        print(f"article page, all kinds: p50 {a50:.1f} ms, p95 {a95:.1f} ms (target < 50)")
        print(
            f"\nload: {args.clients} clients for {args.seconds:.0f} s (search, article, person pages and API mixed) ..."
        )
        result = load(server.base, urls, args.clients, args.seconds)
        times = result["times"]
        count, secs = result["requests"], result["seconds"]
        print(
            f"{count:,} requests in {secs:.1f} s ({count / secs:.0f}/s), errors {len(result['errors'])}, "
            f"p50 {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms"
        )
        for error in result["errors"][:10]:
            print("  error:", error)
    finally:
        server.stop()
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
