from django.http import Http404

from lessons.models import Lesson


def lesson_with_quiz(*, slug: str) -> Lesson:
    """A lesson that has a quiz (lessons are shared by all teachers and authors), or 404."""
    lesson = Lesson.objects.filter(slug=slug, quiz__isnull=False).first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def lesson_for_staff(*, slug: str) -> Lesson:
    """A lesson whose teacher material (key, guide, package) teachers and authors may see."""
    lesson = Lesson.objects.filter(slug=slug).first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson
