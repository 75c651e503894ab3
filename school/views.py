"""The school administrator's pages: accounts (search, a new password, a new username,
deletion, each with a reason; their LMS identities, linked and unlinked), the school's classes
and teachers, and the audit log.

Views translate HTTP: the role decorator, a selector or a form, one service. Every refusal
of a service reaches the one handler, or is shown at its form (`core.forms.form_page`)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import school_admin_required
from classroom.services.accounts import account_password_reset as password_reset
from classroom.services.accounts import account_username_change as username_change
from core.forms import GET_POST, form_page
from lti import selectors as lti_selectors
from lti.services.identities import identity_link, identity_unlink

from . import selectors, services
from .forms import (
    AccountSearchForm,
    AuditFilterForm,
    ClassSearchForm,
    DeleteForm,
    LinkSearchForm,
    ReasonForm,
    TeacherForm,
    UsernameForm,
)

PAGE_SIZE = 25


def _page(request: HttpRequest, items, size: int = PAGE_SIZE):
    """One page of `items`; a page number out of range or not a number shows the nearest."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    """The query string without the page number, for the links to other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filters(form) -> dict:
    """The valid filters of a GET form (an invalid one is ignored, as if left empty)."""
    form.is_valid()
    return {name: form.cleaned_data.get(name) or "" for name in form.fields}


# --- accounts --------------------------------------------------------------------------------


@school_admin_required
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountSearchForm(request.GET)
    filters = _filters(form)
    page = _page(
        request, selectors.accounts_for_school_admin(query=filters["q"], role=filters["role"])
    )
    return render(
        request,
        "school/account_list.html",
        {"form": form, "page": page, "query": _query(request), "tab": "accounts"},
    )


@school_admin_required
@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get_for_school_admin(pk=pk)
    return render(
        request,
        "school/account_detail.html",
        {
            "account": account,
            "classrooms": selectors.account_classes(account=account),
            "identities": lti_selectors.identities_of(account=account),
            "tab": "accounts",
        },
    )


@school_admin_required
@never_cache  # the new password is shown once: no copy in a shared browser's cache
@GET_POST
def account_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get_for_school_admin(pk=pk)
    context = {"account": account, "tab": "accounts"}

    def submit(data: dict) -> HttpResponse:
        password = password_reset(account=account, by=request.user, reason=data["reason"])
        return render(request, "school/account_password.html", {**context, "password": password})

    form = ReasonForm(request.POST or None)
    return form_page(request, "school/account_password.html", context, form=form, submit=submit)


@school_admin_required
@GET_POST
def account_username_change(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get_for_school_admin(pk=pk)

    def submit(data: dict) -> HttpResponse:
        username_change(
            account=account, username=data["username"], by=request.user, reason=data["reason"]
        )
        messages.success(request, _("The username is now “%s”.") % account.username)
        return redirect("school:account_detail", pk=account.pk)

    form = UsernameForm(request.POST or None, initial={"username": account.username})
    context = {"account": account, "tab": "accounts"}
    return form_page(request, "school/account_username.html", context, form=form, submit=submit)


@school_admin_required
@GET_POST
def account_delete(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get_for_school_admin(pk=pk)

    def submit(data: dict) -> HttpResponse:
        services.account_delete(account=account, by=request.user, reason=data["reason"])
        messages.success(request, _("The account and everything it held were deleted."))
        return redirect("school:account_list")

    form = DeleteForm(request.POST or None, account=account)
    context = {
        "account": account,
        "classrooms": selectors.account_classes(account=account),
        "tab": "accounts",
    }
    return form_page(request, "school/account_delete.html", context, form=form, submit=submit)


# --- LMS identities (issue 17) ---------------------------------------------------------------


@school_admin_required
@require_GET
def lms_link_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Find the other account, whose LMS identities (and work) are to move to this one."""
    account = selectors.account_get_for_school_admin(pk=pk)
    form = LinkSearchForm(request.GET)
    candidates = lti_selectors.link_candidates(account=account, query=_filters(form)["q"])
    context = {"account": account, "form": form, "candidates": candidates, "tab": "accounts"}
    return render(request, "school/lms_link_search.html", context)


@school_admin_required
@GET_POST
def lms_link(request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
    """Both accounts side by side, with whether they can be merged; then the merge."""
    account = selectors.account_get_for_school_admin(pk=pk)
    source = lti_selectors.link_source_get(target=account, pk=source_pk)

    def submit(data: dict) -> HttpResponse:
        identity_link(source=source, target=account, by=request.user, reason=data["reason"])
        messages.success(
            request,
            _("%(source)s was linked into this account, with its work.") % {"source": source},
        )
        return redirect("school:account_detail", pk=account.pk)

    def context() -> dict:  # after a refused POST, drawn again from what the accounts now hold
        return {
            "account": account,
            "preview": lti_selectors.link_preview(target=account, source=source),
            "tab": "accounts",
        }

    form = ReasonForm(request.POST or None)
    return form_page(request, "school/lms_link.html", context, form=form, submit=submit)


@school_admin_required
@GET_POST
def lms_unlink(request: HttpRequest, pk: int, identity_pk: int) -> HttpResponse:
    account = selectors.account_get_for_school_admin(pk=pk)
    identity = lti_selectors.identity_get_for_school_admin(account=account, pk=identity_pk)

    def submit(data: dict) -> HttpResponse:
        new = identity_unlink(identity=identity, by=request.user, reason=data["reason"])
        messages.success(
            request,
            _("The LMS identity now has its own account, %(username)s.")
            % {"username": new.username},
        )
        return redirect("school:account_detail", pk=account.pk)

    context = {"account": account, "identity": identity, "tab": "accounts"}
    form = ReasonForm(request.POST or None)
    return form_page(request, "school/lms_unlink.html", context, form=form, submit=submit)


# --- classes and teachers ----------------------------------------------------------------------


@school_admin_required
@require_GET
def classroom_list(request: HttpRequest) -> HttpResponse:
    form = ClassSearchForm(request.GET)
    page = _page(request, selectors.classrooms_for_school(query=_filters(form)["q"]))
    return render(
        request,
        "school/classroom_list.html",
        {"form": form, "page": page, "query": _query(request), "tab": "classes"},
    )


@school_admin_required
@require_GET
def teacher_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.teachers_for_school())
    return render(request, "school/teacher_list.html", {"page": page, "tab": "teachers"})


@school_admin_required
@never_cache
@GET_POST
def teacher_create(request: HttpRequest) -> HttpResponse:
    def submit(data: dict) -> HttpResponse:
        teacher, password = services.teacher_create(
            username=data["username"], display_name=data["display_name"], by=request.user
        )
        context = {"account": teacher, "password": password, "tab": "teachers"}
        return render(request, "school/teacher_created.html", context)

    form = TeacherForm(request.POST or None)
    context = {"tab": "teachers"}
    return form_page(request, "school/teacher_form.html", context, form=form, submit=submit)


# --- the audit log -----------------------------------------------------------------------------


@school_admin_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    page = _page(request, selectors.audit_entries(**_filters(form)), size=50)
    entries = list(page.object_list)
    names = selectors.usernames_by_id(e.subject_user_id for e in entries)
    rows = [(entry, names.get(entry.subject_user_id)) for entry in entries]
    return render(
        request,
        "school/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": _query(request),
            "tab": "audit",
        },
    )
