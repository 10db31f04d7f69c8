"""Progress on standard error while ingesting, and the summary at the end.

On a terminal one line is redrawn (items, rate, ETA when the total is known); otherwise a
plain line is printed every `every` seconds, so logs of long runs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Tally:
    read: int = 0
    new: int = 0
    duplicates: Counter[str] = field(default_factory=Counter)  # by kind: url | exact | near
    already: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # by reason
    failed: Counter[str] = field(default_factory=Counter)  # by reason (error code or short name)
    messages: list[str] = field(default_factory=list)  # the first failures, verbatim
    peak_mb: float = 0.0

    def fail(self, reason: str, message: str) -> None:
        self.failed[reason] += 1
        if len(self.messages) < 20:
            self.messages.append(message)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": dict(self.duplicates),
            "already": self.already,
            "skipped": dict(self.skipped),
            "failed": dict(self.failed),
            "peak_worker_mb": round(self.peak_mb, 1),
        }


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.most_common())


def summary(tally: Tally, seconds: float) -> str:
    pages = tally.new + sum(tally.duplicates.values())
    rate = pages / seconds if seconds > 0 else 0.0
    lines = [
        f"read {tally.read}: new {tally.new}, duplicates {sum(tally.duplicates.values())}"
        + (f" ({_counts(tally.duplicates)})" if tally.duplicates else "")
        + f", already done {tally.already}, skipped {sum(tally.skipped.values())}"
        + (f" ({_counts(tally.skipped)})" if tally.skipped else "")
        + f", failed {sum(tally.failed.values())}"
        + (f" ({_counts(tally.failed)})" if tally.failed else ""),
        f"{seconds:.1f} s, {rate:.1f} stored pages/s"
        + (f", peak worker memory {tally.peak_mb:.0f} MB" if tally.peak_mb else ""),
    ]
    return "\n".join(lines)


class Progress:
    def __init__(self, total: int | None, *, stream: TextIO | None = None, quiet: bool = False, every: float = 10.0):
        self.total = total
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.every = 0.2 if self.tty else every
        self.start = time.monotonic()
        self._shown = self.start

    def tick(self, tally: Tally, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.quiet or (not force and now - self._shown < self.every):
            return
        self._shown = now
        elapsed = max(now - self.start, 1e-6)
        done = tally.read
        rate = done / elapsed
        line = f"{done}" + (f"/{self.total}" if self.total else "") + f" items, {rate:.1f}/s"
        if self.total and rate > 0 and done <= self.total:
            line += f", ETA {_clock((self.total - done) / rate)}"
            width = 24
            filled = int(width * done / self.total) if self.total else 0
            line = "[" + "#" * filled + "." * (width - filled) + "] " + line
        line += f" | new {tally.new}, dup {sum(tally.duplicates.values())}, failed {sum(tally.failed.values())}"
        if self.tty:
            self.stream.write("\r" + line[:150].ljust(150))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )
