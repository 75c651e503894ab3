"""Logins at the bell (`--bell N`): N students log in at the same instant, before the quiz
traffic starts, and their login times are reported apart from the rest.

Each student GETs the login page on a connection of its own (for the CSRF cookie and token);
then all N wait at a barrier and POST their passwords together. That is the steepest moment of
a lesson: every POST checks a password hash (Argon2id, the production hasher; the load setup
hashes the students' password with it). The rounds are a few seconds apart, so that each finds
the server idle; a round uses the next N students (wrapping round), each in a new session."""

from __future__ import annotations

import contextlib
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/accounts/login/"
# The row of each request, as the locust users write theirs: name, start, ms, status, ok.
Row = tuple[str, float, float, int, bool]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 after a login is the answer we time


def _opener() -> urllib.request.OpenerDirector:
    # Production cookies are Secure; over this plain-http loopback send them as over https.
    jar = CookieJar(DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)


def _timed(opener, name: str, request, rows: list[Row]) -> tuple[int, str, str]:
    start, began = time.time(), time.perf_counter()
    try:
        # An http:// URL on 127.0.0.1 that the run built, never a file: or other scheme.
        with opener.open(request, timeout=120) as response:
            status, body, location = response.status, response.read().decode(), ""
    except urllib.error.HTTPError as error:  # the 302 (no redirect followed), or a failure
        status, body, location = error.code, "", error.headers.get("Location", "")
    except OSError:
        status, body, location = 0, "", ""
    ms = (time.perf_counter() - began) * 1000
    ok = (status == 302 and LOGIN not in location) if name.endswith("login") else status == 200
    rows.append((name, start, ms, status, ok))
    return status, body, location


def _student(base: str, username: str, password: str, barrier: threading.Barrier, rows) -> None:
    opener = _opener()
    _status, page, _ = _timed(opener, "bell: login page", base + LOGIN, rows)
    match = CSRF_INPUT.search(page)
    token = match.group(1) if match else ""
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(  # noqa: S310  # http://127.0.0.1, built by the run
        base + LOGIN,
        data=body,
        headers={"X-CSRFToken": token, "Referer": base + LOGIN},
        method="POST",
    )
    # A broken barrier: another student could not fetch the page; log in all the same.
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait(timeout=60)
    _timed(opener, "bell: login", request, rows)


def ring(
    base: str, usernames: list[str], password: str, *, students: int, rounds: int, gap: float
) -> tuple[list[Row], list[list[float]]]:
    """`rounds` bells of `students` logins at once, `gap` seconds apart: every request's row,
    and each round's login times (ms, sorted; the first round also pays each worker's first
    login, such as loading the hasher)."""
    rows: list[Row] = []
    by_round: list[list[float]] = []
    for number in range(rounds):
        if number:
            time.sleep(gap)
        before = len(rows)
        barrier = threading.Barrier(students)
        names = [usernames[(number * students + i) % len(usernames)] for i in range(students)]
        threads = [
            threading.Thread(target=_student, args=(base, name, password, barrier, rows))
            for name in names
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        by_round.append(sorted(round(r[2]) for r in rows[before:] if r[0] == "bell: login"))
    return rows, by_round
