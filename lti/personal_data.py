"""What the LTI app holds about a person, for the privacy app's export and deletion
(`core.personal_data`): their LMS identities (issuer, subject, platform, dates) and the grades
sent, or being sent, to an LMS gradebook for them.

Deleting the whole account removes both: the grade rows cascade with the account, the
identities go with it (`receivers.forget_lms_identity`). A teacher's deletion of a student's
records in their own classes removes the grade rows of those classes and the mark that the LMS
put the student there; the identities stay with the account, which is kept."""

from lti_tool.models import LtiUser

from core.personal_data import Section

from .models import GradeSync, RosterMember


def _iso(value):
    return value.isoformat() if value else None


def lms_data_export(student, classrooms=None) -> dict:
    identities = LtiUser.objects.filter(auth_user=student).select_related("registration", "seen")
    grades = GradeSync.objects.filter(student=student).select_related(
        "link__assignment__lesson", "link__assignment__classroom", "lti_user__registration"
    )
    if classrooms is not None:
        # A teacher's export: the identities the LMS of these classes knows the student by.
        identities = identities.filter(
            registration__deployments__contexts__course_class__classroom__in=classrooms
        ).distinct()
        grades = grades.filter(link__assignment__classroom__in=classrooms)
    return {
        "lms_identities": [
            {
                "platform": i.registration.name,
                "issuer": i.registration.issuer,
                "subject": i.sub,
                "name": i.name,
                "created_at": _iso(i.datetime_created),
                "last_launch_at": _iso(getattr(getattr(i, "seen", None), "last_launch_at", None)),
            }
            for i in identities.order_by("pk")
        ],
        "lms_grades": [
            {
                "platform": g.lti_user.registration.name,
                "class": g.link.assignment.classroom.name,
                "lesson": g.link.assignment.lesson.slug,
                "score_given": str(g.score_given),
                "score_maximum": str(g.score_maximum),
                "changed_at": _iso(g.timestamp),
                "status": g.status,
                "tries": g.tries,
                "sent_at": _iso(g.sent_at),
            }
            for g in grades.order_by("pk")
        ],
    }


def lms_data_erase(student, classrooms) -> int:
    deleted, _rows = GradeSync.objects.filter(
        student=student, link__assignment__classroom__in=classrooms
    ).delete()
    RosterMember.objects.filter(student=student, course__classroom__in=classrooms).delete()
    return deleted


SECTION = Section(name="lms", export=lms_data_export, erase=lms_data_erase)
