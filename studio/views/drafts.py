"""A user's drafts: the list, a new lesson from a document, a copy of a school lesson."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import lesson_maker_required
from core.forms import GET_POST, form_page
from lessons.selectors import lesson_visible_get

from .. import selectors, services
from ..document import document_clean, document_text
from ..forms import DocumentForm


@lesson_maker_required
@require_GET
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = selectors.drafts_for_owner(user=request.user)
    return render(request, "studio/draft_list.html", {"drafts": drafts})


@lesson_maker_required
@GET_POST
def draft_create(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)

    def submit(data: dict) -> HttpResponse:
        upload = data.get("file")
        if upload:
            text = document_text(name=upload.name, data=upload.read())
        else:
            text = document_clean(data["text"])
        draft = services.draft_create(owner=request.user, text=text, title=data["title"])
        return redirect("studio:draft_document", pk=draft.pk)

    return form_page(request, "studio/draft_create.html", {}, form=form, submit=submit)


@lesson_maker_required
@require_POST
def lesson_copy(request: HttpRequest, slug: str) -> HttpResponse:
    """A school lesson (or one's own) as a new draft of one's own, to adapt."""
    lesson = lesson_visible_get(user=request.user, slug=slug)
    if lesson is None:
        raise Http404("No such lesson.")
    draft = services.lesson_copy(lesson=lesson, owner=request.user)
    return redirect("studio:draft_details", pk=draft.pk)
