"""CPU seconds used during a load run, per group of processes, read with psutil once a second.

The groups: each process group the run started (gunicorn with its workers, locust), PostgreSQL
split in two (the backends of the load database, and the rest: other databases and the shared
background processes), Redis, and "other" for everything else on the machine, such as another
session's test suite."""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict

import psutil

POSTGRES_OTHER = "postgres (other databases, shared processes)"

# A process is known by its pid and start time, so a pid reused during the run is a new process.
Key = tuple[int, float]


class CpuMeter:
    """Samples every process's user + system CPU time once a second between `start` and `stop`.

    A process that was running at `start` counts from its reading then; one started later counts
    whole; one that exits keeps its last reading. The machine's busy share comes from the
    machine-wide counters over the same span."""

    def __init__(self, groups: dict[str, int], database: str) -> None:
        self.groups = groups  # name -> process group id
        self.database = database
        self.first: dict[Key, float] = {}
        self.last: dict[Key, tuple[str, float]] = {}
        self.machine: list[tuple[float, tuple]] = []  # (monotonic time, psutil.cpu_times())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _group_of(self, process: psutil.Process, name: str) -> str:
        try:
            pgid = os.getpgid(process.pid)
        except OSError:
            pgid = None
        for group, group_pgid in self.groups.items():
            if pgid == group_pgid:
                return group
        if name == "postgres":
            # A backend's title names its database: "postgres: 15/main: user db 127.0.0.1(port)
            # idle". The title is set once the backend has read its startup packet.
            try:
                title = " ".join(process.cmdline())
            except psutil.Error:
                title = ""
            return "postgres" if f" {self.database} " in f" {title} " else POSTGRES_OTHER
        if name.startswith("redis-server"):
            return "redis"
        return "other"

    def _sample(self, initial: bool = False) -> None:
        for process in psutil.process_iter(["name", "create_time", "cpu_times"]):
            info = process.info
            if info["cpu_times"] is None or info["create_time"] is None:
                continue  # gone, or not ours to read
            key = (process.pid, info["create_time"])
            used = info["cpu_times"].user + info["cpu_times"].system
            self.first.setdefault(key, used if initial else 0.0)  # new since: all of it
            group = self.last[key][0] if key in self.last else None
            if group is None or group == POSTGRES_OTHER:
                # A backend caught before its startup packet carries the postmaster's title:
                # look again until it names a database.
                group = self._group_of(process, info["name"] or "")
            self.last[key] = (group, used)
        self.machine.append((time.monotonic(), psutil.cpu_times()))

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def start(self) -> None:
        self._sample(initial=True)
        self._thread.start()

    def stop(self) -> dict:
        """Stop sampling; CPU seconds per group, the wall time and the machine's busy share."""
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()
        used: dict[str, float] = defaultdict(float)
        for key, (group, seconds) in self.last.items():
            used[group] += max(0.0, seconds - self.first.get(key, 0.0))
        (wall0, times0), (wall1, times1) = self.machine[0], self.machine[-1]
        total = _total(times1) - _total(times0)
        busy = total - (_idle(times1) - _idle(times0))
        result = {group: round(seconds, 1) for group, seconds in sorted(used.items())}
        result["wall_seconds"] = round(wall1 - wall0, 1)
        result["machine_busy_percent"] = round(100 * busy / total, 1) if total > 0 else 0.0
        return result


def _total(times) -> float:
    """All CPU time of the machine; on Linux, guest time is already counted in user and nice."""
    return sum(times) - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)


def _idle(times) -> float:
    return times.idle + getattr(times, "iowait", 0.0)


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children now (exited ones no longer)."""
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:  # it exited meanwhile
            continue
        total += times.user + times.system
    return total


def wait_settled(pid: int, *, timeout: float, window: float = 0.5, busy: float = 0.02) -> bool:
    """Wait until a server and its workers use less than `busy` CPU seconds over `window`:
    each worker has started (imported the app and warmed up), so what is measured next is a
    started server, not a starting one. False if it was still busy after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    before = tree_cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = tree_cpu_seconds(pid)
        if now - before < busy:
            return True
        before = now
    return False
