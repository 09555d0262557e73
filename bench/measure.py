"""Run a command as a fresh process and measure it: wall time, exit status, and memory two ways.

* ``max_rss_mb``: the ``ru_maxrss`` that ``os.wait4`` returns for the child. Linux reports there the
  high-water mark of the child *or of any descendant it waited for*, whichever is larger (not a sum):
  notice-lint's ``--jobs`` workers are joined by the pool before exit, so this is the peak RSS of the
  largest single process of the invocation.
* ``tree_peak_mb``: the largest total, over the process and all its descendants at one moment, of
  proportional set size (PSS, shared pages split between the processes sharing them), sampled from
  /proc every tenth ``interval`` (0.5 s by default). That is what the invocation as a whole held at
  once; a sampler can miss a short spike, which ``max_rss_mb`` cannot.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    """One invocation: what ran, how long it took, how it ended and how much memory it used."""

    command: list[str]
    wall_s: float
    cpu_s: float
    """User plus system CPU time of the process and every descendant it waited for."""
    exit_code: int
    max_rss_mb: float
    tree_peak_mb: float
    tree_peak_processes: int
    largest_sampled_rss_mb: float
    sampler_cpu_s: float
    """CPU time the memory sampler itself used (it competes with the command for the cores)."""
    stdout: str
    stderr: str


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc/PID/task/TID/children."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                stack += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return found


def rss_kb(pid: int) -> int:
    """Resident set size of one process in KiB, from /proc/PID/status (cheap); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size of one process in KiB, from /proc/PID/smaps_rollup (walks its page tables,
    so a few milliseconds for a large process); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples a process tree until stopped, keeping the peaks: every process's RSS each ``interval``,
    and the tree's total PSS every ``pss_every``-th time (it costs more to read)."""

    def __init__(self, pid: int, interval: float, pss_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak_pss_kb, self.peak_processes, self.largest_rss_kb, self.cpu_s = 0, 0, 0, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        start, tick = time.thread_time(), 0
        while not self.done.is_set():
            pids = descendants(self.pid)
            self.largest_rss_kb = max([self.largest_rss_kb] + [rss_kb(pid) for pid in pids])
            if tick % self.pss_every == 0:
                sizes = [size for size in map(pss_kb, pids) if size]
                if sum(sizes) > self.peak_pss_kb:
                    self.peak_pss_kb, self.peak_processes = sum(sizes), len(sizes)
            tick += 1
            self.cpu_s = time.thread_time() - start
            self.done.wait(self.interval)


def run_measured(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                 interval: float = 0.05) -> Measured:
    """Run ``command`` to completion and measure it; stdout and stderr go to temporary files."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env)
        sampler = TreeSampler(process.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: stop Popen waiting again
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Measured(command, wall, usage.ru_utime + usage.ru_stime, process.returncode,
                        usage.ru_maxrss / 1024, sampler.peak_pss_kb / 1024, sampler.peak_processes,
                        sampler.largest_rss_kb / 1024, sampler.cpu_s,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
