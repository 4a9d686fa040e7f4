"""A one-line progress display of a build on a terminal's stderr (documents read, rate), and
the channel that brings worker processes' counts to it."""

from __future__ import annotations

import queue
import sys
import time
from dataclasses import dataclass
from typing import Any


class Progress:
    """Silent with ``quiet`` or when stderr is not a terminal: redrawn with \\r, which a log
    file or a pipe would keep as one line per update."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.visible = total, not quiet and sys.stderr.isatty()
        self.count = 0
        self.started = time.perf_counter()

    def add(self, n: int) -> None:
        self.count += n
        if self.visible:
            rate = self.count / max(time.perf_counter() - self.started, 1e-9)
            sys.stderr.write(f"\rbuilding: {self.count}/{self.total} documents, {rate:,.0f} docs/s")
            sys.stderr.flush()

    def done(self) -> None:
        if self.visible:
            sys.stderr.write("\n")


@dataclass(frozen=True)
class QueueTicks:
    """Counts from shards running in other processes: picklable (a queue of a
    ``multiprocessing`` manager), so every task carries it; the parent drains it."""

    queue: Any

    def __call__(self, n: int) -> None:
        self.queue.put(n)

    def drain(self) -> int:
        """The counts that arrived since the last drain."""
        n = 0
        while True:
            try:
                n += self.queue.get_nowait()
            except queue.Empty:
                return n
