"""`dateline show [ID] --db FILE`: one stored article (report or JSON), or, without ID, what
the store holds: counts, sources, date alerts, most named entities, most quoted speakers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import Code, DatelineError


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "show",
        help="show a stored article, or an overview of a store",
        description="Show one stored article by id (or a unique prefix of 6+ characters); without ID, an overview.",
    )
    cmd.add_argument("id", nargs="?", metavar="ID", help="article id or prefix")
    cmd.add_argument(
        "--db",
        required=True,
        metavar="DB",
        help="the store: a SQLite file or a postgresql:// URL",
    )
    cmd.add_argument("--json", action="store_true", help="print the dateline.article/1 record (or the overview)")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store

    with open_store(args.db, readonly=True) as store:
        if args.id is None:
            return _overview(store, args.json)
        record = store.record(args.id)
        if record is None:
            raise DatelineError(Code.NOT_FOUND, f"no article {args.id} in {args.db}")
        links = store.duplicates(str(record["id"]))
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    from ..article import Article
    from .report import render

    print(render(Article.from_dict(record), color=sys.stdout.isatty()))
    for link in links:
        if link["article"] == record["id"]:
            print(f"\nDuplicate ({link['kind']}, {link['score']:.2f}) of {link['duplicate_of']} {link['of_url'] or ''}")
        else:
            print(f"\nCopy ({link['kind']}, {link['score']:.2f}): {link['article']} {link['url'] or ''}")
    return 0


def _overview(store: Any, as_json: bool) -> int:
    data = {
        "stats": store.stats(),
        "sources": store.sources(),
        "date_alerts": store.date_alerts(limit=20),
        "entities": store.entities(limit=15),
        "speakers": store.speakers(limit=15),
        "articles": [h.to_dict() | {"snippets": []} for h in store.search("", limit=50, lemmas=False)],
    }
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    stats = data["stats"]
    print(
        f"{stats['articles']} articles ({stats['duplicates']} duplicates), {stats['entities']} entities, "
        f"{stats['quotes']} quotes, {stats['claims']} claims, {stats['timexes']} time expressions, "
        f"{stats['date_alerts']} date alerts"
    )
    print("\nArticles:")
    for hit in data["articles"]:
        date = (hit["stated_date"] or "no date")[:10]
        print(f"  {hit['id'][:12]}  {date}  {hit['language'] or '??'}  {hit['title'] or '(no title)'}")
    print("\nSources:")
    for row in data["sources"]:
        span = f"{(row['first_date'] or '?')[:10]} … {(row['last_date'] or '?')[:10]}"
        print(f"  {row['source']}: {row['articles']} articles ({row['duplicates']} duplicates), {span}")
    if data["date_alerts"]:
        print("\nDate alerts (stated date contradicted by the text):")
        for alert in data["date_alerts"]:
            dates = f"stated {alert['stated']}, written {alert['estimated']}"
            print(f"  {alert['article'][:12]}  {dates}  {alert['title']}")
    if data["entities"]:
        print("\nMost named:")
        print("  " + "; ".join(f"{e['name']} ({e['label']}, {e['articles']})" for e in data["entities"]))
    if data["speakers"]:
        print("\nMost quoted:")
        print("  " + "; ".join(f"{s['name']} ({s['quotes']})" for s in data["speakers"]))
    return 0
