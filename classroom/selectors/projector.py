"""The projector view of an assignment: slides a teacher shows on a classroom screen to talk
about where the class disagreed. Slide 0 is the document; then each activity and each quiz item
in lesson order, with the class's answers counted without a name.

Nothing here says which answer is right unless the caller asks for the key (`with_key`): the
spread is ordered by part and frequency, never wrong answers first, so the order gives nothing
away either. Read in a fixed number of queries, whatever the size of the class."""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.http import Http404
from django.utils.translation import gettext as _

from lessons.document import SentenceView, document_paragraphs
from lessons.models import Lesson, Source, StepKind
from quizzes.models import Attempt, Question, Response
from quizzes.types import registry

from ..models import Assignment
from .progress import attempts_counted


@dataclass(frozen=True)
class SlideLink:
    number: int
    title: str


@dataclass(frozen=True)
class Answer:
    text: str
    count: int
    percent: int
    correct: bool  # only filled in when the key is asked for


@dataclass
class PartSpread:
    label: str  # "" for a question with one part
    answers: list[Answer]


@dataclass
class Spread:
    students: int  # in the class
    answered: int  # students whose answer is counted
    parts: list[PartSpread] = field(default_factory=list)
    written: bool = False  # free text: counted, not shown (it could name its writer)


@dataclass
class Slide:
    number: int
    total: int
    title: str
    lesson: Lesson
    links: list[SlideLink]
    # the document slide
    paragraphs: list[list[SentenceView]] | None = None
    source: Source | None = None
    # an item slide
    question: Question | None = None
    is_quiz: bool = False
    options: list[str] = field(default_factory=list)  # what the question offers, when few
    categories: list[str] = field(default_factory=list)
    spread: Spread | None = None

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 0 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number + 1 < self.total else None


def projector_slide(*, assignment: Assignment, number: int, with_key: bool = False) -> Slide:
    """One slide of the assignment's projector view, or 404 for a number it does not have."""
    lesson = assignment.lesson
    questions = list(
        Question.objects.filter(lesson=lesson, is_current=True)
        .select_related("step")
        .order_by("step__position", "position")
    )
    # Activities first (in step order), then the quiz, as the lesson runs.
    questions.sort(key=lambda q: q.step.kind == StepKind.QUIZ)
    links = [SlideLink(0, _("The document"))] + [
        SlideLink(n, title) for n, title in enumerate(_titles(questions), start=1)
    ]
    if not 0 <= number < len(links):
        raise Http404("No such slide.")
    slide = Slide(number, len(links), links[number].title, lesson, links)
    if number == 0:
        sentences = list(lesson.sentences.order_by("position"))
        slide.paragraphs = document_paragraphs(sentences, [])
        slide.source = Source.objects.filter(lesson=lesson, kind=Source.Kind.MAIN).first()
        return slide
    question = questions[number - 1]
    slide.question = question
    slide.is_quiz = question.step.kind == StepKind.QUIZ
    slide.options, slide.categories = _offered(question)
    slide.spread = _spread(assignment, question, slide.is_quiz, with_key)
    return slide


def _titles(questions: list[Question]) -> list[str]:
    """Each item's slide title: activities numbered with their step, quiz items on their own."""
    titles, seen = [], Counter()
    for question in questions:
        if question.step.kind == StepKind.QUIZ:
            seen["quiz"] += 1
            titles.append(_("Quiz question %(n)s") % {"n": seen["quiz"]})
        else:
            seen["activity"] += 1
            step = question.step.title
            titles.append(_("Activity %(n)s · %(step)s") % {"n": seen["activity"], "step": step})
    return titles


def _spread(assignment: Assignment, question: Question, is_quiz: bool, with_key: bool) -> Spread:
    """How the class answered the question (every version of it): for the quiz, each
    student's counted attempt; for an activity, their lesson work."""
    students = assignment.classroom.memberships.count()
    if is_quiz:
        attempts = attempts_counted(assignment=assignment)
    else:
        attempts = Attempt.objects.filter(
            assignment=assignment,
            kind=Attempt.Kind.LESSON,
            student__memberships__classroom_id=assignment.classroom_id,
        )
    versions = {q.pk: q for q in Question.objects.filter(lesson=question.lesson, key=question.key)}
    answers = Response.objects.filter(
        attempt__in=attempts, question_id__in=list(versions)
    ).values_list("question_id", "data")

    qt = registry.get_or_missing(question.type)
    spec = qt.parse_spec(question.spec)
    public = qt.public_spec(spec)
    key = set(qt.picks(qt.dump_response(qt.correct_response(spec)))) if with_key else set()
    counts: Counter = Counter()
    right = set(key)
    answered = 0
    written = False
    for question_id, data in answers:
        if qt.is_blank(data):
            continue
        answered += 1
        picks = set(qt.picks(data))
        if not picks:
            written = True
            continue
        counts.update(picks)
        # Right by this version's key only: an older version may have been graded on a key
        # since corrected (its answers are still counted in the spread).
        if with_key and question_id == question.pk and _full_marks(question, data):
            right.update(picks)

    labels = qt.part_labels(public)
    values = qt.value_labels(public)
    order = {part_id: n for n, part_id in enumerate(labels)}
    parts = []
    for part in sorted({p for p, _a in counts}, key=lambda p: _part_order(p, order)):
        given = {a: n for (p, a), n in counts.items() if p == part}

        # Show the answers nobody gave too, where there are few to choose from (the choices
        # of a question, the categories of an item): "nobody chose C" is worth discussing.
        # Ties in alphabetical order: the author's order often puts the key first.
        def text(answer: str) -> str:
            return values.get(answer) or (
                labels[answer].with_sentence if answer in labels else answer
            )

        choices = _choices(set(given), part, labels, values)
        ranked = sorted(given, key=lambda a: (-given[a], text(a).casefold()))
        ranked += sorted((a for a in choices if a not in given), key=lambda a: text(a).casefold())
        rows = [
            Answer(
                text(answer),
                given.get(answer, 0),
                round(float(Fraction(given.get(answer, 0), answered)) * 100),
                (part, answer) in right,
            )
            for answer in ranked
        ]
        parts.append(
            PartSpread(" / ".join(label.with_sentence for label in labels.find(part)), rows)
        )
    return Spread(students=students, answered=answered, parts=parts, written=written)


MAX_CHOICES_SHOWN = 8
MAX_OPTIONS_SHOWN = 12


def _offered(question: Question) -> tuple[list[str], list[str]]:
    """The choices, statements or items the question shows (when few enough to read on a
    screen; a whole document's sentences are on the document's slide) and its categories.
    In alphabetical order, never the author's, which often puts the key first."""
    qt = registry.get_or_missing(question.type)
    public = qt.public_spec(qt.parse_spec(question.spec))
    labels = [label.with_sentence for label in qt.part_labels(public).values()]
    categories = sorted(qt.value_labels(public).values(), key=str.casefold)
    if len(labels) > MAX_OPTIONS_SHOWN:
        labels = []
    return sorted(labels, key=str.casefold), categories


def _choices(given: set[str], part: str, labels, values) -> list[str]:
    """Every answer a part could have been given, when they are few: the categories, or the
    question's choices (labels that are not the part itself)."""
    if given <= set(values):
        candidates = list(values)
    elif given <= set(labels) and not labels.find(part):
        candidates = list(labels)
    else:
        return []
    return candidates if len(candidates) <= MAX_CHOICES_SHOWN else []


def _part_order(part: str, order: dict[str, int]) -> tuple[int, ...]:
    return tuple(order.get(piece, len(order)) for piece in part.split(".")) if part else (-1,)


def _full_marks(question: Question, data) -> bool:
    qt = registry.get_or_missing(question.type)
    try:
        return qt.grade(qt.parse_spec(question.spec), data).fraction == 1
    except ValueError:
        return False
