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


STATIC_ROOT = Path(os.environ.get("FAULT_STATIC_ROOT", "/tmp/sourcelab-fault-static"))  # noqa: S108


def server_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DEBUG="false",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(STATIC_ROOT),
    )
    return env


def manage(database_url: str, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env(database_url),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return result.stdout


class Gunicorn:
    def __init__(self, database_url: str, workers: int = 2) -> None:
        self.database_url = database_url
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

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
            env=server_env(self.database_url),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)  # noqa: S310
                return
            except urllib.error.HTTPError:  # before URLError, its parent class
                return  # it answers, even if the database does not
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                # Not listening yet, or a worker still booting on a busy machine.
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.process = None


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

    def _as_postgres(self, *args: str) -> None:
        command = [str(a) for a in args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603

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
