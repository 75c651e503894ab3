"""Launches that must be refused: each gets a 4xx page saying why, and creates nothing (no
account, LMS user, course, class, deployment or link)."""

import base64
import json

import pytest
from lti_tool.models import LtiContext, LtiDeployment, LtiResourceLink, LtiUser

from accounts.models import User
from classroom.models import Classroom
from lti.models import CourseClass, LinkedAssignment

from .conftest import CLIENT_ID, DEPLOYMENT, ISSUER, authenticate, lti_launch
from .platform import INSTRUCTOR, Platform, launch_form, rsa_pair

MODELS = [User, LtiUser, LtiContext, LtiDeployment, LtiResourceLink, Classroom, CourseClass]


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in [*MODELS, LinkedAssignment]}


@pytest.fixture
def custom(example_lesson):
    return {"lesson": example_lesson.slug}


def forged_platform(lms, platform_keys, **overrides) -> Platform:
    values = {"iss": ISSUER, "client_id": CLIENT_ID, "deployment_id": DEPLOYMENT}
    return Platform(base=lms.base, keys=overrides.pop("keys", platform_keys), **values | overrides)


def post_launch(client, form: dict, **fields):
    data = {"id_token": form["id_token"], "state": form["state"]} | fields
    return client.post("/lti/launch/", {k: v for k, v in data.items() if v is not None})


def assert_refused(response, before: dict, words: bytes, status: int = 403) -> None:
    assert response.status_code == status
    assert words in response.content
    assert counts() == before
    assert "_auth_user_id" not in response.wsgi_request.session


def instructor_form(client, lms, platform, custom, **claims) -> dict:
    # The forged platform signs for the nonce and state the tool gave the real one.
    params = authenticate(client, lms, user_id="teacher-7")
    params["client_id"] = platform.registration.get_client_id()
    return launch_form(
        platform, params, user_id="teacher-7", roles=[INSTRUCTOR], custom=custom, **claims
    )


def test_a_replayed_launch_is_refused(client, lms, custom):
    params = authenticate(client, lms, user_id="teacher-7")
    form = launch_form(lms.platform, params, user_id="teacher-7", roles=[INSTRUCTOR], custom=custom)
    assert post_launch(client, form).status_code == 302
    client.logout()
    before = counts()

    assert_refused(post_launch(client, form), before, b"already used")


def test_an_expired_token_is_refused(client, lms, custom):
    before = counts()
    form = instructor_form(client, lms, lms.platform, custom, expiration=-120)

    assert_refused(post_launch(client, form), before, b"could not be verified")


def test_a_token_from_an_unregistered_issuer_is_refused(client, lms, custom, platform_keys):
    before = counts()
    form = instructor_form(
        client, lms, forged_platform(lms, platform_keys, iss="https://evil.example"), custom
    )

    assert_refused(post_launch(client, form), before, b"could not be verified")


def test_a_token_for_another_audience_is_refused(client, lms, custom, platform_keys):
    before = counts()
    form = instructor_form(
        client, lms, forged_platform(lms, platform_keys, client_id="another-tool"), custom
    )

    assert_refused(post_launch(client, form), before, b"could not be verified")


def test_an_unknown_deployment_is_refused_and_not_recorded(client, lms, custom, platform_keys):
    before = counts()
    form = instructor_form(
        client, lms, forged_platform(lms, platform_keys, deployment_id="deployment-x"), custom
    )

    assert_refused(post_launch(client, form), before, b"could not be verified")
    assert not LtiDeployment.objects.filter(deployment_id="deployment-x").exists()


def test_an_inactive_deployment_is_refused(client, lms, custom):
    LtiDeployment.objects.update(is_active=False)
    before = counts()
    form = instructor_form(client, lms, lms.platform, custom)

    assert_refused(post_launch(client, form), before, b"could not be verified")


def test_a_token_signed_with_another_key_is_refused(client, lms, custom, platform_keys):
    before = counts()
    form = instructor_form(
        client, lms, forged_platform(lms, platform_keys, keys=rsa_pair()), custom
    )

    assert_refused(post_launch(client, form), before, b"could not be verified")


def test_a_tampered_token_is_refused(client, lms, custom):
    before = counts()
    form = instructor_form(client, lms, lms.platform, custom)
    header, body, signature = form["id_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["sub"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")

    response = post_launch(client, form, id_token=f"{header}.{forged}.{signature}")

    assert_refused(response, before, b"could not be verified")


def test_a_launch_without_state_is_refused(client, lms, custom):
    before = counts()
    form = instructor_form(client, lms, lms.platform, custom)

    assert_refused(post_launch(client, form, state=None), before, b"Missing state")


def test_a_launch_with_another_state_is_refused(client, lms, custom):
    before = counts()
    form = instructor_form(client, lms, lms.platform, custom)

    assert_refused(post_launch(client, form, state="state-forged"), before, b"State not found")


def test_a_launch_that_is_not_a_jwt_is_a_clear_4xx(client, lms):
    before = counts()
    authenticate(client, lms, user_id="teacher-7")
    response = client.post("/lti/launch/", {"id_token": "not-a-token", "state": "x"})

    assert response.status_code in (400, 403)
    assert counts() == before


def test_a_login_from_an_unregistered_issuer_is_refused(client, lms):
    response = client.get(
        "/lti/login/",
        {
            "iss": "https://evil.example",
            "login_hint": "x",
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )

    assert response.status_code == 403
    assert b"could not be started" in response.content


def test_a_login_aimed_at_another_site_is_refused(client, lms):
    response = client.get(
        "/lti/login/",
        {"iss": ISSUER, "login_hint": "x", "target_link_uri": "https://evil.example/lti/launch/"},
    )

    assert response.status_code == 400


def test_the_launch_endpoint_takes_only_posts(client, lms):
    assert client.get("/lti/launch/").status_code == 405


def test_a_learner_cannot_reach_an_instructor_only_deep_link(client, lms, custom):
    before = counts()
    response = lti_launch(client, lms, user_id="student-1", custom=custom, deep_link=True)

    assert_refused(response, before, b"Only the course")
