from django.http import Http404

from lessons.models import Lesson
from lessons.selectors import lessons_visible_q


def lesson_with_quiz(*, user, slug: str) -> Lesson:
    """A lesson with a quiz that ``user`` may see (school lessons and their own), or 404."""
    lesson = Lesson.objects.filter(lessons_visible_q(user), slug=slug, quiz__isnull=False).first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def lesson_for_staff(*, user, slug: str) -> Lesson:
    """A lesson whose teacher material (key, guide, package) ``user`` may see: a school lesson
    or their own (never another teacher's private lesson), or 404."""
    lesson = Lesson.objects.filter(lessons_visible_q(user), slug=slug).first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson
