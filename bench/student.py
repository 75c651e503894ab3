"""`manage.py bench`: the student's hot paths against a floor, interleaved in one process.

The floor is a bare view behind the same middleware with `login_required` (bench/urls.py).
Every figure goes through Django's test client and the whole middleware stack, signed in as a
student of a class the lesson is assigned to, so the access checks are the real ones. The
figures are measured round-robin (one of each per round, many rounds, in a new order each round)
after a warm-up, and each one's median is divided by the floor's median of the same run: a
machine that is busy for a second slows every figure of that round alike, not one figure. Run
inside a throwaway test database (the command makes it), so it never touches real data."""

import gc
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from authoring.services import lesson_packages_load
from classroom.services import assignment_create, classroom_create, membership_add
from lessons.models import Lesson
from quizzes import services
from quizzes.models import Attempt, Question

FORM_URLENCODED = "application/x-www-form-urlencoded"
EXAMPLE = Path(settings.BASE_DIR) / "tests" / "fixtures" / "packages" / "example"
STEP = "close_reading"  # a step with a document, a glossary and activities


def quiz_resize(lesson: Lesson, n: int) -> None:
    """Replace the lesson's quiz with n items, cycling through its mix of question types."""
    items = list(Question.objects.filter(lesson=lesson, step__kind="quiz").order_by("position"))
    Question.objects.filter(pk__in=[q.pk for q in items]).delete()
    Question.objects.bulk_create(
        Question(
            lesson=lesson,
            step=items[0].step,
            key=f"gen-{i}",
            position=i,
            type=items[i % len(items)].type,
            prompt=items[i % len(items)].prompt,
            points=items[i % len(items)].points,
            skills=items[i % len(items)].skills,
            spec=items[i % len(items)].spec,
        )
        for i in range(n)
    )


@dataclass
class Figure:
    name: str
    request: Callable[[], object]  # one timed request
    prepare: Callable[[], None] | None = None  # untimed, before each timed request


def _answers_form(questions: list[Question]) -> dict:
    """Form fields answering every single-choice and true/false item correctly."""
    data: dict = {"items": [q.pk for q in questions]}
    for q in questions:
        if q.type == "single_choice":
            data[f"{q.uid}-choice"] = next(c["id"] for c in q.spec["choices"] if c["correct"])
        elif q.type == "true_false":
            data[f"{q.uid}-answer"] = "true" if q.spec["answer"] else "false"
    return data


def _form_post(client: Client, url: str, data: dict):
    """POST `data` URL-encoded, as browsers send the quiz form (it has no enctype) and the
    autosave its question's fields (static/js/autosave.js); the test client's default is
    multipart, which costs the server more to read."""
    return client.post(url, urlencode(data, doseq=True), content_type=FORM_URLENCODED)


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


class Setup:
    """A class with one student per figure that needs an attempt of its own, and the example
    lesson assigned with a 50-item quiz. A 10-item attempt is a 50-item one cut to its first
    10 items: the same questions, types and page."""

    def __init__(self) -> None:
        lesson_packages_load(paths=[EXAMPLE])
        self.lesson = Lesson.objects.get()
        quiz_resize(self.lesson, 50)
        teacher = user_create(username="bench-teacher", password=None, role=User.Role.TEACHER)
        classroom = classroom_create(teacher=teacher, name="Bench class")
        now = timezone.now()
        self.assignment = assignment_create(
            classroom=classroom,
            lesson=self.lesson,
            opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=7),
            attempts_allowed=0,
        )
        self.students = {}
        for name in ("quiz10", "quiz50", "submit"):
            student = user_create(username=f"bench-{name}", password=None, role=User.Role.STUDENT)
            membership_add(classroom=classroom, student=student)
            self.students[name] = student

    def attempt(self, student: User, items: int) -> Attempt:
        attempt = services.attempt_start(
            student=student, lesson=self.lesson, assignment=self.assignment
        )
        attempt.item_order = attempt.item_order[:items]
        attempt.save(update_fields=["item_order"])
        return attempt


def figures(setup: Setup) -> list[Figure]:
    """The floor, the write floor (a reference, with no target) and the five figures of issue
    15, each with its own signed-in client."""
    floor_client = _signed_in(setup.students["quiz10"])
    quiz10 = setup.attempt(setup.students["quiz10"], 10)
    quiz50 = setup.attempt(setup.students["quiz50"], 50)
    client10 = _signed_in(setup.students["quiz10"])
    client50 = _signed_in(setup.students["quiz50"])
    step_url = reverse("learning:step", args=[setup.assignment.pk, STEP])
    client10.get(step_url)  # the lesson-work record is made on the first visit, not timed

    questions = list(Question.objects.filter(pk__in=quiz10.item_order).order_by("position"))
    first = next(q for q in questions if q.type == "single_choice")
    save_url = reverse("learning:response_save", args=[quiz10.pk, first.pk])
    choices = [c["id"] for c in first.spec["choices"]]
    saves = iter(range(10**9))

    submitter = _signed_in(setup.students["submit"])
    answers = _answers_form(questions)
    submit_url: list = []  # the attempt's page and id

    def prepare_submit() -> None:
        """A fresh 10-item attempt with its answers saved (not timed). Each redirect is
        followed, as a browser does: its page shows the message ("submitted", "saved") and
        takes it out of the cookie; left there, messages pile up round after round and every
        later submit decodes and signs them all again."""
        if submit_url:
            submitter.get(reverse("learning:attempt_result", args=[submit_url[1]]))
        attempt = setup.attempt(setup.students["submit"], 10)
        submit_url[:] = [reverse("learning:attempt_take", args=[attempt.pk]), attempt.pk]
        _form_post(submitter, submit_url[0], {**answers, "action": "save"})
        submitter.get(submit_url[0])

    def submit() -> object:
        # As a browser sends the form: every answer again, with the button's value.
        response = _form_post(submitter, submit_url[0], {**answers, "action": "submit"})
        assert response.status_code == 302, response.status_code
        return response

    return [
        Figure("floor", lambda: floor_client.get("/bench/floor/")),
        Figure(
            "write_floor",
            lambda: _form_post(floor_client, "/bench/write-floor/", {"saved": "yes"}),
        ),
        Figure("quiz_10", lambda: client10.get(reverse("learning:attempt_take", args=[quiz10.pk]))),
        Figure("quiz_50", lambda: client50.get(reverse("learning:attempt_take", args=[quiz50.pk]))),
        Figure("step", lambda: client10.get(step_url)),
        # A different answer each time, so that every save writes.
        Figure(
            "autosave",
            lambda: _form_post(
                client10, save_url, {f"{first.uid}-choice": choices[next(saves) % 2]}
            ),
        ),
        Figure("submit_and_grade_10", submit, prepare=prepare_submit),
    ]


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def _settle() -> None:
    """As a production worker starts (`config.warmup`): what setup made, collected and set
    aside from the garbage collector, so that a collection no longer walks it."""
    gc.collect()
    gc.freeze()


def _once(figure: Figure, clock=time.perf_counter) -> tuple[float, object]:
    if figure.prepare:
        figure.prepare()
    # Untimed: the young garbage of the requests before. Otherwise where a collection falls
    # depends on the figures before it, and one figure pays for another's garbage: adding the
    # write floor to the (then fixed) round moved the step page by about 0.1 ms on SQLite and
    # 0.35 ms on PostgreSQL. Each request still pays for the collections its own allocations
    # bring on.
    gc.collect(1)
    start = clock()
    response = figure.request()
    return (clock() - start) * 1000, response


def _facts(figure: Figure) -> dict:
    """Status, bytes and queries of one request (outside the timed rounds)."""
    if figure.prepare:
        figure.prepare()
    with CaptureQueriesContext(connection) as ctx:
        response = figure.request()
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(ctx.captured_queries),
    }


def profile(name: str, *, rounds: int = 200, warmup: int = 5, top: int = 40) -> str:
    """cProfile's table of `rounds` requests of one figure (after `warmup`), the functions that
    cost most of their own time first: where to look before changing anything."""
    import cProfile
    import io
    import pstats

    measured = {figure.name: figure for figure in figures(Setup())}
    if name not in measured:
        raise ValueError(f"No figure {name!r}; there are: {', '.join(measured)}.")
    figure = measured[name]
    _settle()
    for _ in range(warmup):
        _once(figure)
    profiler = cProfile.Profile()
    for _ in range(rounds):
        if figure.prepare:
            figure.prepare()
        gc.collect(1)
        profiler.enable()
        figure.request()
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def round_orders(measured: list[Figure], rounds: int, *, seed: int = 15):
    """The figures of each round, shuffled anew each round (the same orders in every run).

    A request's first statement costs more after a longer idle moment of the database, and a
    commit more after a longer idle moment of its disk (`manage.py bench --commits`). In a
    fixed order each figure always followed the same one: in one run on PostgreSQL
    (2026-12-07), the autosave measured 0.5 ms (0.4x the floor) more after the step page, its
    place, than right after the floor. Shuffled, every figure follows every other alike."""
    rng = random.Random(seed)  # noqa: S311 - an order of measurement, not a secret
    order = list(measured)
    for _ in range(rounds):
        rng.shuffle(order)
        yield list(order)


def run(*, rounds: int = 60, warmup: int = 5, clock: str = "wall") -> dict:
    """Median milliseconds of each figure over `rounds` interleaved rounds, after `warmup`, by
    `clock` (`CLOCKS`)."""
    setup = Setup()
    measured = figures(setup)
    _settle()
    for _ in range(warmup):
        for figure in measured:
            _once(figure)
    # As the rounds find them: an autosave's first save reads what the next ones keep.
    facts = {figure.name: _facts(figure) for figure in measured}
    times: dict[str, list[float]] = {figure.name: [] for figure in measured}
    for order in round_orders(measured, rounds):
        for figure in order:
            ms, _response = _once(figure, CLOCKS[clock])
            times[figure.name].append(ms)
    return {
        "rounds": rounds,
        "warmup": warmup,
        "clock": clock,
        "figures": {
            name: {
                "median_ms": round(statistics.median(samples), 3),
                "p90_ms": round(statistics.quantiles(samples, n=10)[-1], 3)
                if len(samples) > 1
                else round(samples[0], 3),
                **facts[name],
            }
            for name, samples in times.items()
        },
    }
