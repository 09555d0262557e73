"""A time limit on checking one file, so that no input and no rule pattern can hang a run.

Python's regular expressions cannot be interrupted from inside, but they do let a signal handler run: a
timer signal (``SIGALRM``) raises :class:`TimeLimitExceeded` in the middle of a backtracking match. Where
there is no such signal (Windows) or the code runs outside the main thread, the limit is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_TIMEOUT = 60.0
"""Seconds one file may take; a notice of a few pages takes well under one."""


class TimeLimitExceeded(Exception):
    """Checking a file took longer than its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed (None or 0: no limit)."""
    if not seconds or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
