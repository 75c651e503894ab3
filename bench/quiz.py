"""`manage.py bench`: time the quiz paths against a bare page, in one process, on one machine.

Run inside a throwaway test database, so it never touches real data."""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from accounts.models import User
from accounts.services import user_create
from authoring.services import lesson_packages_load
from lessons.models import Lesson
from quizzes.models import Attempt, Question

BASELINE_BYTES = {"size": 0}


def baseline(request):
    """The same middleware, no queries, an HTML page as large as the quiz page."""
    return HttpResponse("<!DOCTYPE html><title>x</title>" + "x" * BASELINE_BYTES["size"])


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("config.urls")),
]


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


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches, as a server that has served one request would be
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _answers_form(questions: list[Question]) -> dict:
    """Form fields answering every single-choice and true/false item correctly."""
    data: dict = {"items": [q.pk for q in questions]}
    for q in questions:
        if q.type == "single_choice":
            data[f"{q.uid}-choice"] = next(c["id"] for c in q.spec["choices"] if c["correct"])
        elif q.type == "true_false":
            data[f"{q.uid}-answer"] = "true" if q.spec["answer"] else "false"
    return data


def run(package_path, sizes=(10, 50), repeat: int = 30) -> dict:
    from quizzes import services

    lesson_packages_load(paths=[package_path])
    lesson = Lesson.objects.get()
    lesson.quiz.attempts_allowed = 0
    lesson.quiz.save()
    teacher = user_create(username="bench", password=None, role=User.Role.TEACHER)
    client = Client()
    client.force_login(teacher)
    results: dict = {"repeat": repeat, "sizes": {}}
    for n in sizes:
        Attempt.objects.filter(lesson=lesson).delete()
        quiz_resize(lesson, n)
        attempt = services.attempt_start(student=teacher, lesson=lesson)
        questions = list(Question.objects.filter(pk__in=attempt.item_order).order_by("position"))
        page = reverse("learning:attempt_take", args=[attempt.pk])
        first = next(q for q in questions if q.type == "single_choice")
        save_url = reverse("learning:response_save", args=[attempt.pk, first.pk])
        choices = [c["id"] for c in first.spec["choices"]]
        answers = _answers_form(questions)
        BASELINE_BYTES["size"] = len(client.get(page).content)
        saves = iter(range(10**9))

        def save(first=first, save_url=save_url, choices=choices, saves=saves):
            # A different answer each time, so that every save writes.
            return client.post(save_url, {f"{first.uid}-choice": choices[next(saves) % 2]})

        def get_baseline():
            return client.get("/bench/baseline/")

        def get_page(page=page):
            return client.get(page)

        timings = {
            "baseline": _median_ms(get_baseline, repeat),
            "quiz_page": _median_ms(get_page, repeat),
            "save_answer": _median_ms(save, repeat),
        }
        queries = {
            "baseline": _queries(get_baseline),
            "quiz_page": _queries(get_page),
            "save_answer": _queries(save),
        }
        services.attempt_submit(attempt=attempt)

        submit_times, submit_queries = [], 0
        for _ in range(repeat):
            fresh = services.attempt_start(student=teacher, lesson=lesson)
            fresh_page = reverse("learning:attempt_take", args=[fresh.pk])
            client.post(fresh_page, {**answers, "action": "save"})
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                client.post(fresh_page, {"action": "submit"})
                submit_times.append((time.perf_counter() - start) * 1000)
            submit_queries = len(ctx.captured_queries)
        timings["submit_and_grade"] = statistics.median(submit_times)
        queries["submit_and_grade"] = submit_queries

        results["sizes"][str(n)] = {
            "page_bytes": BASELINE_BYTES["size"],
            "median_ms": {name: round(ms, 2) for name, ms in timings.items()},
            "ratio_to_baseline": {
                name: round(ms / timings["baseline"], 2)
                for name, ms in timings.items()
                if name != "baseline"
            },
            "queries": queries,
        }
    return results
