"""`manage.py bench --grid`: the teacher's progress grid and CSV exports for a big class.

Generates a class of `students` students with `assignments` assignments of the Khojaly lesson
(20 quiz items), every student having submitted the quiz (graded rows as `attempt_submit`
writes them), written a reflection of about 1,500 characters, half of them scored by the
teacher; then times, through the test client and the whole middleware stack, the progress page,
the grid the page refetches, both CSV exports (read to the end), an assignment's analysis (its
first page, one question's answers tallied, the last page of students) and one student's work,
each also as a ratio to a bare page behind the same middleware (`floor`); and the peak memory
of streaming the answers export (tracemalloc). The progress page shows 100 students at a
time; `progress_page_all_rows` is the same page with all of them. Rows are bulk-inserted:
generating 20,000 attempts through the services would take longer than everything measured.
Run inside the bench command's throwaway database."""

import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from authoring.services import lesson_packages_load
from classroom.models import Classroom, Membership
from classroom.services import assignment_create, classroom_create
from lessons.models import Lesson
from quizzes import policy
from quizzes.models import Attempt, Question, Response, Score
from quizzes.types import GradeState, registry

LESSON = "khojaly-1992"
REFLECTION = ("The opening paragraphs follow the encyclopedia closely and match the record. ") * 20
BATCH = 5000


def _graded(question: Question, right: bool) -> tuple[dict, dict]:
    """(response data, grade result) for a right or an empty answer to one question."""
    qt = registry.get(question.type)
    spec = qt.parse_spec(question.spec)
    response = qt.correct_response(spec) if right else qt.empty_response(spec)
    data = qt.dump_response(response)
    return data, qt.grade(spec, response)


def generate(*, students: int, assignments: int, seed: int = 1) -> tuple[Classroom, User]:
    """The class, its teacher, and everyone's work, in bulk."""
    lesson_packages_load(paths=[settings.SEEDS_DIR / "khojaly"])
    lesson = Lesson.objects.get(slug=LESSON)
    teacher = user_create(username="bench-teacher", password=None, role=User.Role.TEACHER)
    classroom = classroom_create(teacher=teacher, name="Bench class")
    unusable = make_password(None)
    User.objects.bulk_create(
        (
            User(
                username=f"bench-{i:05}",
                display_name=f"Student {i:05}",
                role=User.Role.STUDENT,
                password=unusable,
            )
            for i in range(students)
        ),
        batch_size=BATCH,
    )
    pupils = list(User.objects.filter(username__startswith="bench-0").order_by("username"))
    Membership.objects.bulk_create(
        (Membership(classroom=classroom, student=s) for s in pupils), batch_size=BATCH
    )
    now = timezone.now()
    made = [
        assignment_create(
            classroom=classroom,
            lesson=lesson,
            opens_at=now - timedelta(days=30 - i),
            due_at=now - timedelta(days=20 - 2 * i),
        )
        for i in range(assignments)
    ]
    quiz = list(
        Question.objects.filter(lesson=lesson, step__kind="quiz", is_current=True).order_by(
            "position"
        )
    )
    reflection = Question.objects.get(lesson=lesson, key="reflection", is_current=True)
    graded = {(q.pk, right): _graded(q, right) for q in quiz for right in (True, False)}
    rng = random.Random(seed)  # test data, not secrecy  # noqa: S311
    item_order = [q.pk for q in quiz]
    with transaction.atomic():
        attempts = []
        plans = []
        for assignment in made:
            for student in pupils:
                rights = [rng.random() < 0.7 for _q in quiz]
                started = assignment.opens_at + timedelta(hours=rng.randint(1, 200))
                earned = sum(
                    (
                        policy.points_for(graded[(q.pk, r)][1].fraction, q.points)
                        for q, r in zip(quiz, rights, strict=True)
                    ),
                    Decimal(0),
                )
                attempts.append(
                    Attempt(
                        student=student,
                        lesson=lesson,
                        assignment=assignment,
                        kind=Attempt.Kind.QUIZ,
                        number=1,
                        status=Attempt.Status.SUBMITTED,
                        submitted_at=started + timedelta(minutes=rng.randint(5, 40)),
                        item_order=item_order,
                        points_earned=earned,
                        points_possible=Decimal(sum(q.points for q in quiz)),
                    )
                )
                attempts.append(
                    Attempt(
                        student=student,
                        lesson=lesson,
                        assignment=assignment,
                        kind=Attempt.Kind.LESSON,
                        number=1,
                    )
                )
                plans.append(rights)
        Attempt.objects.bulk_create(attempts, batch_size=BATCH)
        saved = list(
            Attempt.objects.filter(assignment__classroom=classroom).order_by(
                "assignment_id", "student__username", "kind"
            )
        )
        lesson_attempts = [a for a in saved if a.kind == Attempt.Kind.LESSON]
        quiz_attempts = [a for a in saved if a.kind == Attempt.Kind.QUIZ]
        responses, scores = [], []
        for attempt, rights in zip(quiz_attempts, plans, strict=True):
            for question, right in zip(quiz, rights, strict=True):
                data, result = graded[(question.pk, right)]
                responses.append(Response(attempt=attempt, question=question, data=data))
                scores.append(
                    Score(
                        attempt=attempt,
                        question=question,
                        origin=Score.Origin.SUBMIT,
                        state=str(result.state),
                        fraction=str(result.fraction),
                        points_earned=policy.points_for(result.fraction, question.points),
                        points_possible=Decimal(question.points),
                        parts=result.as_dict()["parts"],
                        feedback=result.as_dict()["feedback"],
                    )
                )
            if len(responses) >= BATCH:
                Response.objects.bulk_create(responses)
                Score.objects.bulk_create(scores)
                responses, scores = [], []
        scored = []
        for index, attempt in enumerate(lesson_attempts):
            responses.append(
                Response(attempt=attempt, question=reflection, data={"text": REFLECTION})
            )
            if index % 2:
                scored.append(attempt.pk)
                scores.append(
                    Score(
                        attempt=attempt,
                        question=reflection,
                        origin=Score.Origin.TEACHER,
                        state=GradeState.PARTIAL,
                        fraction="3/4",
                        points_earned=Decimal(3),
                        points_possible=Decimal(4),
                        response_data={"text": REFLECTION},
                        created_by=teacher,
                        reason="Level 3 (Proficient).",
                    )
                )
        Response.objects.bulk_create(responses, batch_size=BATCH)
        Score.objects.bulk_create(scores, batch_size=BATCH)
        # The totals activity_score caches on the lesson attempt.
        Attempt.objects.filter(pk__in=scored).update(
            points_earned=Decimal(3), points_possible=Decimal(4)
        )
    if connection.vendor == "postgresql":
        # Statistics, as a school's database has: without them the plans of the score queries
        # depended on whether autovacuum had got round to the new rows yet.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return classroom, teacher


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, int]:
    """Median milliseconds over `repeat` runs after one warm-up, and the queries of one run."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    queries = len(ctx.captured_queries)  # now: later requests reset the connection's log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1), queries


def run(*, students: int = 1000, assignments: int = 10, repeat: int = 10) -> dict:
    start = time.perf_counter()
    classroom, teacher = generate(students=students, assignments=assignments)
    generated = time.perf_counter() - start
    client = Client()
    client.force_login(teacher)
    assignment = classroom.assignments.order_by("due_at", "id").last()
    student = classroom.memberships.order_by("student__username").first().student
    pages = {
        # The floor: a bare page behind the same middleware, as the teacher.
        "floor": reverse("bench_floor"),
        "progress_page": reverse("classroom:classroom_progress", args=[classroom.pk]),
        "grid_refresh": reverse("classroom:progress_grid", args=[classroom.pk]),
        "grid_filtered_needs_scoring": reverse("classroom:progress_grid", args=[classroom.pk])
        + "?filter=needs_scoring",
        "progress_page_all_rows": reverse("classroom:classroom_progress", args=[classroom.pk])
        + "?page=all",
        "gradebook_csv": reverse("classroom:export_gradebook", args=[classroom.pk]),
        "responses_csv": reverse("classroom:export_responses", args=[classroom.pk]),
        "analysis_page": reverse(
            "classroom:assignment_analysis", args=[classroom.pk, assignment.pk]
        ),
        # The answers given to one question tallied; the last page of students' mastery.
        "analysis_question": reverse(
            "classroom:assignment_analysis", args=[classroom.pk, assignment.pk]
        )
        + "?question=1",
        "analysis_last_students": reverse(
            "classroom:assignment_analysis", args=[classroom.pk, assignment.pk]
        )
        + f"?page={-(-students // 100)}",
        "student_work_page": reverse(
            "classroom:student_work", args=[classroom.pk, assignment.pk, student.pk]
        ),
    }
    results: dict = {
        "students": students,
        "assignments": assignments,
        "rows": {
            "attempts": Attempt.objects.count(),
            "responses": Response.objects.count(),
            "scores": Score.objects.count(),
        },
        "generate_seconds": round(generated, 1),
        "median_ms": {},
        "queries": {},
        "bytes": {},
        "repeat": {},
    }
    for name, url in pages.items():
        sizes = []

        def fetch(url=url, sizes=sizes):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            sizes.append(len(body))

        # The responses export is big: fewer runs of it.
        runs = max(1, repeat // 5) if name == "responses_csv" else repeat
        ms, queries = _time(fetch, runs)
        results["median_ms"][name] = ms
        results["queries"][name] = queries
        results["bytes"][name] = sizes[-1]
        results["repeat"][name] = runs
    results["ratio_to_floor"] = {
        name: round(ms / results["median_ms"]["floor"], 1)
        for name, ms in results["median_ms"].items()
        if name != "floor"
    }
    results["responses_csv_peak_kib"] = csv_peak_kib(client, pages["responses_csv"])
    return results


def csv_peak_kib(client: Client, url: str) -> int:
    """The most memory (tracemalloc) that streaming the answers export to the end takes at
    once: constant in the number of rows when it streams, as the body is never held whole."""
    tracemalloc.start()
    try:
        response = client.get(url)
        for _chunk in response.streaming_content:
            pass
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 1024)
