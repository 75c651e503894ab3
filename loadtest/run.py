"""Run the load test end to end, then check the database: `make load STUDENTS=100`.

    .venv/bin/python -m loadtest.run --students 300 [--workers 4] [--worker-class gthread]

1. Checks PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379; starts its own redis-server
   when none answers, and stops it at the end).
2. loadtest/setup.py: a fresh database `sourcelab_load` with N students and an assignment.
3. collectstatic into a temporary STATIC_ROOT.
4. gunicorn on 127.0.0.1 with production settings (DEBUG off, a random SECRET_KEY, whitenoise
   manifest storage, Redis cache and cached_db sessions, CONN_MAX_AGE=60), plain http:
   SECURE_SSL_REDIRECT=false since there is no TLS proxy in front. Session and CSRF cookies stay
   `Secure` as in production; locust's FastHttpUser sends them over http all the same. With
   `--servers 2 --proxy haproxy|nginx`: two independent gunicorn masters (as on two machines)
   behind a reverse proxy from Debian, with PROXY_COUNT=1 (proxy.py).
5. with `--bell N`, N students log in at the same instant, a few rounds (bell.py); then
   locust headless, one user per student, each taking the quiz once; the run quits when every
   user is done, or at the time limit.
6. Stops everything it started (also on failure or Ctrl-C), then verifies: every acknowledged
   answer is stored with the last acknowledged value of its (attempt, question); every
   acknowledged submit is graded exactly once; no attempt is graded twice. Prints latency
   percentiles per request type, requests per second and errors, and writes summary.json.

Exit status: 0 when there were no failed requests, every user finished, and the verification
passed; non-zero otherwise (with a message when a step could not run). Traffic goes to
127.0.0.1 only.

This module holds the options and the order of the steps; the steps live beside it:
procs.py (the processes started and stopped), proxy.py (the reverse proxy and the requests
each server answered), bell.py (logins at the bell), cpu.py (CPU seconds per process group, with
psutil), verify.py (the database check, and `--recheck`) and report.py (percentiles, profile
shares and the printed report)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from loadtest.bell import ring
from loadtest.cpu import CpuMeter, wait_settled
from loadtest.machine import argon2_build, machine_speed
from loadtest.procs import (
    HOST,
    PY,
    ROOT,
    Processes,
    ensure_postgres,
    ensure_redis,
    free_port,
    gunicorn_argv,
    locust_argv,
    log,
    py_spy_argv,
    run_step,
    server_env,
    wait_http,
)
from loadtest.proxy import (
    answered,
    attempts_on_every_server,
    balance_problems,
    proxy_argv,
    served_by,
)
from loadtest.proxy import log_path as proxy_log_path
from loadtest.report import (
    latency_over_target,
    latency_table,
    profile_summary,
    read_timings,
    report,
)
from loadtest.verify import read_records, recheck, verify

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sourcelab_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"


# Seconds a student waits before each save. "school" is already several times faster than a
# pupil who reads each question and its sources; "stress" finds what the server can take.
PACES = {"school": (4.0, 12.0), "stress": (0.5, 2.0)}
SAVES_PER_STUDENT = 26  # 20 items, a quarter changed, and the think time before submitting


def default_spawn_rate(students: int) -> float:
    return min(10.0, max(1.0, students / 30))


def bell_summary(rows: list, by_round: list) -> dict | None:
    if not rows:
        return None
    table = {k: v for k, v in latency_table(rows).items() if k.startswith("bell")}
    return {**table, "login ms by round": by_round}


def start_app(args, procs: Processes, env: dict, out: Path):
    """Start `--servers` gunicorn masters, each on its own port with its own workers (as two
    machines would run them), and the proxy in front when `--proxy` asks for one; wait until
    each answers. Returns the servers by CPU group name, their ports, and the URL to load."""
    servers: dict[str, subprocess.Popen] = {}
    ports = [free_port() for _ in range(args.servers)]
    for number, port in enumerate(ports, 1):
        name = "gunicorn" if args.servers == 1 else f"gunicorn app{number}"
        log(f"{name} on {HOST}:{port}: {args.workers} {args.worker_class} workers")
        suffix = "" if args.servers == 1 else f"-app{number}"
        servers[name] = procs.start(
            name, gunicorn_argv(args, port), env=env, log_path=out / f"gunicorn{suffix}.log"
        )
    for port in ports:
        if not wait_http(f"http://{HOST}:{port}/healthz", 60):
            raise SystemExit(f"gunicorn on {port} did not answer /healthz in 60 s; see its log")
    base = f"http://{HOST}:{ports[0]}"
    if args.proxy:
        port = free_port()
        argv = proxy_argv(args.proxy, port=port, app_ports=ports, workers=args.workers, out=out)
        log(f"{args.proxy} on {HOST}:{port} in front of {len(ports)} app server(s), leastconn")
        servers[args.proxy] = procs.start(
            args.proxy, argv, env=dict(os.environ), log_path=proxy_log_path(args.proxy, out)
        )
        base = f"http://{HOST}:{port}"
        if not wait_http(f"{base}/healthz", 30):
            raise SystemExit(f"{args.proxy} did not answer /healthz in 30 s; see its log")
    # Each worker imports and compiles templates once; through the proxy, on every server.
    for _ in range(args.workers * args.servers * 3):
        wait_http(f"{base}/accounts/login/", 10)
    # /healthz answers as soon as one worker is up; the bell rings once every one has started.
    for name in (n for n in servers if n.startswith("gunicorn")):
        if not wait_settled(servers[name].pid, timeout=60):
            log(f"{name}: its workers were still busy after 60 s; going on")
    return servers, ports, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100, help="locust users (1..2000)")
    parser.add_argument("--spawn-rate", type=float, help="users started per second")
    parser.add_argument(
        "--time-limit", type=int, help="seconds; default: ramp-up + 1.5 x a student's quiz"
    )
    parser.add_argument("--workers", type=int, default=4, help="per app server")
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="independent gunicorn masters (as on separate machines), each with --workers; "
        "more than one needs --proxy",
    )
    parser.add_argument(
        "--proxy",
        choices=("haproxy", "nginx"),
        help="a reverse proxy from Debian in front (leastconn, no sticky sessions; installed "
        "by scripts/ensure-proxy.sh when missing); the app then runs with PROXY_COUNT=1",
    )
    parser.add_argument(
        "--bell", type=int, default=0, help="N students log in at the same instant first"
    )
    parser.add_argument("--bell-rounds", type=int, default=3, help="bells, a few seconds apart")
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
    parser.add_argument(
        "--profile", action="store_true", help="py-spy the gunicorn workers (of the first server)"
    )
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
    if not 1 <= args.servers <= 4:
        parser.error("--servers must be between 1 and 4")
    if args.servers > 1 and not args.proxy:
        parser.error("--servers above 1 needs a reverse proxy in front: --proxy haproxy|nginx")
    if not 0 <= args.bell <= 50 or not 1 <= args.bell_rounds <= 10:
        parser.error("--bell must be between 0 and 50, --bell-rounds between 1 and 10")
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
    if out.is_dir() and any(out.iterdir()):
        # Records and logs are appended to: a second run there would be checked with the first.
        parser.error(f"--out {out} already holds files: give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    record_dir = out / "records"
    record_dir.mkdir(exist_ok=True)

    procs = Processes()
    static_root = Path(tempfile.mkdtemp(prefix="sourcelab-load-static-"))
    env = server_env(args, static_root)
    settings_note = {
        "settings": "config.settings.production, DEBUG=false, SECURE_SSL_REDIRECT=false",
        "servers": args.servers,
        "proxy": args.proxy,
        "proxy_count": env["PROXY_COUNT"],
        "workers_per_server": args.workers,
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
        "bell": [args.bell, args.bell_rounds] if args.bell else None,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    log(f"output in {out}")
    locust_rc = None
    wall: dict[str, float] = {}
    cpu: dict = {}
    app_ports: list[int] = []
    bell_rows: list = []
    bell_rounds: list = []
    speed: dict = {"build": argon2_build()}
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

        servers, app_ports, base = start_app(args, procs, env, out)

        if args.bell:
            log(f"bell: {args.bell} students log in at once, {args.bell_rounds} times")
            setup = json.loads(setup_json.read_text())
            bell_rows, bell_rounds = ring(
                base,
                setup["students"],
                setup["password"],
                students=args.bell,
                rounds=args.bell_rounds,
                gap=3.0,
            )
            time.sleep(2)

        profiler = None
        if args.profile:
            profiler = procs.start(
                "py-spy",
                py_spy_argv(
                    servers["gunicorn"].pid if args.servers == 1 else servers["gunicorn app1"].pid,
                    seconds=time_limit + 30,
                    out=out,
                ),
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
        log(
            f"locust: {args.students} users, {rate:g}/s, {args.think_min:g}-{args.think_max:g} s "
            f"between saves ({args.pace} pace unless overridden), at most {time_limit} s"
        )
        swarm = locust_argv(base=base, users=args.students, rate=rate, seconds=time_limit, out=out)
        speed["before"] = machine_speed()  # the app idle, warmed up
        locust = procs.start("locust", swarm, env=locust_env, log_path=out / "locust.log")
        database = args.database_url.rsplit("/", 1)[-1]
        groups = {name: process.pid for name, process in servers.items()}
        meter = CpuMeter({**groups, "locust": locust.pid}, database)
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
    if speed:  # after the checks: seconds after the load, not in the midst of its wind-down
        speed["after"] = machine_speed()
    users = [r for r in records if r["kind"] == "user"]
    done = sum(1 for r in users if r["outcome"] == "done")
    failed_requests = sum(1 for t in timing + bell_rows if not t[4])
    if args.proxy:
        # Every request through the proxy: warm-up, bell and quiz, as its log counts them.
        answers = answered(args.proxy, out=out, app_ports=app_ports)
        served = served_by(answers, args.servers)
        spread = attempts_on_every_server(answers, args.servers)
        too_little = balance_problems(served, sum(served.values()))
        verification["problems"] += too_little
        verification["ok"] = verification["ok"] and not too_little
        verification["servers_serving_too_little"] = len(too_little)
    else:
        served, spread = {"app1": None}, None
    summary = {
        "when": stamp,
        "settings": settings_note,
        "locust_exit": locust_rc,
        "users_done": done,
        "users_failed": len(users) - done,
        "users_missing": args.students - len(users),
        "failed_requests": failed_requests,
        "latency": stats,
        "bell": bell_summary(bell_rows, bell_rounds),
        "served_by": served,
        "attempts_on_every_server": spread,
        "cpu_seconds": cpu,
        "machine_speed": speed,
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
    # The exit status is the run's correctness; the latency target is named beside it, as a
    # slow moment of a shared machine misses it with the same code (docs/performance.md).
    fast = "met" if not latency_over_target(summary) else "MISSED"
    verdict = "PASS: nothing failed or lost" if ok else "FAIL: see the lines above"
    log(f"{verdict}; latency target {fast}; details in {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
