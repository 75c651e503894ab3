"""An LMS (tests/lti/platform.py) registered with Source Lab, and a browser that goes through
its launches."""

from urllib.parse import parse_qsl, urlparse

import pytest
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from .platform import LEARNER, Platform, PlatformServer, launch_form, login_url, rsa_pair

ISSUER = "https://lms.example.edu"
CLIENT_ID = "sourcelab-client"
DEPLOYMENT = "deployment-1"


@pytest.fixture(scope="session")
def platform_keys():
    return rsa_pair()


def register(server: PlatformServer, *, name="Example LMS") -> LtiRegistration:
    platform = server.platform
    registration = LtiRegistration.objects.create(
        name=name,
        issuer=platform.registration.get_iss(),
        client_id=platform.registration.get_client_id(),
        auth_url=f"{server.base}/auth",
        token_url=f"{server.base}/token",
        keyset_url=f"{server.base}/jwks",
    )
    LtiDeployment.objects.create(
        registration=registration,
        deployment_id=platform.registration.get_deployment_id(),
        is_active=True,
    )
    return registration


def start_lms(platform_keys, client, *, iss=ISSUER, client_id=CLIENT_ID, deployment=DEPLOYMENT):
    server = PlatformServer(
        lambda base: Platform(
            base=base, keys=platform_keys, iss=iss, client_id=client_id, deployment_id=deployment
        )
    )
    if not Key.objects.exists():
        Key.objects.generate()
    # The LMS reads the tool's key set from Source Lab's JWKS endpoint.
    server.platform.registration.set_tool_key_set(client.get("/lti/jwks/").json())
    return server


@pytest.fixture
def lms(db, platform_keys, client):
    server = start_lms(platform_keys, client)
    server.registration = register(server)
    yield server
    server.stop()


def authenticate(client, server: PlatformServer, *, user_id: str) -> dict:
    """The browser follows the LMS's login initiation to the tool, which answers with a
    redirect to the LMS's authorisation endpoint; returns that request's parameters."""
    url = urlparse(login_url(server.platform, user_id=user_id))
    response = client.get(url.path, dict(parse_qsl(url.query)))
    assert response.status_code == 302, response.content
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{server.base}/auth"
    return dict(parse_qsl(location.query))


def lti_launch(client, server: PlatformServer, *, user_id: str, roles=(LEARNER,), **claims):
    """A whole launch: login initiation, authentication, the signed form posted to the tool."""
    params = authenticate(client, server, user_id=user_id)
    form = launch_form(server.platform, params, user_id=user_id, roles=list(roles), **claims)
    assert form["launch_url"] == "http://testserver/lti/launch/"
    return client.post("/lti/launch/", {"id_token": form["id_token"], "state": form["state"]})


@pytest.fixture
def tasks_at_once(settings):
    """django-tasks runs each task as it is enqueued (the worker's path: test_grades_worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
