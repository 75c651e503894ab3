"""Grades to the LMS gradebook (LTI Assignment and Grade Services).

When an attempt's total changes (submit or closing at the deadline, a teacher's override or
rubric score, a regrade), `quizzes.signals.attempt_total_changed` fires; after the transaction
commits a task stores the student's grade on each LMS link of the assignment (`grade_queue`)
and sends it (`grade_send`).
The grade is the assignment's grade as the teacher's grid shows it (`classroom.progress`,
decision 0004), out of its points possible. The sending runs in django-tasks tasks
(`lti/tasks.py`); a send that fails is tried again with exponential backoff; the teacher sees
"sent to the LMS" or "failed, retrying at …" per student (`lti:grades`)."""

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from lti_tool.models import LtiUser
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from requests import RequestException

from accounts.models import User
from classroom.models import Assignment
from classroom.selectors.progress import class_progress

from ..models import GradeSync, LinkedAssignment
from ..tool import connector

logger = logging.getLogger(__name__)
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=4)


def backoff(tries: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most 4 hours."""
    return min(BACKOFF_FIRST * 2 ** max(tries - 1, 0), BACKOFF_MAX)


def grade_queue(
    *, assignment: Assignment, student: User, now: datetime | None = None
) -> list[GradeSync]:
    """Store the student's current grade for every LMS link of the assignment; a grade that did
    not change since the last one stored is left as it is (not sent twice)."""
    now = now or timezone.now()
    links = list(
        LinkedAssignment.objects.filter(assignment=assignment)
        .exclude(lineitem_url="")
        .select_related("resource_link__context__deployment")
    )
    if not links:
        return []
    progress = class_progress(classroom=assignment.classroom, now=now).progress.get(
        (student.pk, assignment.pk)
    )
    if progress is None or progress.points is None or not progress.possible:
        return []
    queued = []
    for link in links:
        registration_id = link.resource_link.context.deployment.registration_id
        lti_user = LtiUser.objects.filter(
            registration_id=registration_id, auth_user=student
        ).first()
        if lti_user is None:
            continue
        values = {
            "score_given": progress.points,
            "score_maximum": progress.possible,
            "fully_graded": not progress.needs_scoring,
        }
        sync = GradeSync.objects.filter(link=link, student=student).first()
        if sync is not None and all(getattr(sync, k) == v for k, v in values.items()):
            continue
        sync, _created = GradeSync.objects.update_or_create(
            link=link,
            student=student,
            defaults=values
            | {
                "lti_user": lti_user,
                "timestamp": now,
                "status": GradeSync.Status.PENDING,
                "tries": 0,
                "next_try_at": now,
                "last_error": "",
            },
        )
        queued.append(sync)
    return queued


def grade_send(*, sync: GradeSync, now: datetime | None = None) -> GradeSync:
    """Send one stored grade to its line item; on failure, schedule the next try."""
    now = now or timezone.now()
    link = sync.link
    registration = link.resource_link.context.deployment.registration
    grade = (
        Grade()
        .set_score_given(float(sync.score_given))
        .set_score_maximum(float(sync.score_maximum))
        .set_timestamp(sync.timestamp.isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded" if sync.fully_graded else "PendingManual")
        .set_user_id(sync.lti_user.sub)
    )
    service = AssignmentsGradesService(
        connector(registration), {"scope": [SCORE_SCOPE], "lineitem": link.lineitem_url}
    )
    try:
        service.put_grade(grade)
    except (LtiException, LtiServiceException, RequestException, ValueError) as error:
        _failed(sync, now, str(error))
    except Exception as error:  # never let the LMS break the submit that triggered the send
        logger.exception("Sending grade %s to the LMS failed", sync.pk)
        _failed(sync, now, type(error).__name__)
    else:
        sync.status = GradeSync.Status.SENT
        sync.sent_at = now
        sync.next_try_at = None
        sync.last_error = ""
    sync.save(update_fields=["tries", "status", "next_try_at", "last_error", "sent_at"])
    return sync


def _failed(sync: GradeSync, now: datetime, error: str) -> None:
    sync.tries += 1
    sync.status = GradeSync.Status.FAILED
    sync.next_try_at = now + backoff(sync.tries)
    sync.last_error = error[:1000] or "error"


def grades_send_due(*, now: datetime | None = None) -> list[GradeSync]:
    """Send every stored grade that is waiting or whose next try is due."""
    now = now or timezone.now()
    due = GradeSync.objects.filter(
        status__in=[GradeSync.Status.PENDING, GradeSync.Status.FAILED], next_try_at__lte=now
    ).select_related("lti_user", "link__resource_link__context__deployment__registration")
    return [grade_send(sync=sync, now=now) for sync in due]


def sync_for_send(sync_id: int) -> GradeSync | None:
    return (
        GradeSync.objects.select_related(
            "lti_user", "link__resource_link__context__deployment__registration"
        )
        .filter(pk=sync_id)
        .first()
    )


def grades_queue_for_attempt(*, attempt_id: int) -> list[GradeSync]:
    """`grade_queue` for the attempt's student and assignment (nothing if it has no LMS link)."""
    from quizzes.models import Attempt

    attempt = (
        Attempt.objects.select_related("assignment__classroom", "student")
        .filter(pk=attempt_id, assignment__isnull=False)
        .first()
    )
    if attempt is None or not attempt.assignment.lms_links.exists():
        return []
    return grade_queue(assignment=attempt.assignment, student=attempt.student)
