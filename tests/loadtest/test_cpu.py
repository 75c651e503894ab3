"""Before the bell rings, the load run waits until the server it started has finished starting:
every worker has imported the app and warmed up (`loadtest.cpu.wait_settled`)."""

import subprocess
import sys
import time

import pytest

psutil = pytest.importorskip(
    "psutil", reason="the load harness is not installed: pip install -r requirements/load.txt"
)

from loadtest.cpu import tree_cpu_seconds, wait_settled  # noqa: E402 - needs psutil

# A worker: works for argv[1] seconds of CPU (importing the app, warming up), then waits.
WORKER = """
import sys, time
end = time.process_time() + float(sys.argv[1])
while time.process_time() < end:
    pass
time.sleep(60)
"""
# A master: starts its worker, as gunicorn does, then waits.
MASTER = """
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]])
time.sleep(60)
"""


def _server(work_seconds: float) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own fixed script, no shell
        [sys.executable, "-c", MASTER, WORKER, str(work_seconds)]
    )


@pytest.fixture
def started():
    processes: list[subprocess.Popen] = []

    def start(work_seconds: float) -> subprocess.Popen:
        processes.append(_server(work_seconds))
        master = psutil.Process(processes[-1].pid)
        deadline = time.monotonic() + 30
        while not master.children() and time.monotonic() < deadline:
            time.sleep(0.05)  # its worker is started
        return processes[-1]

    yield start
    for process in processes:
        for child in psutil.Process(process.pid).children(recursive=True):
            child.kill()
        process.kill()
        process.wait()


def test_the_run_goes_on_once_the_workers_have_done_their_start(started):
    server = started(1.0)

    assert wait_settled(server.pid, timeout=30)
    # The child's second of CPU is behind it, counted in the tree's time.
    assert tree_cpu_seconds(server.pid) >= 0.9


def test_a_server_that_keeps_working_is_waited_for_until_the_timeout(started):
    server = started(30.0)

    waited = time.monotonic()
    assert not wait_settled(server.pid, timeout=1.5)
    assert time.monotonic() - waited >= 1.5
