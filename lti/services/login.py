"""The OIDC third-party login that starts every launch (LTI 1.3, section 5.1.1)."""

from django.http import HttpResponse
from pylti1p3.exception import LtiException, OIDCException

from ..errors import Code, LtiError
from ..tool import oidc_login


def login_start(*, request) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    target = params.get("target_link_uri")
    if not target:
        raise LtiError(Code.LOGIN_INVALID, reason="target_link_uri is missing")
    if not target.startswith(request.build_absolute_uri("/lti/")):
        raise LtiError(Code.LOGIN_INVALID, reason="target_link_uri is not a Source Lab launch URL")
    try:
        return oidc_login(request).redirect(target)
    except (OIDCException, LtiException) as error:
        raise LtiError(Code.LOGIN_INVALID, status=403, reason=str(error)) from error
