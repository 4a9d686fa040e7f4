"""The ``newsanno`` command: parses arguments, calls the library, prints, sets the exit code.

Each subcommand is a module in :mod:`newsanno.commands` with ``HELP``, ``add_arguments`` and
``run``; adding a command means adding a module. Heavy libraries are imported inside ``run``
so that ``newsanno --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import select
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from . import __version__, commands
from .errors import NewsannoError, Problem, problem, summarised


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsanno", description="Annotated news corpus tools.")
    parser.add_argument("--version", action="version", version=f"newsanno {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        name = info.name.rstrip("_").replace("_", "-")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with _terminate_as_interrupt():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except NewsannoError as e:
        for line in summarised(e.problems):
            print(line, file=sys.stderr)
        return 1
    except BrokenPipeError as e:
        if not _reader_gone():
            print(os_problem(e).render(), file=sys.stderr)
            return 1
        # `newsanno ... | head` once head has exited: end quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush
        return 128 + signal.SIGPIPE
    except OSError as e:  # a last line of defence: outputs and inputs are checked up front
        print(os_problem(e).render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (what `timeout`, CI cancellation and `docker stop` send) stops a command the way
    Ctrl-C does: outputs in progress are removed and worker processes stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has closed it (another pipe that broke
    is a failure to report)."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
    except (AttributeError, OSError, ValueError):  # no poll(), or no descriptor behind stdout
        return False
    return any(events & select.POLLERR for _, events in poller.poll(0))


def os_problem(error: OSError) -> Problem:
    """One coded line for a file the operating system refused: its name and the reason."""
    reason = error.strerror or str(error)
    if error.filename2 is not None:
        reason = f"{reason} (with {error.filename2})"
    file = "" if error.filename is None else str(error.filename)
    return problem("os-error", file=file, reason=reason)
