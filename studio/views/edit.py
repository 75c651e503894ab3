"""The draft's forms: the lesson and its teacher guide, the sourcing card, references and the
glossary, the steps and the quiz's settings. Each save validates the whole draft; a form that
cannot be read comes back with what was typed (400), an autosave answers JSON."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.access import lesson_maker_required
from core.forms import GET_POST
from quizzes.types import registry

from .. import selectors, services
from ..forms import (
    DetailsForm,
    GlossaryFormSet,
    ReferenceFormSet,
    SourcingForm,
    StepsForm,
)
from ..models import Draft
from .pages import autosaved, draft_page, is_autosave


def _form_page(
    request: HttpRequest,
    pk: int,
    *,
    tab: str,
    make: Callable[[Draft, dict | None], dict],
    save: Callable[[Draft, dict], None],
    extra: Callable[[Draft], dict] = lambda draft: {},
) -> HttpResponse:
    """`make(draft, data)` returns the page's forms (bound to `data` when posted); `save` is
    called with them when they are all valid."""
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    forms = make(draft, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if all(form.is_valid() for form in forms.values()):
            save(draft, forms)
            if is_autosave(request):
                return autosaved(draft)
            return redirect(reverse(f"studio:draft_{tab}", args=[draft.pk]) + "#saved")
        if is_autosave(request):
            return JsonResponse({"saved": False}, status=400)
        status = 400
    context = {**forms, **extra(draft)}
    return draft_page(request, draft, f"studio/draft_{tab}.html", context, tab=tab, status=status)


@lesson_maker_required
@GET_POST
def draft_details(request: HttpRequest, pk: int) -> HttpResponse:
    def make(draft, data):
        return {"form": DetailsForm(data, initial=DetailsForm.initial_of(draft.tree))}

    def save(draft, forms):
        values, guide = forms["form"].values()
        services.draft_details_save(draft=draft, values=values, guide=guide)

    return _form_page(request, pk, tab="details", make=make, save=save)


@lesson_maker_required
@GET_POST
def draft_sourcing(request: HttpRequest, pk: int) -> HttpResponse:
    def make(draft, data):
        return {"form": SourcingForm(data, initial=SourcingForm.initial_of(draft.tree))}

    def save(draft, forms):
        services.draft_sourcing_save(draft=draft, card=forms["form"].cleaned_data)

    return _form_page(request, pk, tab="sourcing", make=make, save=save)


@lesson_maker_required
@GET_POST
def draft_context(request: HttpRequest, pk: int) -> HttpResponse:
    def make(draft, data):
        return {
            "references": ReferenceFormSet(
                data, prefix="ref", initial=draft.tree.get("references") or []
            ),
            "glossary": GlossaryFormSet(
                data, prefix="term", initial=draft.tree.get("glossary") or []
            ),
        }

    def save(draft, forms):
        services.draft_context_save(
            draft=draft,
            references=[e for f in forms["references"] if (e := f.entry())],
            glossary=[e for f in forms["glossary"] if (e := f.entry())],
        )

    return _form_page(request, pk, tab="context", make=make, save=save)


@lesson_maker_required
@GET_POST
def draft_steps(request: HttpRequest, pk: int) -> HttpResponse:
    def make(draft, data):
        return {"form": StepsForm(data, initial=StepsForm.initial_of(draft.tree))}

    def extra(draft):
        return {"questions": selectors.draft_questions(draft=draft), "types": registry.choices()}

    def save(draft, forms):
        form = forms["form"]
        services.draft_steps_save(draft=draft, steps=form.steps(), quiz=form.quiz())

    return _form_page(request, pk, tab="steps", make=make, save=save, extra=extra)
