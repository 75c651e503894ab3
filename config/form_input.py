"""Form data the app cannot read or store is refused at the door, with a message (400).

Three kinds, all of which were 500s before, since they failed where no view could catch them:

- **A body declared in another charset** (`application/x-www-form-urlencoded; charset=latin-1`
  or `utf-16`). Django reads form bodies as UTF-8 only and raises `BadRequest` on any other
  charset; the CSRF check meets it first, and Django's 400 page runs the CSRF check again,
  which raises again: a 500. Browsers send our forms as UTF-8 (every page is UTF-8), so another
  charset comes from a script or a broken client: refused, saying to send UTF-8. A charset
  that *is* UTF-8 under another name ("UTF8", "utf_8") is read as UTF-8.
- **A form that cannot be parsed** (a multipart body without its boundary, too many fields, a
  body over `DATA_UPLOAD_MAX_MEMORY_SIZE`): refused the same way, for the same reason.
- **A NUL character (`\\x00`)** in any name or value of a posted form. PostgreSQL cannot
  store it in text (a `DataError`, a 500, while SQLite stored it). Refused rather than
  stripped: nobody types a NUL, so it comes from a broken or hostile client, and quietly
  changing what was sent (a password, an answer) is worse than saying no. Uploaded files are
  not looked at: they are bytes, not text. Query strings are not either: they are read, never
  stored, and a page ignores a parameter it does not know (tests/classroom/test_junk.py).

The refusal takes the one error path's shape (`config.errors.error_response`): JSON for a
client that asks for JSON (autosave), an htmx fragment, or a page."""

import codecs

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from .errors import error_response

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class FormInputMiddleware:
    """Place it before `CsrfViewMiddleware`, the first to read the form. It checks in
    `process_view`, once the view is known, so that an autosave's refusal is JSON too."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        refusal = _refusal(request)
        if refusal is None:
            return None
        code, message = refusal
        request.answers_json = getattr(view_func, "answers_json", False)
        return error_response(request, message=message, status=400, code=code)


def _refusal(request: HttpRequest) -> tuple[str, str] | None:
    is_form = request.method == "POST" and request.content_type in FORM_TYPES
    if is_form:
        charset = request.content_params.get("charset")
        if charset:
            if _codec_name(charset) != "utf-8":
                return "form_charset", _(
                    "This form was sent in the character set “%(charset)s”; the site reads "
                    "forms in UTF-8 only. Reload the page and send the form again."
                ) % {"charset": charset[:40]}
            request.encoding = "utf-8"  # the same encoding under another name
    try:
        fields = list(request.POST.lists()) if is_form else []
    except (BadRequest, SuspiciousOperation, MultiPartParserError):
        return "form_unreadable", _(
            "The form could not be read: it was damaged or too large. Reload the page and "
            "send it again."
        )
    if any("\x00" in name or any("\x00" in value for value in values) for name, values in fields):
        return "form_nul", _(
            "The form contains an invisible control character (NUL) that cannot be stored. "
            "Type the text again and send the form again."
        )
    return None


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None
