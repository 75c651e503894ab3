"""The document split into numbered sentences: merge, split, and glossary terms picked in it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.access import lesson_maker_required
from core.http import form_data

from .. import selectors, services
from ..errors import Code, StudioError
from ..forms import MergeForm, SplitForm, TermForm
from .pages import draft_page


def _document_page(request, draft, *, term_form=None, status=200) -> HttpResponse:
    context = {
        "rows": selectors.draft_sentences(draft=draft),
        "term_form": term_form or TermForm(),
        "glossary": draft.tree.get("glossary") or [],
    }
    return draft_page(
        request, draft, "studio/draft_document.html", context, tab="document", status=status
    )


@lesson_maker_required
@require_GET
def draft_document(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    return _document_page(request, draft)


def _back(draft, anchor: str) -> HttpResponse:
    return redirect(reverse("studio:draft_document", args=[draft.pk]) + f"#{anchor}")


def _bound(form_class, request):
    form = form_class(form_data(request))
    if not form.is_valid():
        raise StudioError(Code.UNKNOWN_SENTENCE)
    return form.cleaned_data


@lesson_maker_required
@require_POST
def sentence_merge(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    data = _bound(MergeForm, request)
    services.draft_sentence_merge(draft=draft, sentence_id=data["sentence"])
    return _back(draft, data["sentence"])


@lesson_maker_required
@require_POST
def sentence_split(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    data = _bound(SplitForm, request)
    services.draft_sentence_split(draft=draft, sentence_id=data["sentence"], offset=data["offset"])
    return _back(draft, data["sentence"])


@lesson_maker_required
@require_POST
def glossary_term_add(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    form = TermForm(form_data(request))
    if not form.is_valid():
        return _document_page(request, draft, term_form=form, status=400)
    services.draft_glossary_add(
        draft=draft, term=form.cleaned_data["term"], definition=form.cleaned_data["definition"]
    )
    return _back(draft, "glossary")
