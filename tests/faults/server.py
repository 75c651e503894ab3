"""Real processes for fault tests: a gunicorn server, a throwaway PostgreSQL cluster, and a
small HTTP client with cookies and CSRF, as a browser would use them."""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = (
    Path("/usr/lib/postgresql")
    / (
        sorted(os.listdir("/usr/lib/postgresql"))[-1]
        if Path("/usr/lib/postgresql").exists()
        else "x"
    )
    / "bin"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SubprocessFailed(AssertionError):
    """A helper's subprocess failed; the message carries its command, exit code and output,
    so that a red test says why instead of only `returned non-zero exit status 1`."""


def run(
    argv: list, *, env: dict[str, str] | None = None, cwd: Path | None = ROOT, timeout: float
) -> str:
    """Run `argv` and return its stdout; raise SubprocessFailed with its output if it fails."""
    argv = [str(arg) for arg in argv]
    try:
        result = subprocess.run(  # noqa: S603 - our own fixed argv, no shell
            argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise SubprocessFailed(
            f"{' '.join(argv)} did not finish in {timeout} s\n"
            + _tail("stdout", error.stdout)
            + _tail("stderr", error.stderr)
        ) from None
    if result.returncode != 0:
        raise SubprocessFailed(
            f"{' '.join(argv)} exited with {result.returncode}\n"
            + _tail("stdout", result.stdout)
            + _tail("stderr", result.stderr)
        )
    return result.stdout


def _tail(name: str, text: str | bytes | None, limit: int = 4000) -> str:
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return f"--- {name} (last {limit} characters) ---\n{(text or '')[-limit:]}\n"


def server_env(database_url: str, static_root: Path | None = None) -> dict[str, str]:
    """The environment of a server process. `static_root` is where `collectstatic` wrote the
    manifest (a folder of the test run's own: see the `static_root` fixture)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "STATIC_ROOT"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.settings",
        DEBUG="false",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    if static_root is not None:
        env["STATIC_ROOT"] = str(static_root)
    return env


def manage(database_url: str, *args: str, static_root: Path | None = None) -> str:
    """`manage.py *args` in a process of its own; its output is in the error if it fails."""
    return run(
        [sys.executable, "manage.py", *args],
        env=server_env(database_url, static_root),
        timeout=300,
    )


class Gunicorn:
    def __init__(self, database_url: str, static_root: Path, workers: int = 2) -> None:
        self.database_url = database_url
        self.static_root = static_root
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the server's life

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=server_env(self.database_url, self.static_root),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                # It could not start (the port taken meanwhile by another process, a settings
                # error): say why, rather than wait, or talk to whoever holds the port.
                raise SubprocessFailed(
                    f"gunicorn exited with {self.process.returncode}\n" + self.output()
                )
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)  # noqa: S310
                return
            except urllib.error.HTTPError:  # before URLError, its parent class
                return  # it answers, even if the database does not
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                # Not listening yet, or a worker still booting on a busy machine.
                time.sleep(0.2)
        raise SubprocessFailed("gunicorn did not answer /healthz in 60 s\n" + self.output())

    def output(self) -> str:
        self.log.seek(0)
        return _tail("gunicorn output", self.log.read())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None

    def close(self) -> None:
        self.stop()
        self.log.close()


class Browser:
    """Cookies and CSRF like a browser; returns (status, body) and never raises on 4xx/5xx."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | list | None = None) -> tuple[int, str, str]:
        body = None
        headers = {"Referer": self.base + "/"}
        if data is not None:
            pairs = list(data.items()) if isinstance(data, dict) else list(data)
            pairs.append(("csrfmiddlewaretoken", self.csrf()))
            body = urllib.parse.urlencode(pairs, doseq=True).encode()
        req = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=15) as response:
                return response.status, response.read().decode(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.geturl()

    def login(self, username: str, password: str) -> None:
        self.request("/accounts/login/")
        status, _, url = self.request(
            "/accounts/login/", {"username": username, "password": password}
        )
        assert status == 200 and not url.endswith("/accounts/login/"), "login failed"


def attempt_id_from(url: str) -> int:
    return int(re.search(r"/attempts/(\d+)/", url).group(1))


class ThrowawayPostgres:
    """A PostgreSQL cluster of the test's own, so that stopping it harms nobody."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None

    def _as_postgres(self, *args) -> None:
        command = [str(a) for a in args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        run(command, cwd=None, timeout=60)

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._as_postgres(
            PG_BIN / "initdb", "-D", self.folder / "data", "-A", "trust", "-U", "postgres"
        )

    def start(self) -> None:
        self._as_postgres(
            PG_BIN / "pg_ctl", "-D", self.folder / "data", "-w", "-l", self.folder / "log",
            "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.folder / "data", "-w", "-m", "fast", "stop")
