"""Questions out (Moodle XML, QTI 1.2) and in (a Moodle XML bank appended to a lesson's quiz)."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from lessons.models import Lesson, Step, StepKind
from quizzes.models import Question

from . import items, qti
from .errors import Code, ExchangeError
from .moodle.reading import BankError, bank_read
from .moodle.writing import quiz_to_moodle_xml


def quiz_questions(lesson: Lesson) -> list[Question]:
    return list(
        Question.objects.filter(lesson=lesson, step__kind=StepKind.QUIZ, is_current=True).order_by(
            "position", "pk"
        )
    )


def export_items(questions: list[Question]) -> list[items.Item]:
    return [item for question in questions for item in items.items_of(question)]


def quiz_export_moodle(*, lesson: Lesson, questions: list[Question] | None = None) -> bytes:
    chosen = quiz_questions(lesson) if questions is None else questions
    return quiz_to_moodle_xml(category=f"Source Lab/{lesson.title}", items=export_items(chosen))


def quiz_export_qti(*, lesson: Lesson, questions: list[Question] | None = None) -> bytes:
    chosen = quiz_questions(lesson) if questions is None else questions
    return qti.package(title=lesson.title, ident=lesson.slug, items=export_items(chosen))


@transaction.atomic
def quiz_import_moodle(*, lesson: Lesson, data: bytes) -> list[Question]:
    """Append a Moodle XML bank's questions to the lesson's quiz, after its questions. All or
    nothing: a bank with any question that cannot be read imports none."""
    step = Step.objects.filter(lesson=lesson, kind=StepKind.QUIZ).first()
    if step is None:
        raise ExchangeError(Code.NO_QUIZ, "This lesson has no quiz step to import into.")
    try:
        drafts = bank_read(data)
    except BankError as error:
        raise ExchangeError(
            Code.BANK_INVALID,
            "The question bank cannot be imported: " + "; ".join(error.problems),
            problems=error.problems,
        ) from error
    taken = set(Question.objects.filter(lesson=lesson).values_list("key", flat=True))
    position = Question.objects.filter(step=step).aggregate(last=Max("position"))["last"] or 0
    created = []
    for draft in drafts:
        key = _free_key(f"moodle-{slugify(draft.name)[:60] or 'question'}", taken)
        position += 1
        created.append(
            Question.objects.create(
                lesson=lesson,
                step=step,
                key=key,
                position=position,
                type=draft.type,
                prompt=draft.prompt,
                points=draft.points,
                spec=draft.spec,
            )
        )
    return created


def _free_key(base: str, taken: set[str]) -> str:
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key
