"""The LTI endpoints. The login and launch endpoints are called by the LMS with cross-site
requests (a redirect and an auto-submitted POST from the LMS's page), so Django's CSRF check,
which needs a token from our own form, cannot apply: they are exempt, and authenticated instead
by the OIDC state cookie and the platform-signed id_token (nonce used once). Every other view
here has CSRF protection."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import login
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_tool.models import Key

from accounts.access import teacher_required
from accounts.backends import BACKEND

from . import selectors
from .services import links, roster
from .services.launch import launch_accept
from .services.login import login_start

SESSION_LAUNCH = "lti_launch_id"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@require_GET
def jwks(request):
    """The tool's public keys (active ones), for the LMS to verify what Source Lab signs."""
    return JsonResponse(Key.objects.as_jwks())


@csrf_exempt  # the LMS's cross-site redirect or form: see the module docstring
@require_http_methods(["GET", "POST"])
def oidc_login(request):
    return login_start(request=request)


@csrf_exempt  # the LMS's cross-site form POST: see the module docstring
@require_POST
def launch(request):
    result = launch_accept(request=request)
    login(request, result.user, backend=BACKEND)
    request.session[SESSION_LAUNCH] = result.launch_id
    return redirect(result.url)


@teacher_required
@require_http_methods(["GET", "POST"])
def deep_link(request):
    """The lesson picker a teacher sees when the LMS asks for content (deep linking)."""
    launch_id = request.session.get(SESSION_LAUNCH, "")
    if request.method == "POST":
        response = links.deep_link_respond(
            request=request, launch_id=launch_id, slug=request.POST.get("lesson", "")
        )
        page = render(request, "lti/deep_link_return.html", response)
        # The answer is a form posted to the LMS: allow that one origin as a form target.
        page._csp_update = {"form-action": [origin_of(response["return_url"])]}
        return page
    links.deep_link_check(request=request, launch_id=launch_id)
    return render(request, "lti/deep_link_pick.html", {"lessons": selectors.lessons_to_link()})


@teacher_required
@require_GET
def course(request, pk: int):
    """The class's LMS course: its platform, the roster sync, the activities placed in it."""
    page = selectors.course_page(teacher=request.user, classroom_pk=pk)
    return render(request, "lti/course_detail.html", {"page": page})


@teacher_required
@require_POST
def roster_sync(request, pk: int):
    course = selectors.course_get_for_teacher(teacher=request.user, classroom_pk=pk)
    result = roster.roster_sync(course=course, by=request.user)
    messages.success(request, roster_summary(result))
    return redirect("lti:course", pk=pk)


def roster_summary(result: roster.RosterResult) -> str:
    """ "2 added, 1 removed, 20 already in the class"."""
    parts = [
        ngettext("%(n)d added", "%(n)d added", len(result.added)) % {"n": len(result.added)},
        ngettext("%(n)d removed", "%(n)d removed", len(result.removed))
        % {"n": len(result.removed)},
        ngettext("%(n)d already in the class", "%(n)d already in the class", len(result.kept))
        % {"n": len(result.kept)},
    ]
    return _("Roster brought in from the LMS: %(summary)s.") % {"summary": ", ".join(parts)}


@teacher_required
@require_GET
def grades(request, pk: int, assignment_pk: int):
    """Whether each student's grade reached the LMS: sent, or failed and retrying when."""
    page = selectors.assignment_grades(
        teacher=request.user, classroom_pk=pk, assignment_pk=assignment_pk
    )
    return render(request, "lti/assignment_grades.html", {"page": page})
