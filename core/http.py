"""Endpoints that read a browser form, such as autosave, refuse any other body.

Autosave reads the answer from the question's own form fields. A body that is not a form
(JSON, text/plain) parses as no fields at all, and so does a multipart body whose parts do not
match its boundary; read as a form, either is an empty answer, saved over the student's real
one. `form_data` refuses a body that is not a form with 415, and a form that arrived without
any field with 400 (the page's form always carries at least its CSRF token), raising
`FormPostError`, which the one error path answers (JSON for autosave).
A charset other than UTF-8, a NUL byte or a body that cannot be parsed are refused earlier,
for every URL, by `config.form_input`."""

from enum import StrEnum

import orjson
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class Code(StrEnum):
    NOT_A_FORM = "not_a_form"
    EMPTY_FORM = "empty_form"


class FormPostError(DomainError):
    pass


def form_data(request: HttpRequest) -> QueryDict:
    """The posted form of an endpoint that reads a browser form (autosave). Raises
    FormPostError: 415 when the body is not a form (urlencoded or multipart), 400 when the
    form has not a single field. Call it after the view's access checks, so that someone
    else's object is a 404 whatever the body."""
    if request.content_type not in FORM_TYPES:
        raise FormPostError(
            Code.NOT_A_FORM,
            _(
                "Answers are sent as a form (multipart/form-data or "
                "application/x-www-form-urlencoded); nothing was saved."
            ),
            status=415,
        )
    if not request.POST and not request.FILES:
        raise FormPostError(
            Code.EMPTY_FORM,
            _("The answer arrived empty, so nothing was saved. Reload the page and try again."),
        )
    return request.POST


def saved_json(revision: int) -> HttpResponse:
    """An autosave's answer: the answer is stored, at this revision. The most frequent
    response of all: `JsonResponse` (an encoder made per call) cost as much again as this."""
    return HttpResponse(
        orjson.dumps({"saved": True, "revision": revision}), content_type="application/json"
    )
