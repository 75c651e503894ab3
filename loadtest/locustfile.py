"""Locust users: each is one student who takes the assigned quiz once, then stops.

A student logs in (GET the login page for the CSRF cookie and token, POST the password), opens
the home page, starts the quiz, reads the quiz page, answers every item through the autosave
endpoint with a short think time in between, goes back to change some answers, submits, and
reads the result page. Some students double-click "Submit" (two submits at once).

Answers are built from the quiz page itself: the hidden `items` inputs give the question ids,
and the controls named `q<id>-...` give the fields and their allowed values, so any quiz works.
No database access happens here.

Every save and submit is written, with its outcome, to `acks-<pid>.jsonl` in LOADTEST_RECORD_DIR,
and every request's timing to `requests-<pid>.csv`; `loadtest/run.py` checks them against the
database afterwards. Each user does one quiz, and the run quits by itself once every user is
done (or at locust's -t limit, whichever comes first).

Environment: LOADTEST_SETUP (the JSON written by loadtest/setup.py), LOADTEST_RECORD_DIR,
LOADTEST_THINK_MIN / LOADTEST_THINK_MAX (seconds, default 4 / 12, the school pace),
LOADTEST_CHANGE_SHARE (share of items answered again later, default 0.25),
LOADTEST_DOUBLE_SUBMIT_SHARE (default 0.1), LOADTEST_SEED."""

from __future__ import annotations

import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy
from itertools import count
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from locust import FastHttpUser, events, task
from locust.contrib.fasthttp import FastHttpSession
from locust.exception import StopUser

from loadtest.page import answer_for, scan

FORM = "application/x-www-form-urlencoded"
ATTEMPT_URL = re.compile(r"/quizzes/attempts/(\d+)/$")
SECURE_PROTOCOLS = ("https", "wss", "http")
FORGED_ADDRESS = "198.51.100.7"  # documentation range (RFC 5737), never a real client


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


SETUP = json.loads(Path(os.environ.get("LOADTEST_SETUP", "loadtest-setup.json")).read_text())
RECORD_DIR = Path(os.environ.get("LOADTEST_RECORD_DIR", "."))
THINK_MIN = _env_float("LOADTEST_THINK_MIN", 4.0)
THINK_MAX = _env_float("LOADTEST_THINK_MAX", 12.0)
CHANGE_SHARE = _env_float("LOADTEST_CHANGE_SHARE", 0.25)
DOUBLE_SUBMIT_SHARE = _env_float("LOADTEST_DOUBLE_SUBMIT_SHARE", 0.1)
SEED = os.environ.get("LOADTEST_SEED", "sourcelab")
if THINK_MAX > 60 or THINK_MIN < 0 or THINK_MIN > THINK_MAX:
    raise SystemExit("Think times must satisfy 0 <= LOADTEST_THINK_MIN <= LOADTEST_THINK_MAX <= 60")


# --- recording -------------------------------------------------------------------------------


class Recorder:
    """Append-only files of this process: one JSON line per save or submit, one CSV line per
    request. gevent switches only on I/O, so a write is never interleaved with another."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        pid = os.getpid()
        self.acks = (folder / f"acks-{pid}.jsonl").open("a", buffering=1, encoding="utf-8")
        self.requests = (folder / f"requests-{pid}.csv").open("a", buffering=1, encoding="utf-8")

    def event(self, **fields) -> None:
        self.acks.write(json.dumps(fields, separators=(",", ":")) + "\n")

    def request(self, name: str, start: float, ms: float, status: int, ok: bool) -> None:
        self.requests.write(f"{name},{start:.6f},{ms:.3f},{status},{int(ok)}\n")

    def close(self) -> None:
        self.acks.close()
        self.requests.close()


RECORDER = Recorder(RECORD_DIR)
USERNAMES = iter(SETUP["students"])
FINISHED = count(1)


@events.request.add_listener
def _on_request(name, response_time, response, exception, start_time=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    RECORDER.request(name, start_time or time.time(), response_time, status, exception is None)


@events.quitting.add_listener
def _on_quitting(environment, **_kwargs):
    RECORDER.close()


def _error_of(response) -> str:
    """The connection error behind a status 0, if any."""
    error = getattr(response, "error", None)
    return f"({type(error).__name__}: {error})" if error else ""


# --- the student -----------------------------------------------------------------------------


class QuizFailed(Exception):
    """A step went wrong; the request was already marked failed in locust's statistics."""


class Student(FastHttpUser):
    """One student, one quiz, then stop. Think time is inside the task, so no wait_time."""

    network_timeout = 120.0
    connection_timeout = 30.0

    def wait_time(self):
        return 0

    def on_start(self) -> None:
        # Production settings mark the session and CSRF cookies Secure; the run has no TLS
        # proxy in front, so send them over plain http as a browser would over https.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=SECURE_PROTOCOLS))
        self.username = next(USERNAMES, None)
        self.rng = random.Random(f"{SEED}:{self.username}")  # traffic, not secrets  # noqa: S311
        self.seq = count(1)
        self.attempt_id = 0

    @task
    def take_quiz(self) -> None:
        if self.username is None:
            raise StopUser  # more locust users than students: nothing to do
        outcome = "stopped before the end"  # by locust's time limit, mid-quiz: not done
        try:
            self._take_quiz()
            outcome = "done"
        except QuizFailed as error:
            outcome = f"failed: {error}"
        finally:
            RECORDER.event(
                kind="user", user=self.username, attempt=self.attempt_id, outcome=outcome
            )
            if next(FINISHED) >= self.environment.runner.target_user_count:
                gevent.spawn_later(0.1, self.environment.runner.quit)
        raise StopUser

    def think(self) -> None:
        gevent.sleep(self.rng.uniform(THINK_MIN, THINK_MAX))

    # One request, checked; a failure is recorded in locust's statistics and ends the quiz.
    def _request(self, method, url, name, expect: tuple[int, ...], client=None, **kwargs):
        client = client or self.client
        with client.request(method, url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code not in expect:
                why = f"HTTP {response.status_code}, expected {expect}"
                response.failure(f"{name}: {why} {_error_of(response)}".strip())
                raise QuizFailed(name)
            response.success()  # an expected 409 too
            return response

    def _post_form(self, url: str, name: str, fields, expect, csrf: str, **kwargs):
        headers = {"Content-Type": FORM, "X-CSRFToken": csrf, "Referer": self.host + url}
        headers["X-Forwarded-For"] = FORGED_ADDRESS  # the app must not believe it (verify.py)
        body = urlencode(fields, doseq=True)
        return self._request("POST", url, name, expect, data=body, headers=headers, **kwargs)

    def _take_quiz(self) -> None:
        page = scan(self._request("GET", "/accounts/login/", "login page", (200,)).text)
        credentials = {
            "csrfmiddlewaretoken": page.csrf,
            "username": self.username,
            "password": SETUP["password"],
        }
        login = self._post_form(
            "/accounts/login/", "login", credentials, (302,), page.csrf, allow_redirects=False
        )
        first_page = urlsplit(login.headers.get("Location", "")).path  # the dashboard
        if not first_page or first_page.startswith("/accounts/login/"):
            raise QuizFailed("login refused")
        self.think()
        home = scan(self._request("GET", first_page, "home", (200,)).text)
        assignment = SETUP["assignment_id"]
        start = self._post_form(
            f"/quizzes/assignments/{assignment}/start/",
            "start",
            {"csrfmiddlewaretoken": home.csrf},
            (302,),
            home.csrf,
            allow_redirects=False,
        )
        match = ATTEMPT_URL.search(urlsplit(start.headers.get("Location", "")).path)
        if match is None:
            raise QuizFailed("start: no attempt in the redirect")
        self.attempt_id = attempt = int(match.group(1))
        quiz = scan(self._request("GET", f"/quizzes/attempts/{attempt}/", "quiz page", (200,)).text)
        expected = [q["id"] for q in SETUP["questions"]]
        if sorted(quiz.items) != sorted(expected) or set(quiz.controls) != set(expected):
            raise QuizFailed("quiz page: not the items the setup made")

        # First pass in page order, then a second look at some items.
        plan = list(quiz.items)
        plan += self.rng.sample(quiz.items, round(CHANGE_SHARE * len(quiz.items)))
        for question in plan:
            self.think()
            self._save(attempt, question, answer_for(quiz.controls[question], self.rng), quiz.csrf)

        self.think()
        self._submit(attempt, quiz.csrf)

    def _save(self, attempt: int, question: int, data: dict, csrf: str) -> None:
        url = f"/quizzes/attempts/{attempt}/responses/{question}/"
        seq = next(self.seq)
        status, revision, acked = 0, None, False
        headers = {"Content-Type": FORM, "X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest"}
        try:
            with self.client.post(
                url,
                data=urlencode(data, doseq=True),
                headers=headers,
                name="save",
                catch_response=True,
            ) as response:
                status = response.status_code
                try:
                    body = response.json() if status == 200 else {}
                except ValueError:
                    body = {}
                acked = status == 200 and body.get("saved") is True
                revision = body.get("revision")
                if not acked:
                    why = f"HTTP {status}, saved={body.get('saved')}"
                    response.failure(f"save: {why} {_error_of(response)}".strip())
        finally:
            RECORDER.event(
                kind="save",
                user=self.username,
                attempt=attempt,
                question=question,
                seq=seq,
                data=data,
                status=status,
                acked=acked,
                revision=revision,
            )
        if not acked:
            raise QuizFailed("save")

    def _other_tab(self) -> FastHttpSession:
        """A second connection of the same browser (same cookies) for a double click. Two
        requests at once must not share one session: locust implements allow_redirects=False
        by switching redirects off on the session for the time of the request."""
        tab = FastHttpSession(
            base_url=self.host,
            request_event=self.environment.events.request,
            user=self,
            network_timeout=self.network_timeout,
            connection_timeout=self.connection_timeout,
        )
        tab.cookiejar = tab.client.cookiejar = self.client.cookiejar
        return tab

    def _submit(self, attempt: int, csrf: str) -> None:
        double = self.rng.random() < DOUBLE_SUBMIT_SHARE
        name = "submit (double-click)" if double else "submit"
        # No answer fields: every answer must already be stored by the autosaves checked later.
        fields = {"csrfmiddlewaretoken": csrf, "action": "submit"}
        # A repeated submit of a submitted attempt is answered 409; that is not an error.
        expect = (302, 409) if double else (302,)

        def one(client) -> str:
            seq, status, location = next(self.seq), 0, ""
            try:
                response = self._post_form(
                    f"/quizzes/attempts/{attempt}/",
                    name,
                    fields,
                    expect,
                    csrf,
                    allow_redirects=False,
                    client=client,
                )
                status, location = response.status_code, response.headers.get("Location", "")
            except QuizFailed:
                status = -1
            acked = status == 302 and location.rstrip("/").endswith(f"/attempts/{attempt}/result")
            RECORDER.event(
                kind="submit",
                user=self.username,
                attempt=attempt,
                seq=seq,
                status=status,
                acked=acked,
            )
            return location if acked else ""

        if double:
            clicks = [gevent.spawn(one, self.client), gevent.spawn(one, self._other_tab())]
            gevent.joinall(clicks, raise_error=True)
            locations = [click.value for click in clicks if click.value]
        else:
            locations = [one(self.client)]
        if not locations:
            raise QuizFailed("submit")
        self._request("GET", locations[0], "result", (200,))
