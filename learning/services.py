"""Writes the student's pages make besides answers (those go through quizzes.services)."""

from django.utils.translation import gettext as _

from lessons.models import LessonOriginalChoice, ReadingLevel, StepKind
from quizzes.models import Attempt


def lesson_progress_save(*, attempt: Attempt, step_kind: str) -> bool:
    """Remember the step a student is on, so that coming back (on any device) resumes there.

    `attempt` is the student's lesson-work attempt (kind LESSON). Writes only when the step
    changes; returns whether it wrote."""
    if attempt.kind != Attempt.Kind.LESSON:
        raise ValueError(_("Progress is kept on the lesson-work attempt."))
    if step_kind not in StepKind.values:
        raise ValueError(_("Unknown step %(step)r.") % {"step": step_kind})
    if attempt.current_step == step_kind:
        return False
    attempt.current_step = step_kind
    Attempt.objects.filter(pk=attempt.pk).update(current_step=step_kind)
    return True


def lesson_reading_level_save(*, attempt: Attempt, level: str) -> None:
    """The student's choice of reading level for this lesson's texts, kept on their lesson-work
    attempt (it overrides the assignment's level for them)."""
    if attempt.kind != Attempt.Kind.LESSON:
        raise ValueError("The reading level is kept on the lesson-work attempt.")
    if level not in ReadingLevel.values:
        raise ValueError(f"Unknown reading level {level!r}.")
    attempt.reading_level = level
    Attempt.objects.filter(pk=attempt.pk).update(reading_level=level)


def lesson_original_choose(*, user, lesson, original: bool) -> None:
    """Remember whether ``user`` reads ``lesson`` in its original language rather than in the
    translation into their interface language (learning.translations)."""
    if original:
        LessonOriginalChoice.objects.get_or_create(user=user, lesson=lesson)
    else:
        LessonOriginalChoice.objects.filter(user=user, lesson=lesson).delete()
