"""The student's skills page: per skill, first-try correctness on activities and the quiz
points the teacher's settings release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from django.utils import timezone

from accounts.models import User
from lessons.models import Skill
from quizzes import policy
from quizzes.models import Attempt, Score
from quizzes.selectors import scores_latest
from quizzes.types import GradeState


@dataclass
class SkillRow:
    skill: str
    label: str
    first_tries: int = 0  # activities checked at least once
    first_try_right: int = 0  # of which right at the first try
    quiz_earned: Fraction = Fraction(0)
    quiz_possible: Fraction = Fraction(0)

    @property
    def first_try_percent(self) -> int | None:
        if not self.first_tries:
            return None
        return round(100 * self.first_try_right / self.first_tries)

    @property
    def quiz_percent(self) -> int | None:
        if not self.quiz_possible:
            return None
        return round(100 * self.quiz_earned / self.quiz_possible)

    @property
    def has_data(self) -> bool:
        return bool(self.first_tries or self.quiz_possible)


def skills_for_student(*, student: User, now: datetime | None = None) -> list[SkillRow]:
    """Progress per skill: first-try correctness on activities, and quiz points on submitted
    attempts whose score the teacher's settings release (a fixed number of queries)."""
    now = now or timezone.now()
    rows = {skill.value: SkillRow(skill.value, str(skill.label)) for skill in Skill}

    first_tries = Score.objects.filter(
        attempt__student=student,
        attempt__kind=Attempt.Kind.LESSON,
        origin=Score.Origin.CHECK,
        try_number=1,
    ).values_list("question__skills", "state")
    for skills, state in first_tries:
        if state == GradeState.UNGRADED:
            continue
        for skill in skills or []:
            if skill in rows:
                rows[skill].first_tries += 1
                rows[skill].first_try_right += state == GradeState.CORRECT

    released = [
        attempt.pk
        for attempt in Attempt.objects.filter(
            student=student, kind=Attempt.Kind.QUIZ, status=Attempt.Status.SUBMITTED
        ).select_related("assignment", "lesson__quiz")
        if _score_released(attempt, now)
    ]
    latest = scores_latest(
        attempts=released,
        fields=("state", "points_earned", "points_possible", "question__skills"),
        related=("question",),
    )
    for score in latest.values():
        if score.state == GradeState.UNGRADED:
            continue  # waiting for the teacher: neither right nor wrong yet
        for skill in score.question.skills or []:
            if skill in rows:
                rows[skill].quiz_earned += Fraction(score.points_earned)
                rows[skill].quiz_possible += Fraction(score.points_possible)
    return list(rows.values())


def _score_released(attempt: Attempt, now: datetime) -> bool:
    due_at = attempt.assignment.due_at if attempt.assignment_id else None
    settings = policy.attempt_settings(attempt)
    return policy.review_for(settings, submitted=True, due_at=due_at, now=now).score
