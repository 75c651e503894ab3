"""One activity or quiz item of a draft: a menu of every registered question type, the type's
own editor (`quizzes.editors`), a live preview as students see it, with feedback on a sample
answer, before anything is saved."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.access import lesson_maker_required
from core.forms import GET_POST, parse_id
from core.levels import SIMPLER, STANDARD
from quizzes.editors import item_editor, item_preview_html
from quizzes.types import registry

from .. import selectors, services
from ..errors import Code, StudioError
from ..questions import editor_options, item_checker, items_of, place_exists
from .pages import draft_page

PREFIX = "q"


def _place(draft, place: str) -> None:
    if not place_exists(draft.tree, place):
        raise StudioError(Code.UNKNOWN_PLACE, status=404)


def _item(draft, place: str, index: int) -> dict:
    _place(draft, place)
    items = items_of(draft.tree, place)
    if index >= len(items) or not isinstance(items[index], dict):
        raise StudioError(Code.UNKNOWN_PLACE, status=404)
    return items[index]


def _type_of(request: HttpRequest, item: dict | None = None) -> str:
    key = str((item or {}).get("type") or request.POST.get("type") or request.GET.get("type"))
    if key not in registry:
        raise StudioError(Code.UNKNOWN_TYPE)
    return key


def _editor(request, draft, place, index, type_key, item=None):
    data = request.POST if request.method == "POST" else None
    return item_editor(
        type_key,
        spec=item,
        data=data,
        prefix=PREFIX,
        check_item=item_checker(draft, place, index),
        **editor_options(draft),
    )


def _page(request, draft, place, index, editor, *, preview="", status=200):
    context = {
        "place": place,
        "index": index,
        "type_key": editor.type_key,
        "type_label": registry.get(editor.type_key).label,
        "editor_html": mark_safe(editor.render(request)),  # noqa: S308 - the editors' template
        "preview_html": mark_safe(preview),  # noqa: S308 - rendered by the type's template
        "preview_simpler": request.POST.get("preview_level") == SIMPLER,
        "preview_url": reverse("studio:question_preview", args=[draft.pk, place]),
        "save_url": reverse("studio:question_edit", args=[draft.pk, place, index])
        if index is not None
        else reverse("studio:question_new", args=[draft.pk, place]) + f"?type={editor.type_key}",
    }
    return draft_page(request, draft, "studio/question_edit.html", context, tab="", status=status)


def _save_or_show(request, draft, place, index, editor) -> HttpResponse:
    """A row action (add or remove a row) redraws the form; a save keeps the item, valid or
    not (nothing typed is lost), and shows its page with every error at its field."""
    if editor.acted:
        return _page(request, draft, place, index, editor)
    editor.is_valid()
    index = services.draft_question_save(draft=draft, place=place, index=index, item=editor.item())
    url = reverse("studio:question_edit", args=[draft.pk, place, index])
    return redirect(url + ("#question-errors" if editor.errors else "#saved"))


@lesson_maker_required
@GET_POST
def question_new(request: HttpRequest, pk: int, place: str) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    _place(draft, place)
    if request.method == "GET" and request.GET.get("type") not in registry:
        context = {"place": place, "types": registry.choices()}
        return draft_page(request, draft, "studio/question_type.html", context, tab="")
    editor = _editor(request, draft, place, None, _type_of(request))
    if request.method == "POST":
        return _save_or_show(request, draft, place, None, editor)
    return _page(request, draft, place, None, editor)


@lesson_maker_required
@GET_POST
def question_edit(request: HttpRequest, pk: int, place: str, index: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    item = _item(draft, place, index)
    editor = _editor(request, draft, place, index, _type_of(request, item), item)
    if request.method == "POST":
        return _save_or_show(request, draft, place, index, editor)
    editor.is_valid()  # every error of the saved item, at its field
    return _page(request, draft, place, index, editor)


@lesson_maker_required
@require_POST
def question_preview(request: HttpRequest, pk: int, place: str) -> HttpResponse:
    """The item being edited as students see it, with feedback on the sample answer given in
    the preview; nothing is saved. JavaScript asks for the fragment, a plain form for the
    page."""
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    _place(draft, place)
    index = parse_id(request.POST.get("index"))
    editor = _editor(request, draft, place, index, _type_of(request))
    options = editor_options(draft)
    level = SIMPLER if request.POST.get("preview_level") == SIMPLER else STANDARD
    html = item_preview_html(
        editor.item(),
        sentences=options["sentences"],
        request=request,
        data=request.POST,
        level=level,
    )
    if request.headers.get("X-Studio-Preview") == "1":
        return HttpResponse(html)
    return _page(request, draft, place, index, editor, preview=html)


@lesson_maker_required
@GET_POST
def question_delete(request: HttpRequest, pk: int, place: str, index: int) -> HttpResponse:
    """GET asks first (the question named, a Delete button and a way back); POST deletes."""
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    item = _item(draft, place, index)
    back = reverse("studio:draft_steps", args=[draft.pk]) + "#questions"
    if request.method == "POST":
        posted = request.POST.get("item")
        services.draft_question_delete(draft=draft, place=place, index=index, item_id=posted)
        return redirect(back)
    type_key = str(item.get("type"))
    context = {
        "place": place,
        "index": index,
        "item": item,
        "type_label": registry.get(type_key).label if type_key in registry else type_key,
        "back_url": back,
    }
    return draft_page(request, draft, "studio/question_confirm_delete.html", context, tab="")
