"""`dateline search QUERY --db FILE`: ranked hits with keyword-in-context snippets."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "search",
        help="search a store: ranked hits with snippets",
        description=(
            'Words are ANDed; "a phrase" in quotes; word* for a prefix; -word to exclude; OR between two terms. '
            "Accents and case are ignored; words also match their lemmas (démenti finds démentent) when the "
            "store was built with the NLP step. With no QUERY, lists the articles that pass the filters."
        ),
    )
    cmd.add_argument("query", nargs="*", metavar="QUERY", help="what to look for")
    cmd.add_argument(
        "--db",
        required=True,
        metavar="DB",
        help="the store: a SQLite file or a postgresql:// URL",
    )
    cmd.add_argument("--limit", type=int, default=20, help="hits to show (20)")
    cmd.add_argument("--offset", type=int, default=0, help="hits to skip, for paging")
    cmd.add_argument("--json", action="store_true", help="one JSON object per hit (JSONL)")
    cmd.add_argument("--from", dest="date_from", metavar="DATE", help="stated date on or after (2024, 2024-03, …)")
    cmd.add_argument("--to", dest="date_to", metavar="DATE", help="stated date on or before")
    cmd.add_argument("--estimated-from", metavar="DATE", help="estimated writing date on or after")
    cmd.add_argument("--estimated-to", metavar="DATE", help="estimated writing date on or before")
    cmd.add_argument("--lang", metavar="CODE", help="language (fr, en)")
    cmd.add_argument("--source", metavar="HOST", help="site (host name) or input location")
    cmd.add_argument("--entity", metavar="NAME", help="articles naming this entity")
    cmd.add_argument("--speaker", metavar="NAME", help="articles quoting this speaker")
    cmd.add_argument("--verdict", choices=("consistent", "inconsistent", "unknown"), help="date-check verdict")
    cmd.add_argument("--duplicates", action="store_true", help="include articles marked as duplicates")
    cmd.add_argument("--no-lemmas", action="store_true", help="match the words as typed only (no model loaded)")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from ..store.search import Filters

    filters = Filters(
        date_from=args.date_from,
        date_to=args.date_to,
        estimated_from=args.estimated_from,
        estimated_to=args.estimated_to,
        language=args.lang,
        source=args.source,
        entity=args.entity,
        speaker=args.speaker,
        verdict=args.verdict,
        duplicates=args.duplicates,
    )
    query = " ".join(args.query)
    color = sys.stdout.isatty()
    with open_store(args.db, readonly=True) as store:
        lemmas = not args.no_lemmas
        hits = store.search(query, filters, limit=max(1, args.limit), offset=max(0, args.offset), lemmas=lemmas)
        if args.json:
            for hit in hits:
                print(json.dumps(hit.to_dict(), ensure_ascii=False))
            return 0
        if not hits:
            print("no match", file=sys.stderr)
            return 1
        total = store.count(query, filters, lemmas=not args.no_lemmas)
    from ..store.search import RANK_CAP

    print(f"{total} article(s); showing {args.offset + 1}–{args.offset + len(hits)}")
    if query and total > RANK_CAP:
        print(f"(ranked among the {RANK_CAP:,} most recently stored matches; add a word or a filter to rank them all)")
    print()
    for rank, hit in enumerate(hits, args.offset + 1):
        date = hit.stated_date[:10] if hit.stated_date else "no date"
        alert = f"  DATE ALERT: written {hit.estimated_date}" if hit.verdict == "inconsistent" else ""
        title = hit.title or "(no title)"
        print(f"{rank}. {_bold(title, color)}  [{date}{', ' + hit.language if hit.language else ''}]{alert}")
        print(f"   {hit.id[:12]}  {hit.url or ''}")
        for snippet in hit.snippets:
            print("   " + _mark(snippet.text, snippet.highlights, color))
        print()
    return 0


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


def _mark(text: str, spans: list[tuple[int, int]], color: bool) -> str:
    """Highlight matches: bold on a terminal, [[…]] otherwise."""
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(f"\033[1;33m{text[start:end]}\033[0m" if color else f"[[{text[start:end]}]]")
        pos = end
    out.append(text[pos:])
    return "".join(out)
