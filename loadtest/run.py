"""Run the load test end to end, then check the database: `make load STUDENTS=100`.

    .venv/bin/python -m loadtest.run --students 300 [--workers 4] [--worker-class gthread]

1. Checks PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379; starts its own redis-server
   when none answers, and stops it at the end).
2. loadtest/setup.py: a fresh database `sourcelab_load` with N students and an assignment.
3. collectstatic into a temporary STATIC_ROOT.
4. gunicorn on 127.0.0.1 with production settings (DEBUG off, a random SECRET_KEY, whitenoise
   manifest storage, Redis cache and cached_db sessions, CONN_MAX_AGE=60), plain http:
   SECURE_SSL_REDIRECT=false since there is no TLS proxy in front. Session and CSRF cookies stay
   `Secure` as in production; locust's FastHttpUser sends them over http all the same.
5. locust headless, one user per student, each taking the quiz once; the run quits when every
   user is done, or at the time limit.
6. Stops everything it started (also on failure or Ctrl-C), then verifies: every acknowledged
   answer is stored with the last acknowledged value of its (attempt, question); every
   acknowledged submit is graded exactly once; no attempt is graded twice. Prints latency
   percentiles per request type, requests per second and errors, and writes summary.json.

Exit status: 0 when there were no failed requests, every user finished, and the verification
passed; non-zero otherwise (with a message when a step could not run). Traffic goes to
127.0.0.1 only."""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess  # nosec B404  # starts our own gunicorn, locust and redis on 127.0.0.1
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this test sends traffic to
PY = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sourcelab_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
LOGIN_NAMES = ("login page", "login")
ORDER = (
    "login page",
    "login",
    "home",
    "start",
    "quiz page",
    "save",
    "submit",
    "submit (double-click)",
    "result",
)


def log(message: str) -> None:
    print(f"[load {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


# --- processes -----------------------------------------------------------------------------


class Processes:
    """Every process this run starts, each in its own process group, stopped in reverse order."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], *, env: dict, log_path: Path) -> subprocess.Popen:
        handle = log_path.open("ab")
        process = subprocess.Popen(  # noqa: S603  # nosec B603  # our own argv, no shell
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


class CpuMeter:
    """CPU seconds used while the load ran, by gunicorn, locust, PostgreSQL, Redis and the rest,
    read from /proc once a second (a process that exits keeps its last reading)."""

    def __init__(self, groups: dict[str, int], database: str) -> None:
        self.groups = groups  # name -> process group id
        self.database = database.encode()
        self.tick = os.sysconf("SC_CLK_TCK")
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.machine: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _group_of(self, pid: int, pgrp: int, comm: str) -> str:
        for name, pgid in self.groups.items():
            if pgrp == pgid:
                return name
        if comm == "postgres":
            # A backend's title names its database: "postgres: user db 127.0.0.1(port) idle".
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                title = b""
            if b" " + self.database + b" " in title:
                return "postgres"
            return "postgres (other databases, shared processes)"
        if comm.startswith("redis-server"):
            return "redis"
        return "other"

    def _sample(self, initial: bool = False) -> None:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                raw = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            comm = raw[raw.index("(") + 1 : raw.rindex(")")]
            fields = raw[raw.rindex(")") + 2 :].split()
            pid, pgrp = int(entry.name), int(fields[2])
            used = (int(fields[11]) + int(fields[12])) / self.tick
            self.first.setdefault(pid, used if initial else 0.0)  # new since: all of it
            group = self.last[pid][0] if pid in self.last else self._group_of(pid, pgrp, comm)
            self.last[pid] = (group, used)
        cpu = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        jiffies = [int(v) for v in cpu]
        idle = jiffies[3] + jiffies[4]
        self.machine.append((sum(jiffies) / self.tick, (sum(jiffies) - idle) / self.tick))

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def start(self) -> None:
        self._sample(initial=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()
        used: dict[str, float] = defaultdict(float)
        for pid, (group, seconds) in self.last.items():
            used[group] += max(0.0, seconds - self.first.get(pid, 0.0))
        (total0, busy0), (total1, busy1) = self.machine[0], self.machine[-1]
        cores = os.cpu_count() or 1
        wall = (total1 - total0) / cores
        result = {group: round(seconds, 1) for group, seconds in sorted(used.items())}
        result["wall_seconds"] = round(wall, 1)
        result["machine_busy_percent"] = round(100 * (busy1 - busy0) / (total1 - total0), 1)
        return result


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
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  # nosec B310
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def run_step(name: str, argv: list[str], *, env: dict, timeout: float, out: Path) -> None:
    log(name)
    with (out / f"{name}.log").open("wb") as handle:
        done = subprocess.run(  # noqa: S603  # nosec B603  # our own argv, no shell
            argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, timeout=timeout
        )
    if done.returncode != 0:
        print((out / f"{name}.log").read_text()[-4000:], file=sys.stderr)
        raise SystemExit(f"{name} failed (exit {done.returncode}); see {out / name}.log")


# --- the run -------------------------------------------------------------------------------


def server_env(args, static_root: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SECURE_", "STATIC_"))
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
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def ensure_redis(args, procs: Processes, out: Path) -> None:
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
    client.flushdb()  # only the load test's own database number (/7 by default)


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


# Seconds a student waits before each save. "school" is already several times faster than a
# pupil who reads each question and its sources; "stress" finds what the server can take.
PACES = {"school": (4.0, 12.0), "stress": (0.5, 2.0)}
SAVES_PER_STUDENT = 26  # 20 items, a quarter changed, and the think time before submitting


def default_spawn_rate(students: int) -> float:
    return min(10.0, max(1.0, students / 30))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100, help="locust users (1..2000)")
    parser.add_argument("--spawn-rate", type=float, help="users started per second")
    parser.add_argument(
        "--time-limit", type=int, help="seconds; default: ramp-up + 1.5 x a student's quiz"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=4, help="per worker, with gthread")
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument(
        "--pace",
        choices=sorted(PACES),
        default="school",
        help="seconds between saves: school 4-12 (a class working), stress 0.5-2 (capacity)",
    )
    parser.add_argument("--think-min", type=float, help="overrides --pace")
    parser.add_argument("--think-max", type=float, help="overrides --pace")
    parser.add_argument("--change-share", type=float, default=0.25)
    parser.add_argument("--double-submit-share", type=float, default=0.1)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--profile", action="store_true", help="py-spy the gunicorn workers")
    parser.add_argument("--out", type=Path, help="default: test-artifacts/load/<time>-<N>")
    parser.add_argument(
        "--recheck",
        type=Path,
        metavar="OUT",
        help="check an earlier run's records (its --out folder) against the database as it "
        "is now, and exit: 0 if nothing is lost or graded twice",
    )
    args = parser.parse_args(argv)
    if args.recheck:
        return recheck(args)
    if not 1 <= args.students <= 2000:
        parser.error("--students must be between 1 and 2000")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be between 1 and 16")
    pace_min, pace_max = PACES[args.pace]
    args.think_min = pace_min if args.think_min is None else args.think_min
    args.think_max = pace_max if args.think_max is None else args.think_max
    rate = args.spawn_rate or default_spawn_rate(args.students)
    if not 0.1 <= rate <= 50:
        parser.error("--spawn-rate must be between 0.1 and 50")
    quiz = SAVES_PER_STUDENT * (args.think_min + args.think_max) / 2
    time_limit = args.time_limit or int(args.students / rate + max(240, 1.5 * quiz))
    if not 10 <= time_limit <= 1800:
        parser.error("--time-limit must be between 10 and 1800 seconds")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = (args.out or ROOT / "test-artifacts" / "load" / f"{stamp}-{args.students}").resolve()
    out.mkdir(parents=True, exist_ok=True)
    record_dir = out / "records"
    record_dir.mkdir(exist_ok=True)

    procs = Processes()
    static_root = Path(tempfile.mkdtemp(prefix="sourcelab-load-static-"))
    env = server_env(args, static_root)
    settings_note = {
        "settings": "config.settings.production, DEBUG=false, SECURE_SSL_REDIRECT=false",
        "workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads if args.worker_class == "gthread" else 1,
        "conn_max_age": args.conn_max_age,
        "students": args.students,
        "spawn_rate": rate,
        "time_limit": time_limit,
        "pace": args.pace,
        "think": [args.think_min, args.think_max],
        "change_share": args.change_share,
        "double_submit_share": args.double_submit_share,
        "cpus": os.cpu_count(),
    }
    log(f"output in {out}")
    locust_rc = None
    wall: dict[str, float] = {}
    cpu: dict = {}
    try:
        ensure_postgres(args.database_url)
        ensure_redis(args, procs, out)
        setup_json = out / "setup.json"
        setup_argv = [PY, "-m", "loadtest.setup", "--students", str(args.students)]
        setup_argv += ["--out", str(setup_json), "--database-url", args.database_url]
        run_step(
            "setup",
            setup_argv,
            env=env,
            timeout=300,
            out=out,
        )
        run_step(
            "collectstatic",
            [PY, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            env=env,
            timeout=300,
            out=out,
        )

        port = free_port()
        log(f"gunicorn on {HOST}:{port}: {args.workers} {args.worker_class} workers")
        server = procs.start(
            "gunicorn", gunicorn_argv(args, port), env=env, log_path=out / "gunicorn.log"
        )
        base = f"http://{HOST}:{port}"
        if not wait_http(f"{base}/healthz", 60):
            raise SystemExit("gunicorn did not answer /healthz in 60 s; see gunicorn.log")
        for _ in range(args.workers * 3):  # each worker imports and compiles templates once
            wait_http(f"{base}/accounts/login/", 10)

        profiler = None
        if args.profile:
            py_spy = shutil.which("py-spy") or str(Path(PY).parent / "py-spy")
            spy_argv = [py_spy, "record", "--pid", str(server.pid), "--subprocesses"]
            spy_argv += ["--rate", "50", "--format", "raw", "--output", str(out / "profile.txt")]
            spy_argv += ["--duration", str(time_limit + 30), "--nonblocking"]
            profiler = procs.start(
                "py-spy",
                spy_argv,
                env=dict(os.environ),
                log_path=out / "py-spy.log",
            )

        locust_env = dict(env)
        locust_env.update(
            LOADTEST_SETUP=str(setup_json),
            LOADTEST_RECORD_DIR=str(record_dir),
            LOADTEST_THINK_MIN=str(args.think_min),
            LOADTEST_THINK_MAX=str(args.think_max),
            LOADTEST_CHANGE_SHARE=str(args.change_share),
            LOADTEST_DOUBLE_SUBMIT_SHARE=str(args.double_submit_share),
        )
        locust_argv = [PY, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py")]
        locust_argv += ["--headless", "--host", base, "-u", str(args.students)]
        locust_argv += ["-r", str(rate), "-t", f"{time_limit}s", "--stop-timeout", "5"]
        locust_argv += ["--csv", str(out / "locust"), "--only-summary", "--loglevel", "WARNING"]
        log(
            f"locust: {args.students} users, {rate:g}/s, {args.think_min:g}-{args.think_max:g} s "
            f"between saves ({args.pace} pace unless overridden), at most {time_limit} s"
        )
        locust = procs.start("locust", locust_argv, env=locust_env, log_path=out / "locust.log")
        database = args.database_url.rsplit("/", 1)[-1]
        meter = CpuMeter({"gunicorn": server.pid, "locust": locust.pid}, database)
        meter.start()
        wall["start"] = time.time()
        try:
            locust_rc = locust.wait(timeout=time_limit + 90)
        except subprocess.TimeoutExpired:
            log("locust overran its time limit: stopping it")
            procs.stop(locust)
        wall["end"] = time.time()
        cpu = meter.stop()
        log(f"locust exited with {locust_rc} after {wall['end'] - wall['start']:.0f} s")
        if profiler is not None:
            procs.stop(profiler, grace=60, sig=signal.SIGINT)  # py-spy writes its file on SIGINT
    finally:
        procs.stop_all()
        shutil.rmtree(static_root, ignore_errors=True)

    records = read_records(record_dir)
    timing = read_timings(record_dir)
    stats = latency_table(timing)
    verification = verify(env, out / "setup.json", records)
    users = [r for r in records if r["kind"] == "user"]
    done = sum(1 for r in users if r["outcome"] == "done")
    failed_requests = sum(1 for t in timing if not t[4])
    summary = {
        "when": stamp,
        "settings": settings_note,
        "locust_exit": locust_rc,
        "users_done": done,
        "users_failed": len(users) - done,
        "users_missing": args.students - len(users),
        "failed_requests": failed_requests,
        "latency": stats,
        "cpu_seconds": cpu,
        "verification": verification,
    }
    if args.profile and (out / "profile.txt").exists():
        summary["profile"] = profile_summary(out / "profile.txt")
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    report(summary)
    ok = (
        failed_requests == 0
        and done == args.students
        and verification["ok"]
        and locust_rc is not None
    )
    log(("PASS" if ok else "FAIL") + f"; details in {out}")
    return 0 if ok else 1


# --- results -------------------------------------------------------------------------------


def read_records(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("acks-*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def read_timings(folder: Path) -> list[tuple[str, float, float, int, bool]]:
    rows = []
    for path in sorted(folder.glob("requests-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for name, start, ms, status, ok in csv.reader(handle):
                rows.append((name, float(start), float(ms), int(status), ok == "1"))
    return rows


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return float("nan")
    return values[max(0, math.ceil(share * len(values)) - 1)]


def _group(rows) -> dict:
    times = sorted(r[2] for r in rows)
    if not times:
        return {"count": 0}
    span = max(r[1] + r[2] / 1000 for r in rows) - min(r[1] for r in rows)
    return {
        "count": len(times),
        "errors": sum(1 for r in rows if not r[4]),
        "p50": round(percentile(times, 0.50)),
        "p95": round(percentile(times, 0.95)),
        "p99": round(percentile(times, 0.99)),
        "max": round(times[-1]),
        "rps": round(len(times) / span, 1) if span > 0 else None,
    }


def latency_table(rows) -> dict:
    """Exact percentiles (ms) from every request's own timing, per request type and grouped.

    "after logins" covers the requests that started once the last login had been answered:
    the quiz under load without the password hashing of students still arriving."""
    by_name = defaultdict(list)
    for row in rows:
        by_name[row[0]].append(row)
    table = {name: _group(by_name[name]) for name in sorted(by_name, key=_order)}
    table["all requests"] = _group(rows)
    quiz = [r for r in rows if r[0] not in LOGIN_NAMES]
    table["all but login"] = _group(quiz)
    table["saves + submits"] = _group([r for r in rows if r[0] == "save" or "submit" in r[0]])
    logins = [r for r in rows if r[0] == "login"]
    if logins:
        last_login = max(r[1] + r[2] / 1000 for r in logins)
        later = [r for r in quiz if r[1] >= last_login]
        table["saves after logins"] = _group([r for r in later if r[0] == "save"])
    return table


def _order(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)


def verify(env: dict, setup_json: Path, records: list[dict]) -> dict:
    """Compare what the clients were told with what the database holds."""
    os.environ.update(env)
    os.environ["REDIS_URL"] = ""  # the check needs no cache (and Redis may be stopped by now)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count, Q
    from django.http import QueryDict

    from quizzes.models import Attempt, Question, Response, Score
    from quizzes.types import registry

    setup = json.loads(setup_json.read_text())
    problems: list[str] = []
    saves = [r for r in records if r["kind"] == "save"]
    submits = [r for r in records if r["kind"] == "submit"]

    questions = {q.pk: q for q in Question.objects.filter(pk__in={r["question"] for r in saves})}

    def stored_form(record) -> dict:
        """What the app should have stored for this request: the form parsed by its type."""
        question = questions[record["question"]]
        qt = registry.get(question.type)
        spec = qt.parse_spec(question.spec)
        form = QueryDict(mutable=True)
        for name, value in record["data"].items():
            form.setlist(name, value if isinstance(value, list) else [value])
        raw = qt.parse_form(spec, form, question.uid)
        return qt.dump_response(qt.parse_response(raw, spec))

    by_key = defaultdict(list)
    for record in saves:
        by_key[(record["attempt"], record["question"])].append(record)
    responses = {
        (r.attempt_id, r.question_id): r
        for r in Response.objects.filter(attempt_id__in={k[0] for k in by_key})
    }
    lost = later_unacked = checked = 0
    for key, sent in by_key.items():
        sent.sort(key=lambda r: r["seq"])  # one user per attempt, one request at a time
        acked = [r for r in sent if r["acked"]]
        if not acked:
            continue
        checked += 1
        last = acked[-1]
        stored = responses.get(key)
        if stored is None:
            lost += 1
            problems.append(f"attempt {key[0]} question {key[1]}: acknowledged, not stored")
            continue
        if stored.data == stored_form(last) and stored.revision == last["revision"]:
            continue
        # A save sent after the last acknowledged one may have landed without its answer
        # arriving (a timeout): that is not a loss, but it is reported.
        unacked = [r for r in sent if r["seq"] > last["seq"] and not r["acked"]]
        if any(stored.data == stored_form(r) for r in unacked):
            later_unacked += 1
            continue
        lost += 1
        problems.append(
            f"attempt {key[0]} question {key[1]}: stored r{stored.revision} {stored.data} "
            f"but the last acknowledged save was r{last['revision']} {stored_form(last)}"
        )

    attempts = Attempt.objects.filter(assignment_id=setup["assignment_id"]).annotate(
        submit_scores=Count("scores", filter=Q(scores__origin=Score.Origin.SUBMIT)),
        submit_questions=Count(
            "scores__question", filter=Q(scores__origin=Score.Origin.SUBMIT), distinct=True
        ),
    )
    by_id = {a.pk: a for a in attempts}
    acked_submits = {r["attempt"] for r in submits if r["acked"]}
    not_graded = double = 0
    for attempt_id in sorted(acked_submits):
        attempt = by_id.get(attempt_id)
        items = len(attempt.item_order) if attempt else 0
        if (
            attempt is None
            or attempt.status != Attempt.Status.SUBMITTED
            or attempt.submit_scores != items
            or attempt.submit_questions != items
        ):
            not_graded += 1
            problems.append(f"attempt {attempt_id}: submit acknowledged, not graded exactly once")
    for attempt in attempts:
        items = len(attempt.item_order)
        if attempt.submit_scores > items or (
            attempt.submit_scores and attempt.status != Attempt.Status.SUBMITTED
        ):
            double += 1
            problems.append(
                f"attempt {attempt.pk}: {attempt.submit_scores} submit scores for {items} items"
            )
    per_student = (
        Attempt.objects.filter(assignment_id=setup["assignment_id"])
        .order_by()
        .values("student_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    if per_student:
        problems.append(f"{per_student} students have more than the one attempt allowed")
    return {
        "ok": not problems,
        "answers_checked": checked,
        "saves_acknowledged": sum(1 for r in saves if r["acked"]),
        "saves_not_acknowledged": sum(1 for r in saves if not r["acked"]),
        "lost_answers": lost,
        "stored_later_unacknowledged": later_unacked,
        "submits_acknowledged": len(acked_submits),
        "submit_requests": len(submits),
        "submits_not_graded_once": not_graded,
        "attempts_graded_twice": double,
        "attempts": len(by_id),
        "submitted_attempts": sum(1 for a in attempts if a.status == Attempt.Status.SUBMITTED),
        "students_over_attempt_limit": per_student,
        "problems": problems[:50],
    }


PROFILE_MARKERS = {
    "password hashing (at login)": ("pbkdf2", "(argon2/"),
    "view: login": ("LoginView.",),
    "view: home": ("home (config/views.py",),
    "view: start": ("attempt_start (quizzes/views.py",),
    "view: attempt_take (quiz page GET; submit POST)": ("attempt_take (quizzes/views.py",),
    "view: save (response_save)": ("response_save (quizzes/views.py",),
    "view: submit (_attempt_post)": ("_attempt_post (quizzes/views.py",),
    "view: result": ("attempt_result (quizzes/views.py",),
    "template rendering": ("Template.render (django/template/base.py",),
    "database: psycopg execute": ("execute (psycopg/cursor.py",),
    "sessions and cache (redis client)": ("(redis/",),
    "pydantic validation": ("(pydantic",),
}


def profile_summary(path: Path) -> dict:
    """Share of the CPU samples of every gunicorn process whose stack holds each marker (idle
    time is not sampled); a stack can hold several markers, so the shares overlap."""
    total = 0
    hits = dict.fromkeys(PROFILE_MARKERS, 0)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, samples = line.rpartition(" ")
        if not samples.isdigit():
            continue
        n = int(samples)
        total += n
        for label, needles in PROFILE_MARKERS.items():
            if any(needle in stack for needle in needles):
                hits[label] += n
    return {label: round(100 * n / total, 1) if total else 0 for label, n in hits.items()}


def verification_lines(v: dict) -> list[str]:
    lines = [
        f"verification: {'OK' if v['ok'] else 'FAILED'}: {v['answers_checked']} answers checked "
        f"({v['saves_acknowledged']} acknowledged saves), {v['lost_answers']} lost, "
        f"{v['stored_later_unacknowledged']} stored from a later unacknowledged save; "
        f"{v['submits_acknowledged']} acknowledged submits, {v['submits_not_graded_once']} not "
        f"graded exactly once, {v['attempts_graded_twice']} graded twice; "
        f"{v['submitted_attempts']}/{v['attempts']} attempts submitted"
    ]
    return lines + [f"  problem: {p}" for p in v["problems"][:20]]


def recheck(args) -> int:
    """The check alone, on the records of an earlier run: the database may have changed since
    (a restore, a migration, a hand edit), and this says whether it still holds every answer."""
    out = args.recheck.resolve()
    if not (out / "setup.json").is_file():
        raise SystemExit(f"{out} holds no setup.json: give the --out folder of an earlier run")
    env = server_env(args, Path(tempfile.gettempdir()))
    verification = verify(env, out / "setup.json", read_records(out / "records"))
    print("\n".join(verification_lines(verification)), flush=True)
    return 0 if verification["ok"] else 1


def report(summary: dict) -> None:
    lines = ["", "request type            count  errors   p50   p95   p99    max  req/s"]
    for name, row in summary["latency"].items():
        if not row.get("count"):
            continue
        lines.append(
            f"{name:22} {row['count']:6} {row['errors']:7} {row['p50']:5} {row['p95']:5} "
            f"{row['p99']:5} {row['max']:6} {row['rps'] or 0:6}"
        )
    lines.append("(milliseconds; req/s = count over the span from the first to the last request)")
    lines += [
        "",
        f"users: {summary['users_done']} done, {summary['users_failed']} failed, "
        f"{summary['users_missing']} never finished; failed requests: {summary['failed_requests']}",
        *verification_lines(summary["verification"]),
    ]
    cpu = summary.get("cpu_seconds") or {}
    if cpu:
        parts = ", ".join(
            f"{k} {v}" for k, v in cpu.items() if k not in ("wall_seconds", "machine_busy_percent")
        )
        lines.append(
            f"CPU seconds over {cpu['wall_seconds']} s of load ({os.cpu_count()} cores, machine "
            f"{cpu['machine_busy_percent']}% busy): {parts}"
        )
    if "profile" in summary:
        lines += ["", "profile (share of CPU samples of the gunicorn processes; shares overlap):"]
        lines += [f"  {share:5.1f}%  {label}" for label, share in summary["profile"].items()]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
