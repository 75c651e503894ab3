"""The processes of a load run: PostgreSQL and Redis checked (Redis started when none answers),
one-off steps (setup, collectstatic), and the long-running gunicorn, locust and py-spy.

Everything started here runs in its own process group on 127.0.0.1 and is stopped, in reverse
order, by `Processes.stop_all` (the run calls it in a `finally`)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this test sends traffic to
PY = sys.executable


def log(message: str) -> None:
    print(f"[load {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


class Processes:
    """Every process this run starts, each in its own process group, stopped in reverse order."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], *, env: dict, log_path: Path) -> subprocess.Popen:
        handle = log_path.open("ab")
        process = subprocess.Popen(  # noqa: S603  # our own argv, no shell
            argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()
        self.started.append((name, process))
        return process

    @staticmethod
    def stop(process: subprocess.Popen, *, grace: float = 20.0, sig=signal.SIGTERM) -> None:
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)  # the group: gunicorn's workers too
            process.wait(timeout=grace)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop_all(self) -> None:
        for name, process in reversed(self.started):
            if process.poll() is None:
                log(f"stopping {name} (pid {process.pid})")
            self.stop(process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # An http:// URL on 127.0.0.1 that this module built, never a file: or other scheme.
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def run_step(name: str, argv: list[str], *, env: dict, timeout: float, out: Path) -> None:
    """Run one step to its end, output in OUT/<name>.log; exit with the log's tail if it fails."""
    log(name)
    with (out / f"{name}.log").open("wb") as handle:
        done = subprocess.run(  # noqa: S603  # our own argv, no shell
            argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, timeout=timeout
        )
    if done.returncode != 0:
        print((out / f"{name}.log").read_text()[-4000:], file=sys.stderr)
        raise SystemExit(f"{name} failed (exit {done.returncode}); see {out / name}.log")


def server_env(args, static_root: Path) -> dict:
    """The environment of every step and server: production settings on the load database, with
    none of the caller's DJANGO_/DATABASE_/REDIS_/SECURE_/STATIC_/PROXY_ variables leaking in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SECURE_", "STATIC_", "PROXY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=args.database_url,
        CONN_MAX_AGE=str(args.conn_max_age),
        REDIS_URL=args.redis_url,
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        # Behind --proxy the client's address is the last entry of X-Forwarded-For.
        PROXY_COUNT="1" if getattr(args, "proxy", None) else "0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def ensure_redis(args, procs: Processes, out: Path) -> None:
    """Ping Redis, or start a redis-server of our own on its port; then empty its database
    number (only the load test's own, /7 by default)."""
    import redis

    client = redis.Redis.from_url(args.redis_url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        port = client.connection_pool.connection_kwargs.get("port", 6379)
        server = shutil.which("redis-server")
        if server is None or port_open(port):
            raise SystemExit(
                f"Redis at {args.redis_url} does not answer and cannot be started"
            ) from None
        log(f"starting redis-server on {HOST}:{port}")
        argv = [server, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no"]
        procs.start("redis-server", argv, env=dict(os.environ), log_path=out / "redis.log")
        for _ in range(50):
            time.sleep(0.1)
            try:
                client.ping()
                break
            except redis.ConnectionError:
                continue
        else:
            raise SystemExit("redis-server did not start") from None
    client.flushdb()


def ensure_postgres(database_url: str) -> None:
    import psycopg

    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(admin.replace("postgres://", "postgresql://", 1), connect_timeout=5).close()
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL does not answer ({error}); see docs/ or tech notes") from None


def gunicorn_argv(args, port: int) -> list[str]:
    argv = [PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{HOST}:{port}"]
    argv += ["--workers", str(args.workers), "--worker-class", args.worker_class]
    if args.worker_class == "gthread":
        # gthread keeps connections alive (2 s by default). The locust users talk to gunicorn
        # directly and reuse a connection after their think time; unlike a browser, they do not
        # retry a request whose idle connection the server has just closed.
        argv += ["--threads", str(args.threads), "--keep-alive", "30"]
    argv += ["--timeout", "120", "--graceful-timeout", "10", "--backlog", "2048"]
    return argv


def py_spy_argv(server_pid: int, *, seconds: int, out: Path) -> list[str]:
    """py-spy sampling gunicorn's master and workers into OUT/profile.txt (raw stacks)."""
    py_spy = shutil.which("py-spy") or str(Path(PY).parent / "py-spy")
    argv = [py_spy, "record", "--pid", str(server_pid), "--subprocesses"]
    argv += ["--rate", "50", "--format", "raw", "--output", str(out / "profile.txt")]
    argv += ["--duration", str(seconds), "--nonblocking"]
    return argv


def locust_argv(*, base: str, users: int, rate: float, seconds: int, out: Path) -> list[str]:
    argv = [PY, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py")]
    argv += ["--headless", "--host", base, "-u", str(users)]
    argv += ["-r", str(rate), "-t", f"{seconds}s", "--stop-timeout", "5"]
    argv += ["--csv", str(out / "locust"), "--only-summary", "--loglevel", "WARNING"]
    return argv
