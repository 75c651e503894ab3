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


def lesson_guide(*, lesson: Lesson) -> list[GuideStep]:
    """Every current question of the lesson with its key, grouped by step: the key is the
    correct response drawn with the question's own controls, and the grader's verdict on it
    (each part's expected answer and explanation)."""
    steps: dict[int, GuideStep] = {}
    order = []
    for question in (
        Question.objects.filter(lesson=lesson, is_current=True)
        .select_related("step")
        .order_by("step__position", "position")
    ):
        step = question.step
        if step.pk not in steps:
            steps[step.pk] = GuideStep(step.title, step.kind, [])
            order.append(step.pk)
        qt = registry.get_or_missing(question.type)
        spec = qt.parse_spec(question.spec)
        correct = qt.dump_response(qt.correct_response(spec))
        result = qt.grade(spec, correct).as_dict()
        steps[step.pk].items.append(
            GuideItem(
                number=len(steps[step.pk].items) + 1,
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
