"""An LMS for the tests: the LTI 1.3 platform of `lti1p3platform` (OpenLearning, from PyPI; we
did not write it) plays the LMS. Its OIDC login initiation, signed launches, deep-linking
validation, access tokens, line items, scores (AGS) and roster (NRPS) are the library's; this
module only stores what it is given in memory and serves its endpoints on 127.0.0.1 over real
HTTP, so Source Lab's tool fetches the key set, tokens, scores and roster as it would from an
LMS. The browser between them is Django's test client."""

import json
import threading
import typing as t
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.service_connector import (
    AssignmentsGradesService,
    NamesRoleProvisioningService,
)

TOOL = "http://testserver"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


def rsa_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


class PlainRequest(Request):
    """lti1p3platform's request, from plain values."""

    def build_metadata(self, request: dict) -> dict:
        return {
            "method": request.get("method", "GET"),
            "form_data": request.get("form_data", {}),
            "get_data": request.get("get_data", {}),
            "headers": request.get("headers", {}),
            "content_type": request.get("content_type"),
            "path": request.get("path", "/"),
            "json": request.get("json"),
        }


class Platform(LTI1P3PlatformConfAbstract):
    """One LMS (issuer + client id + deployment), its gradebook and its course roster."""

    def init_platform_config(self, **kwargs: t.Any) -> None:
        self.base = kwargs["base"]
        private, public = kwargs["keys"]
        self._registration = (
            Registration()
            .set_iss(kwargs["iss"])
            .set_client_id(kwargs["client_id"])
            .set_deployment_id(kwargs["deployment_id"])
            .set_oidc_login_url(f"{TOOL}/lti/login/")
            .set_launch_url(f"{TOOL}/lti/launch/")
            .set_deeplink_launch_url(f"{TOOL}/lti/launch/")
            .set_platform_private_key(private)
            .set_platform_public_key(public)
        )
        self.lineitems: dict[str, dict] = {}
        self.scores: dict[str, list[dict]] = {}
        self.members: list[dict] = []
        self.context = Context(id="course-1", label="HIST9", title="History 9 (LMS)")

    def get_registration_by_params(self, **kwargs: t.Any) -> Registration:
        return self._registration

    @property
    def registration(self) -> Registration:
        return self._registration

    def lineitem_create(self, data: dict) -> dict:
        number = len(self.lineitems) + 1
        item = dict(data, id=f"{self.base}/lineitems/{number}")
        self.lineitems[str(number)] = item
        return item


class _Login(DjangoAPIOIDCLogin):
    def set_lti_message_hint(self, **kwargs: t.Any) -> None:
        self._lti_message_hint = kwargs["hint"]


class _Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data: dict, **kwargs: t.Any) -> dict:
        return launch_data


def login_url(platform: Platform, *, user_id: str, hint: str = "launch") -> str:
    """The platform's OIDC third-party login initiation: the URL it sends the browser to."""
    login = _Login(None, platform)
    login.set_lti_message_hint(hint=hint)
    return login.prepare_preflight_url(user_id)


def launch_form(
    platform: Platform,
    auth_params: dict,
    *,
    user_id: str,
    roles: list[str],
    name: str = "",
    resource_link: str | None = "link-1",
    custom: dict | None = None,
    lineitem: str | None = None,
    deep_link: bool = False,
    nrps: bool = True,
    expiration: int = 300,
) -> dict:
    """The platform's answer to the tool's authentication request: the signed launch form
    (id_token, state) and where it posts it."""
    launch = _Launch(PlainRequest({"get_data": auth_params}), platform)
    launch.set_user_data(
        user_id, roles, full_name=name or None, email_address=f"{user_id}@lms.example.edu"
    )
    context = platform.context
    launch.set_launch_context_claim(
        context.id,
        ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
        context.title,
        context.label,
    )
    if resource_link:
        launch.set_resource_link_claim(resource_link, title="A Source Lab lesson")
    if custom:
        launch.set_custom_parameters_claim(custom)
    launch.set_ags(f"{platform.base}/lineitems", lineitem, allow_creating_lineitems=True)
    if nrps:
        launch.set_nrps(f"{platform.base}/memberships")
    if deep_link:
        launch.set_dl(f"{platform.base}/deep-link-return", title="Add content")
    launch.set_id_token_expiration(expiration)
    return launch.lti_launch()


class _Gradebook(AssignmentsGradesService):
    def find_lineitems(self, page=1, limit=None, **kwargs):
        return {"content": list(self.platform_config.lineitems.values()), "has_next": False}

    def find_lineitem(self, line_item_id):
        return self.platform_config.lineitems[line_item_id]

    def create_lineitem(self, creation_data):
        return self.platform_config.lineitem_create(creation_data)

    def update_lineitem(self, update_data):
        raise NotImplementedError

    def delete_lineitem(self, line_item_id):
        raise NotImplementedError

    def update_score(self, line_item_id, score):
        from lti1p3platform.exceptions import LineItemNotFoundException
        from lti1p3platform.score import UpdateScoreStatus

        if line_item_id not in self.platform_config.lineitems:
            raise LineItemNotFoundException
        self.platform_config.scores.setdefault(line_item_id, []).append(score)
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        return {"content": [], "has_next": False}


class _Roster(NamesRoleProvisioningService):
    def get_member_data_page(self, page=1, limit=None, role=None, since=None, **kwargs):
        return {"content": [dict(m) for m in self.platform_config.members], "has_next": False}

    def get_context_by_id(self):
        return self.platform_config.context


class PlatformServer:
    """The platform's HTTP endpoints on 127.0.0.1: key set, token, line items, scores, roster.
    `fail_scores` makes the score endpoint answer 503 (an LMS that is down)."""

    def __init__(self, platform_factory) -> None:
        self.fail_scores = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.handle(self)

            def do_POST(self):
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.platform = platform_factory(self.base)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        url = urlparse(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length).decode() if length else ""
        content_type = h.headers.get("Content-Type", "")
        request = PlainRequest(
            {
                "method": h.command,
                "headers": dict(h.headers),
                "content_type": content_type,
                "path": url.path,
                "get_data": dict(parse_qsl(url.query)),
                "form_data": dict(parse_qsl(body)) if "form" in content_type else {},
                "json": json.loads(body) if body and "json" in content_type else None,
            }
        )
        status, data = self.route(url.path, h.command, request)
        payload = b"" if data is None else json.dumps(data).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        h.wfile.write(payload)

    def route(self, path: str, method: str, request: PlainRequest):
        platform = self.platform
        if path == "/jwks":
            return 200, {"keys": platform.registration.get_jwks()}
        if path == "/token":
            return 200, platform.get_access_token(request.form_data)
        parts = path.strip("/").split("/")
        if parts[0] == "memberships":
            service = _Roster(request, platform, f"{self.base}/memberships")
            return self._answer(service.handle_resp(service.handle_get_members))
        if parts[0] == "lineitems":
            item = parts[1] if len(parts) > 1 else None
            service = _Gradebook(
                request,
                platform,
                f"{self.base}/lineitems",
                f"{self.base}/lineitems/{item}" if item else None,
            )
            if item is None:
                handler = (
                    service.handle_get_lineitems
                    if method == "GET"
                    else service.handle_create_lineitem
                )
                return self._answer(service.handle_resp(handler))
            if len(parts) == 3 and parts[2] == "scores":
                if self.fail_scores:
                    return 503, {"error": "gradebook unavailable"}
                return self._answer(
                    service.handle_resp(service.handle_update_score, line_item_id=item)
                )
            return self._answer(service.handle_resp(service.handle_get_lineitem, line_item_id=item))
        return 404, {"error": "not found"}

    @staticmethod
    def _answer(response):
        data = response.result
        if isinstance(data, dict) and "content" in data:
            data = data["content"]
        return response.code, data if data is not None else {"message": response.message}
