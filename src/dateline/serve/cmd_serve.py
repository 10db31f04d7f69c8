"""`dateline serve --db FILE`: the analyst's web pages and JSON API over a store, on
127.0.0.1 by default (reading is open to whoever reaches the port; writes need --token-file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import Code, DatelineError
from ..store import describe


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "serve",
        help="web pages and JSON API over a store",
        description=(
            "Serve a store as web pages (search, articles, people, date alerts, sources) and a JSON API "
            "(/api/…, documented at /api/openapi.json). Binds 127.0.0.1 unless --host says otherwise. "
            "Writes (ingesting a URL from the page) are off unless --token-file names a file holding a secret."
        ),
    )
    cmd.add_argument(
        "--db",
        required=True,
        metavar="DB",
        help="the store: a SQLite file or a postgresql:// URL",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    cmd.add_argument("--port", type=int, default=8000, help="port (8000)")
    cmd.add_argument("--token-file", metavar="FILE", help="file holding the token that allows writes")
    cmd.set_defaults(handler=run)


def read_token(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise DatelineError(Code.UNREADABLE, f"cannot read the token file {path}: {exc.strerror}") from exc
    if len(token) < 16:
        raise DatelineError(Code.SETTINGS, f"{path}: the token must be at least 16 characters long")
    return token


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from .web.app import create_app
    except ImportError as exc:
        raise DatelineError(
            Code.SETTINGS, f"the web server needs the web extra: pip install 'dateline[web]' ({exc.name} is missing)"
        ) from exc
    if not 0 < args.port < 65536:
        raise DatelineError(Code.SETTINGS, f"--port must be between 1 and 65535, not {args.port}")
    app = create_app(args.db, token=read_token(args.token_file))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"dateline: serving on {args.host}: anyone who reaches this address can read the store", file=sys.stderr)
    print(f"dateline: serving {describe(args.db)} on http://{args.host}:{args.port}/search", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
