"""Running a build's shard tasks here or on local worker processes, and summing their results.

Progress reaches the parent through a manager queue that each task carries, and only when a
progress display is shown (the manager is one more process)."""

from __future__ import annotations

import os
import threading
import time
from contextlib import ExitStack
from functools import partial

from .progress import Progress, QueueTicks
from .results import ShardResult
from .sharding import ShardTask, build_shard

POLL_SECONDS = 0.5


def run_shards(tasks: list[ShardTask], workers: int, progress: Progress) -> ShardResult:
    """The sum of every shard's result; in this process when one worker or one task suffices."""
    if workers <= 1 or len(tasks) <= 1:
        tick = progress.add if progress.visible else None
        return sum((build_shard(task, tick) for task in tasks), ShardResult())
    return _in_processes(tasks, min(workers, len(tasks)), progress)


def _in_processes(tasks: list[ShardTask], workers: int, progress: Progress) -> ShardResult:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    total = ShardResult()
    with ExitStack() as stack:
        ticks = QueueTicks(stack.enter_context(ctx.Manager()).Queue()) if progress.visible else None
        pool = stack.enter_context(ctx.Pool(workers, _die_with_parent, (os.getpid(),)))
        results = pool.imap_unordered(partial(build_shard, tick=ticks), tasks)
        while True:
            try:
                total += results.next(timeout=POLL_SECONDS)
            except multiprocessing.TimeoutError:
                pass
            except StopIteration:
                break
            if ticks is not None:
                progress.add(ticks.drain())
    return total


def _die_with_parent(parent: int) -> None:
    """Stop this worker when the build that started it is gone: a build killed outright
    (SIGKILL) has no time to stop its pool, and an orphan would go on writing into a folder the
    next build removes as abandoned."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
