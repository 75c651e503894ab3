"""The reverse proxy of a run with several app servers (`--servers 2 --proxy haproxy|nginx`).

Its configuration comes from the same template the README offers for production
(`deploy/haproxy.cfg`, `deploy/nginx.conf`): one source, filled in here with the run's ports
and out dir, written beside the run's other files, and run in the foreground (no daemon),
logging every request. Balancing is leastconn with no stickiness, so every student's requests
reach every server; `served_by` counts the requests each server answered, from that log.

The proxy's side of the loopback is bound to 127.0.0.2: the app then sees the proxy's address
in REMOTE_ADDR and the client's (127.0.0.1) in X-Forwarded-For, and the verification can tell
whether PROXY_COUNT reads the right one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from loadtest.procs import HOST, ROOT, log

PROXY_SOURCE = "127.0.0.2"  # the proxy's address as the app servers see it
TEMPLATES = {"haproxy": ROOT / "deploy" / "haproxy.cfg", "nginx": ROOT / "deploy" / "nginx.conf"}
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
UPSTREAMS = re.compile(r"([^\s,]+(?:, [^\s,]+)*) ")
ATTEMPT_PATH = re.compile(r"/quizzes/attempts/(\d+)/")


def render(template: str, values: dict[str, str]) -> str:
    """The template with every `{{ name }}` replaced; a name without a value is an error."""
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise ValueError(f"no value for {sorted(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def server_name(number: int) -> str:
    return f"app{number}"


def config_text(kind: str, *, port: int, app_ports: list[int], workers: int, out: Path) -> str:
    template = TEMPLATES[kind].read_text(encoding="utf-8")
    if kind == "haproxy":
        servers = [
            f"    server {server_name(n)} {HOST}:{p} check maxconn {workers} source {PROXY_SOURCE}"
            for n, p in enumerate(app_ports, 1)
        ]
        values = {"bind": f"{HOST}:{port}", "log": "stdout format raw local0"}
    else:
        servers = [f"        server {HOST}:{p};" for p in app_ports]
        values = {
            "prefix": f"{out}/",
            "listen": f"{HOST}:{port}",
            "bind": f"proxy_bind {PROXY_SOURCE};",
        }
    return render(template, {**values, "servers": "\n".join(servers)}) + "\n"


def ensure_installed(kind: str) -> str:
    """The proxy's binary; installed with apt-get by scripts/ensure-proxy.sh when missing."""
    path = f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin"
    binary = shutil.which(kind, path=path)
    if binary is None:
        log(f"{kind} is missing: bash scripts/ensure-proxy.sh {kind}")
        script = [shutil.which("bash") or "/bin/bash", str(ROOT / "scripts" / "ensure-proxy.sh")]
        done = subprocess.run([*script, kind], check=False)  # noqa: S603  # our own script
        binary = shutil.which(kind, path=path)
        if done.returncode != 0 or binary is None:
            raise SystemExit(f"{kind} is not installed: run `bash scripts/ensure-proxy.sh {kind}`")
    return binary


def proxy_argv(kind: str, *, port: int, app_ports: list[int], workers: int, out: Path) -> list[str]:
    """Write OUT/<kind>.conf from the template, check it, and return the foreground command."""
    binary = ensure_installed(kind)
    config = out / f"{kind}.conf"
    text = config_text(kind, port=port, app_ports=app_ports, workers=workers, out=out)
    config.write_text(text, encoding="utf-8")
    if kind == "haproxy":
        check = [binary, "-c", "-f", str(config)]
        argv = [binary, "-db", "-f", str(config)]  # -db: foreground, no daemon
    else:
        (out / "nginx-tmp").mkdir(exist_ok=True)
        base = [binary, "-p", f"{out}/", "-c", str(config), "-e", str(out / "nginx-error.log")]
        check = [*base, "-t", "-q"]
        argv = [*base, "-g", "daemon off;"]
    done = subprocess.run(check, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"{kind} refuses {config}: {done.stdout}{done.stderr}")
    return argv


def log_path(kind: str, out: Path) -> Path:
    """Where the proxy writes one line per request (HAProxy: its stdout, kept by the run)."""
    return out / ("haproxy.log" if kind == "haproxy" else "nginx-access.log")


def answered(kind: str, *, out: Path, app_ports: list[int]) -> list[tuple[str, str]]:
    """(server, path) of every request an app server answered, from the proxy's log (health
    checks are not logged)."""
    names = {f"{HOST}:{p}": server_name(n) for n, p in enumerate(app_ports, 1)}
    path = log_path(kind, out)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []
    rows = []
    for line in lines:
        if kind == "haproxy":
            # "app/app1 200 12 POST /quizzes/...": backend/server first, the path last
            name = line.split(" ", 1)[0].removeprefix("app/")
        else:
            # "127.0.0.1:8001 200 0.012 POST /...": a retried request lists every server it
            # tried ("a:1, b:2 502, 200 ..."); the last one answered.
            match = UPSTREAMS.match(line)
            name = names.get(match.group(1).split(", ")[-1], "") if match else ""
        if name in names.values():
            rows.append((name, line.rsplit(" ", 1)[-1]))
    return rows


def served_by(rows: list[tuple[str, str]], servers: int) -> dict[str, int]:
    counts = Counter({server_name(n): 0 for n in range(1, servers + 1)})
    counts.update(name for name, _path in rows)
    return dict(counts)


def attempts_on_every_server(rows: list[tuple[str, str]], servers: int) -> list[int]:
    """How many quiz attempts (one per student) had requests answered by every server, and how
    many attempts there were: no stickiness means a student's requests spread over them all."""
    by_attempt: dict[str, set[str]] = {}
    for name, path in rows:
        match = ATTEMPT_PATH.match(path)
        if match:
            by_attempt.setdefault(match.group(1), set()).add(name)
    return [sum(1 for seen in by_attempt.values() if len(seen) == servers), len(by_attempt)]


def balance_problems(counts: dict[str, int], total: int) -> list[str]:
    """A server that served (almost) nothing: less than a quarter of its even share."""
    floor = total / len(counts) / 4 if counts else 0
    return [
        f"app server {name} served {n} of {total} requests (less than a quarter of its share)"
        for name, n in sorted(counts.items())
        if n == 0 or n < floor
    ]
