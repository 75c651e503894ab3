"""Grades to the LMS as django-tasks tasks, run by the database worker (`manage.py db_worker`,
as for the quizzes' closing task: README). A change of grade enqueues `grades_send_for_attempt`
after its transaction commits; a send the LMS refused is tried again by `grade_resend`, deferred
to its backoff time. `manage.py lti_send_grades` sweeps whatever is due (a worker that was down,
a backend that cannot defer)."""

from django_tasks import task

from .models import GradeSync
from .services.grades import grade_send, grades_queue_for_attempt, sync_for_send


@task()
def grades_send_for_attempt(attempt_id: int) -> int:
    """Store the student's new grade on each LMS link of the attempt's assignment and send it;
    returns how many the LMS took."""
    sent = 0
    for sync in grades_queue_for_attempt(attempt_id=attempt_id):
        sent += _send(sync.pk)
    return sent


@task()
def grade_resend(sync_id: int) -> int:
    """One more try of a grade the LMS did not take (skipped if it was sent meanwhile)."""
    return _send(sync_id)


def _send(sync_id: int) -> int:
    sync = sync_for_send(sync_id)
    if sync is None or sync.status == GradeSync.Status.SENT:
        return 0
    sync = grade_send(sync=sync)
    if sync.status == GradeSync.Status.FAILED and grade_resend.get_backend().supports_defer:
        grade_resend.using(run_after=sync.next_try_at).enqueue(sync.pk)
    return int(sync.status == GradeSync.Status.SENT)
