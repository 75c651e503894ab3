"""Every URL of the project, requested as every kind of visitor, answers as the matrix says.

The list of URLs comes from the URL configuration itself: a new URL without a row in MATRIX
fails `test_every_url_has_a_row_in_the_matrix`, so nobody can add a page and forget who may
see it."""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create, classroom_create, membership_add
from quizzes import services
from studio.services import draft_create, draft_save
from tests.conftest import PASSWORD

ROLES = (
    "anonymous",
    "student",
    "other_student",
    "teacher",
    "other_teacher",
    "staff",
    "school_admin",
)

# Outcomes: OK (2xx, or a redirect that is not to the login page), LOGIN (redirect to log in),
# DENY (403 or 404: the object does not exist for this visitor), NOT_FOUND (404 only),
# FORBIDDEN (403 only: a page of another role).
OK, LOGIN, DENY, NOT_FOUND, FORBIDDEN = "ok", "login", "deny", "404", "403"


@dataclass(frozen=True)
class Row:
    method: str
    args: tuple[str, ...]  # names of objects in the world, in URL order
    expect: dict[str, str]
    data: dict = field(default_factory=dict)
    # For a page whose form makes a change (requested above with GET): that form, posted by
    # every visitor too, with the same outcomes. The change itself is tested in the app's tests.
    post: dict | None = None


def everyone(outcome: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, outcome) for role in ROLES}


def signed_in(outcome: str, **overrides: str) -> dict[str, str]:
    return everyone(outcome, anonymous=LOGIN, **overrides)


OWNER_ONLY = signed_in(NOT_FOUND, student=OK)
# A student's data: their teachers (within their classes) and the school administrator. Not
# staff: a content author has no authority over students (issue 13, finding 9).
TEACHER_OF_STUDENT = signed_in(NOT_FOUND, teacher=OK, school_admin=OK)
# The teacher's pages say 403 to a student or a content author: a role's refusal, not a 404.
ANY_TEACHER = signed_in(FORBIDDEN, teacher=OK, other_teacher=OK)
CLASS_TEACHER = signed_in(FORBIDDEN, teacher=OK, other_teacher=NOT_FOUND)
STUDENT_OF_ASSIGNMENT = signed_in(DENY, student=OK, other_student=NOT_FOUND)
BROWSER_FORM = {"csrfmiddlewaretoken": "not-checked-by-the-test-client"}

MATRIX: dict[str, Row] = {
    "home": Row("get", (), signed_in(OK)),
    "healthz": Row("get", (), everyone(OK)),
    "favicon": Row("get", (), everyone(OK)),
    "web_manifest": Row("get", (), everyone(OK)),
    "accounts:login": Row("get", (), everyone(OK)),
    "accounts:logout": Row("post", (), everyone(LOGIN)),
    "accounts:language_set": Row("post", (), everyone(OK), data={"language": "az", "next": "/"}),
    "accounts:password_change": Row("get", (), signed_in(OK)),
    "accounts:password_change_done": Row("get", (), signed_in(OK)),
    # A forgotten password (issue 13, point 7): public; with e-mail off the page says whom to ask.
    "accounts:password_reset": Row("get", (), everyone(OK)),
    "accounts:password_reset_done": Row("get", (), everyone(OK)),
    "accounts:password_reset_confirm": Row("get", ("reset_uid", "reset_token"), everyone(OK)),
    "accounts:password_reset_complete": Row("get", (), everyone(OK)),
    "learning:attempt_start": Row(
        "post",
        ("assignment",),
        signed_in(DENY, student=OK, other_student=NOT_FOUND),
    ),
    "learning:preview_start": Row(
        "post",
        ("lesson_slug",),
        signed_in(OK, student=DENY, other_student=DENY, school_admin=DENY),
    ),
    "learning:attempt_take": Row("get", ("attempt",), OWNER_ONLY),
    "learning:attempt_result": Row("get", ("attempt",), OWNER_ONLY),
    # Autosave refuses a form without a single field (400): post what a browser's form always has.
    "learning:response_save": Row("post", ("attempt", "question"), OWNER_ONLY, BROWSER_FORM),
    # The student's pages (issue 5): students only; another class's assignment does not exist.
    "learning:join": Row("get", (), everyone(DENY, anonymous=OK, student=OK, other_student=OK)),
    "learning:dashboard": Row("get", (), signed_in(DENY, student=OK, other_student=OK)),
    "learning:skills": Row("get", (), signed_in(DENY, student=OK, other_student=OK)),
    "learning:assignment": Row("get", ("assignment",), STUDENT_OF_ASSIGNMENT),
    "learning:step": Row("get", ("assignment", "step"), STUDENT_OF_ASSIGNMENT),
    "learning:activity_check": Row("post", ("assignment", "activity"), STUDENT_OF_ASSIGNMENT),
    "learning:activity_save": Row(
        "post", ("assignment", "activity"), STUDENT_OF_ASSIGNMENT, BROWSER_FORM
    ),
    # Issue 14: the student's switch of reading level; a lesson's figures, content every
    # signed-in user may see (students on steps, teachers in previews), never anonymous visitors.
    "learning:reading_level": Row(
        "post", ("assignment",), STUDENT_OF_ASSIGNMENT, {"level": "simpler", "step": "context"}
    ),
    # Issue 18: the student's switch between a lesson's translation and its original.
    "learning:lesson_language": Row(
        "post", ("assignment",), STUDENT_OF_ASSIGNMENT, {"original": "1", "next": "/lessons/"}
    ),
    "learning:figure": Row("get", ("lesson", "figure", "figure_digest"), signed_in(OK)),
    # Issue 15: the lesson's glossary and sources, which the step pages load when opened.
    "learning:glossary": Row("get", ("assignment",), STUDENT_OF_ASSIGNMENT),
    # The teacher's pages (issue 6): teachers only; another teacher's class does not exist.
    "classroom:classroom_list": Row("get", (), ANY_TEACHER),
    "classroom:classroom_create": Row("get", (), ANY_TEACHER),
    "classroom:lesson_list": Row("get", (), ANY_TEACHER),
    "classroom:lesson_guide": Row("get", ("lesson_slug",), ANY_TEACHER),
    "classroom:classroom_progress": Row("get", ("classroom",), CLASS_TEACHER),
    "classroom:progress_grid": Row("get", ("classroom",), CLASS_TEACHER),
    "classroom:classroom_edit": Row("get", ("classroom",), CLASS_TEACHER, post={"name": "Renamed"}),
    "classroom:classroom_archive": Row(
        "post", ("classroom",), CLASS_TEACHER, data={"action": "archive"}
    ),
    "classroom:join_code_regenerate": Row("post", ("classroom",), CLASS_TEACHER),
    "classroom:classroom_students": Row("get", ("classroom",), CLASS_TEACHER),
    "classroom:roster_import": Row(
        "get", ("classroom",), CLASS_TEACHER, post={"text": "new.student,New Student"}
    ),
    "classroom:membership_remove": Row("get", ("classroom", "student"), CLASS_TEACHER, post={}),
    "classroom:student_password_reset": Row(
        "get", ("classroom", "student"), CLASS_TEACHER, post={"reason": "Forgot it"}
    ),
    "classroom:assignment_create": Row("get", ("classroom",), CLASS_TEACHER),
    "classroom:assignment_analysis": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
    "classroom:assignment_edit": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
    # The projector view (issue 19, point 5): the class's answers, for its teacher only.
    "classroom:projector": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
    "classroom:projector_slide": Row("get", ("classroom", "assignment", "slide"), CLASS_TEACHER),
    "classroom:extension_list": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
    # Its POST (applying a regrade) is refused the same way: tests/classroom/test_regrade_views.py.
    "classroom:assignment_regrade": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
    "classroom:extension_delete": Row(
        "post", ("classroom", "assignment", "student"), CLASS_TEACHER
    ),
    "classroom:student_work": Row("get", ("classroom", "assignment", "student"), CLASS_TEACHER),
    # Posted without a question: the teacher reaches the form check (400), nobody else does.
    "classroom:item_score": Row(
        "post",
        ("classroom", "attempt"),
        signed_in(FORBIDDEN, teacher="400", other_teacher=NOT_FOUND),
    ),
    "classroom:attempt_reset": Row(
        "get", ("classroom", "attempt"), CLASS_TEACHER, post={"reason": "Fire drill"}
    ),
    "classroom:export_gradebook": Row("get", ("classroom",), CLASS_TEACHER),
    "classroom:export_responses": Row("get", ("classroom",), CLASS_TEACHER),
    "privacy:student_export": Row("get", ("student",), TEACHER_OF_STUDENT),
    "privacy:student_delete": Row("get", ("student",), TEACHER_OF_STUDENT),
    # Joining a class and login waits (issue 13, points 3 and 4): the class's teacher only.
    "classroom:join_settings": Row(
        "get", ("classroom",), CLASS_TEACHER, post={"join_open": "on", "join_approval": "on"}
    ),
    # The student is a member, not a requester: even the class's teacher finds no request.
    "classroom:join_request_answer": Row(
        "post",
        ("classroom", "student"),
        signed_in(FORBIDDEN, teacher=NOT_FOUND, other_teacher=NOT_FOUND),
        data={"action": "approve"},
    ),
    "classroom:student_login_unlock": Row("post", ("classroom", "student"), CLASS_TEACHER),
}

# --- The school administrator's pages (issue 13, point 1) ---------------------------------
# For the school administrator only: everyone else signed in gets a role's refusal (403). The
# shared student (a person reached through several classes) is in test_shared_student.py.
SCHOOL_ADMIN_ONLY = signed_in(FORBIDDEN, school_admin=OK)
MATRIX.update(
    {
        "school:account_list": Row("get", (), SCHOOL_ADMIN_ONLY),
        "school:account_detail": Row("get", ("student",), SCHOOL_ADMIN_ONLY),
        "school:account_password_reset": Row(
            "get", ("student",), SCHOOL_ADMIN_ONLY, post={"reason": "Forgot it"}
        ),
        "school:account_username_change": Row(
            "get",
            ("student",),
            SCHOOL_ADMIN_ONLY,
            post={"username": "renamed.student", "reason": "Spelling"},
        ),
        # The administrator is the last visitor: the student is deleted at the very end.
        "school:account_delete": Row(
            "get",
            ("student",),
            SCHOOL_ADMIN_ONLY,
            post={"reason": "Left the school", "confirm_username": "student"},
        ),
        "school:classroom_list": Row("get", (), SCHOOL_ADMIN_ONLY),
        "school:teacher_list": Row("get", (), SCHOOL_ADMIN_ONLY),
        "school:teacher_create": Row(
            "get", (), SCHOOL_ADMIN_ONLY, post={"username": "new.teacher"}
        ),
        "school:audit_log": Row("get", (), SCHOOL_ADMIN_ONLY),
        # Issue 17: the student's LMS identities; an LMS-only account merged into theirs.
        "school:lms_link_search": Row("get", ("student",), SCHOOL_ADMIN_ONLY),
        "school:lms_link": Row(
            "get", ("student", "lms_source"), SCHOOL_ADMIN_ONLY, post={"reason": "Same person"}
        ),
        "school:lms_unlink": Row(
            "get", ("student", "lms_identity"), SCHOOL_ADMIN_ONLY, post={"reason": "Two people"}
        ),
    }
)

# --- Inside the LMS (issue 17): the LTI tool and the question exchange --------------------
# The LMS's endpoints answer everyone the same: the key set is public; a login or launch
# without the LMS's parameters is refused (400, 403) whoever asks. Class A is not an LMS course:
# its teacher finds no LMS page for it (the LMS pages themselves: tests/lti).
NOT_AN_LMS_COURSE = signed_in(FORBIDDEN, teacher=NOT_FOUND, other_teacher=NOT_FOUND)
# The quiz with its key: teachers and content authors. The import into a shared lesson: authors.
KEY_READERS = signed_in(FORBIDDEN, teacher=OK, other_teacher=OK, staff=OK)
MATRIX.update(
    {
        "lti:jwks": Row("get", (), everyone(OK)),
        "lti:login": Row("get", (), everyone("400")),
        "lti:launch": Row("post", (), everyone("403")),
        "lti:deep_link": Row("get", (), signed_in(FORBIDDEN)),
        "lti:course": Row("get", ("classroom",), NOT_AN_LMS_COURSE),
        "lti:roster_sync": Row("post", ("classroom",), NOT_AN_LMS_COURSE),
        "lti:grades": Row("get", ("classroom", "assignment"), CLASS_TEACHER),
        "exchange:quiz_moodle": Row("get", ("lesson_slug",), KEY_READERS),
        "exchange:quiz_qti": Row("get", ("lesson_slug",), KEY_READERS),
        "exchange:quiz_import": Row("get", ("lesson_slug",), signed_in(FORBIDDEN, staff=OK)),
        "exchange:lesson_package": Row("get", ("lesson_slug",), KEY_READERS),
        "exchange:lesson_import": Row("get", (), signed_in(FORBIDDEN, staff=OK)),
    }
)

# --- The lesson studio (issue 16): teachers and content authors make lessons; a draft is its
# owner's alone (the teacher's here), even for a content author.
LESSON_MAKERS = signed_in(FORBIDDEN, teacher=OK, other_teacher=OK, staff=OK)
DRAFT_OWNER = signed_in(FORBIDDEN, teacher=OK, other_teacher=NOT_FOUND, staff=NOT_FOUND)
DRAFT_POST = {"sentence": "s1", "offset": "3", "term": "ferry", "type": "true_false"}
MATRIX.update(
    {
        "studio:draft_list": Row("get", (), LESSON_MAKERS),
        "studio:draft_create": Row("get", (), LESSON_MAKERS),
        "studio:lesson_copy": Row("post", ("lesson_slug",), LESSON_MAKERS),
        "studio:draft_document": Row("get", ("draft",), DRAFT_OWNER),
        "studio:sentence_merge": Row("post", ("draft",), DRAFT_OWNER, data=DRAFT_POST),
        "studio:sentence_split": Row("post", ("draft",), DRAFT_OWNER, data=DRAFT_POST),
        "studio:glossary_term_add": Row("post", ("draft",), DRAFT_OWNER, data=DRAFT_POST),
        "studio:draft_details": Row("get", ("draft",), DRAFT_OWNER),
        "studio:draft_sourcing": Row("get", ("draft",), DRAFT_OWNER),
        "studio:draft_context": Row("get", ("draft",), DRAFT_OWNER),
        "studio:draft_steps": Row("get", ("draft",), DRAFT_OWNER),
        "studio:question_new": Row("get", ("draft", "place"), DRAFT_OWNER),
        "studio:question_preview": Row("post", ("draft", "place"), DRAFT_OWNER, data=DRAFT_POST),
        "studio:question_edit": Row("get", ("draft", "place", "index"), DRAFT_OWNER),
        "studio:question_delete": Row("get", ("draft", "place", "index"), DRAFT_OWNER, post={}),
        "studio:draft_preview": Row("get", ("draft",), DRAFT_OWNER),
        # Not complete yet: refused with the list of what to fix (its success: tests/studio).
        "studio:draft_publish": Row(
            "post",
            ("draft",),
            signed_in(FORBIDDEN, teacher="400", other_teacher=NOT_FOUND, staff=NOT_FOUND),
        ),
    }
)

SKIPPED_NAMESPACES = {
    "admin"
}  # Django admin: staff-only by its own permission checks, tested below


def url_names(patterns=None, namespace="") -> list[str]:
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            names.extend(url_names(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def world(db, example_lesson):
    """Two classes, each with a teacher and a student; student A has an attempt in progress."""
    make = {
        name: user_create(username=name, password=PASSWORD, role=role, is_staff=staff)
        for name, role, staff in [
            ("student", User.Role.STUDENT, False),
            ("other_student", User.Role.STUDENT, False),
            ("teacher", User.Role.TEACHER, False),
            ("other_teacher", User.Role.TEACHER, False),
            ("staff", User.Role.AUTHOR, True),
            ("school_admin", User.Role.SCHOOL_ADMIN, False),
        ]
    }
    class_a = classroom_create(teacher=make["teacher"], name="Class A")
    class_b = classroom_create(teacher=make["other_teacher"], name="Class B")
    membership_add(classroom=class_a, student=make["student"])
    membership_add(classroom=class_b, student=make["other_student"])
    now = timezone.now()
    assignment = assignment_create(
        classroom=class_a,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=1),
    )
    assignment_create(
        classroom=class_b,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=1),
    )
    attempt = services.attempt_start(
        student=make["student"], lesson=example_lesson, assignment=assignment
    )
    lms_source, lms_identity = _lms_identities(make["student"])
    draft = draft_create(
        owner=make["teacher"], text="The old ferry sailed. It came back.\n", title="Ferry"
    )
    draft.tree["quiz"]["items"] = [
        {"id": "q1", "type": "true_false", "prompt": "True?", "spec": {"answer": True}}
    ]
    draft_save(draft=draft)
    objects = {
        "lms_source": lms_source.pk,
        "lms_identity": lms_identity.pk,
        "assignment": assignment.pk,
        "attempt": attempt.pk,
        "question": attempt.item_order[0],
        "lesson_slug": example_lesson.slug,
        "lesson": example_lesson.pk,
        "figure": "millbrook-map",
        "figure_digest": example_lesson.figures.get(key="millbrook-map").digest,
        "slide": 1,
        "step": "context",
        "activity": example_lesson.questions.exclude(step__kind="quiz").first().pk,
        "student": make["student"].pk,
        "classroom": class_a.pk,
        "reset_uid": "MQ",  # a password reset link that is not valid: the page says so
        "reset_token": "set-password",
        "draft": draft.pk,
        "place": "quiz",
        "index": 0,
    }
    return make, objects


def _lms_identities(student):
    """The student signs in from one LMS too; an LMS-only account (no password) from another."""
    from lti_tool.models import LtiRegistration, LtiUser

    def platform(name):
        return LtiRegistration.objects.create(
            name=name, issuer=f"https://{name}", client_id="c", auth_url="https://a",
            token_url="https://t", keyset_url="https://k",
        )  # fmt: skip

    identity = LtiUser.objects.create(registration=platform("lms-a"), sub="s-1", auth_user=student)
    source = user_create(username="lti-2-abc", password=None, role=User.Role.STUDENT)
    LtiUser.objects.create(registration=platform("lms-b"), sub="s-2", auth_user=source)
    return source, identity


def outcome(response) -> str:
    if response.status_code in (401, 403):
        return "403"
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code in (301, 302) and "/accounts/login/" in response.url:
        return LOGIN
    if response.status_code < 400:
        return OK
    return str(response.status_code)


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(set(url_names()) - set(MATRIX))
    assert not missing, f"URLs without an access rule in the matrix: {missing}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access_matrix(client, world, name):
    users, objects = world
    row = MATRIX[name]
    url = reverse(name, args=[objects[arg] for arg in row.args])
    requests = [(row.method, row.data, "")]
    if row.post is not None:
        requests.append(("post", row.post, " post"))
    seen, expected = {}, {}
    for role in ROLES:
        for method, data, suffix in requests:
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            response = getattr(client, method)(url, data)
            seen[role + suffix] = got = outcome(response)
            want = row.expect[role]
            # DENY accepts either refusal: 403 (not for your role) or 404 (not yours to know of).
            expected[role + suffix] = got if want == DENY and got in ("403", NOT_FOUND) else want
            if got == LOGIN and name != "accounts:logout":  # and brought back after logging in
                assert parse_qs(urlsplit(response.url).query).get("next") == [url], response.url
    assert seen == expected, f"{name}: {url}"


def test_the_admin_is_for_staff_only(client, world):
    users, _ = world
    url = reverse("admin:index")
    for role in ("student", "teacher", "school_admin"):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(users["staff"])
    assert client.get(url).status_code == 200


def test_a_student_of_another_class_cannot_be_managed_through_ones_own_class(client, world):
    """The class in the URL is the teacher's own, the student is not in it (but in class B):
    removing or resetting them through it finds nobody."""
    users, objects = world
    client.force_login(users["teacher"])
    for name in ("classroom:student_password_reset", "classroom:membership_remove"):
        url = reverse(name, args=[objects["classroom"], users["other_student"].pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url).status_code == 404, name
    users["other_student"].refresh_from_db()
    assert users["other_student"].check_password(PASSWORD)
    assert users["other_student"].memberships.exists()
