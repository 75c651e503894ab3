"""The teacher guide of a lesson: every current question with its key and the grader's verdict
on it, grouped by step."""

from dataclasses import dataclass

from lessons.models import Lesson
from quizzes.models import Question
from quizzes.types import registry

from ..rubric import rubric_levels
from .labels import labelled_parts


@dataclass
class GuideItem:
    number: int
    question: Question
    qtype: object
    spec: dict
    correct: dict
    parts: list
    feedback: list[str]
    rubric: list
    sample_answer: str


@dataclass
class GuideStep:
    title: str
    kind: str
    items: list[GuideItem]
    count: int = 0  # its questions, drawn or not
    shown: bool = True  # its key is drawn on this page


ALL = "all"  # every step's key, on one page: the guide to print


def lesson_guide(*, lesson: Lesson, step: str | None = ALL) -> list[GuideStep]:
    """Every current question of the lesson with its key, grouped by step: the key is the
    correct response drawn with the question's own controls, and the grader's verdict on it
    (each part's expected answer and explanation). Only the keys of `step` (a step's kind, or
    `ALL`) are drawn; the other steps come with their number of questions, for the guide's
    table of contents (the whole key of a long lesson weighs over half a megabyte)."""
    steps: dict[int, GuideStep] = {}
    order = []
    for question in (
        Question.objects.filter(lesson=lesson, is_current=True)
        .select_related("step")
        .order_by("step__position", "position")
    ):
        row = question.step
        if row.pk not in steps:
            steps[row.pk] = GuideStep(row.title, row.kind, [], shown=step in (ALL, row.kind))
            order.append(row.pk)
        steps[row.pk].count += 1
        if not steps[row.pk].shown:
            continue
        step_pk = row.pk
        qt = registry.get_or_missing(question.type)
        spec = qt.parse_spec(question.spec)
        correct = qt.dump_response(qt.correct_response(spec))
        result = qt.grade(spec, correct).as_dict()
        steps[step_pk].items.append(
            GuideItem(
                number=len(steps[step_pk].items) + 1,
                question=question,
                qtype=qt,
                spec=qt.public_spec(spec),
                correct=correct,
                parts=labelled_parts(
                    [p for p in result["parts"] if p["expected"] or p["feedback"]],
                    qt.public_spec(spec),
                    qt,
                ),
                feedback=result["feedback"],
                rubric=rubric_levels(question) if not qt.auto_graded else [],
                sample_answer=(question.spec or {}).get("sample_answer", "")
                if not qt.auto_graded
                else "",
            )
        )
    return [steps[pk] for pk in order]
