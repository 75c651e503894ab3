"""The roster sync takes out the learners the LMS no longer lists (or lists as Inactive or
Deleted), keeping their work, and leaves the students a teacher added by hand; driven by
lti1p3platform's Names and Role Provisioning service."""

from django.contrib.messages import get_messages
from lti_tool.models import LtiUser

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from classroom.models import Membership
from classroom.services import membership_add
from lti.models import CourseClass, LinkedAssignment, RosterMember
from quizzes.models import Attempt
from tests.classroom.conftest import answer_quiz

from .conftest import lti_launch
from .platform import INSTRUCTOR, LEARNER


def learner(user_id: str, name: str, status: str = "Active") -> dict:
    return {"user_id": user_id, "roles": [LEARNER], "name": name, "status": status}


def setup_course(client, lms, lesson):
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], custom={"lesson": lesson.slug})
    return CourseClass.objects.select_related("classroom").get()


def sync(client, course) -> str:
    response = client.post(f"/lti/classes/{course.classroom.pk}/roster/", follow=True)
    assert response.status_code == 200
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def members(course) -> list[str]:
    rows = Membership.objects.filter(classroom=course.classroom).select_related("student")
    return sorted(str(m.student) for m in rows)


def test_a_learner_who_left_the_lms_course_leaves_the_class_with_their_work_kept(
    client, lms, example_lesson
):
    course = setup_course(client, lms, example_lesson)
    lms.platform.members = [learner("s-1", "Sam Pupil"), learner("s-2", "Kim Lee")]
    assert "2 added, 0 removed" in sync(client, course)
    sam = LtiUser.objects.get(sub="s-1").auth_user
    assignment = LinkedAssignment.objects.get().assignment
    attempt = answer_quiz(student=sam, assignment=assignment)

    lms.platform.members = [learner("s-2", "Kim Lee")]
    summary = sync(client, course)

    assert "0 added, 1 removed, 1 already in the class" in summary
    assert members(course) == ["Kim Lee"]
    assert Attempt.objects.filter(pk=attempt.pk, student=sam).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LMS_ROSTER_REMOVED)
    assert entry.subject_user_id == sam.pk
    assert entry.actor == course.classroom.teacher
    assert entry.details == {"class_id": course.classroom.pk}

    # Back in the LMS course, the learner is back in the class and finds their work.
    lms.platform.members = [learner("s-2", "Kim Lee"), learner("s-1", "Sam Pupil")]
    assert "1 added, 0 removed" in sync(client, course)
    assert members(course) == ["Kim Lee", "Sam Pupil"]
    client.logout()
    lti_launch(client, lms, user_id="s-1", custom={"lesson": example_lesson.slug})
    assert int(client.session["_auth_user_id"]) == sam.pk
    assert list(Attempt.objects.filter(student=sam, assignment=assignment)) == [attempt]


def test_inactive_and_deleted_learners_are_taken_out(client, lms, example_lesson):
    course = setup_course(client, lms, example_lesson)
    lms.platform.members = [learner("s-1", "Sam Pupil"), learner("s-2", "Kim Lee")]
    sync(client, course)

    lms.platform.members = [
        learner("s-1", "Sam Pupil", status="Inactive"),
        learner("s-2", "Kim Lee", status="Deleted"),
    ]
    summary = sync(client, course)

    assert "0 added, 2 removed" in summary
    assert members(course) == []
    assert not RosterMember.objects.exists()
    assert User.objects.filter(role=User.Role.STUDENT).count() == 2  # accounts kept


def test_students_the_teacher_added_by_hand_stay(client, lms, example_lesson):
    course = setup_course(client, lms, example_lesson)
    by_hand = user_create(username="pat", password=None, role=User.Role.STUDENT)
    membership_add(classroom=course.classroom, student=by_hand)
    # A learner who launched (the LMS put them in) and one the LMS lists.
    client.logout()
    lti_launch(
        client, lms, user_id="s-9", name="Lou Launch", custom={"lesson": example_lesson.slug}
    )
    client.logout()
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR])
    lms.platform.members = [learner("s-1", "Sam Pupil")]

    summary = sync(client, course)

    assert "1 added, 1 removed" in summary
    assert members(course) == ["Sam Pupil", "pat"]


def test_a_teacher_added_student_the_lms_also_lists_is_not_taken_out_later(
    client, lms, example_lesson
):
    course = setup_course(client, lms, example_lesson)
    lms.platform.members = [learner("s-1", "Sam Pupil")]
    sync(client, course)
    sam = LtiUser.objects.get(sub="s-1").auth_user
    RosterMember.objects.filter(student=sam).delete()  # as if the teacher had added Sam first

    lms.platform.members = []
    assert "0 added, 0 removed, 0 already" in sync(client, course)
    assert members(course) == ["Sam Pupil"]
