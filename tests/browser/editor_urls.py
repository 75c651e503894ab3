"""A test-only page mounting an item editor and its live preview (the studio builds the real
pages): the site's URLs plus `/__editor__/<type or entry of ITEMS>/`. Used with
`settings.ROOT_URLCONF`; what it saves is kept in `SAVED` for the test to read."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_http_methods

from config.urls import urlpatterns as site
from quizzes.editors import item_editor, item_preview_html

PAGE = engines["django"].from_string((Path(__file__).parent / "editor_page.html").read_text())
SENTENCES = {
    "s1": "The town was shelled for weeks.",
    "s2": "Troops entered on the night of 25 February.",
    "s3": "Reporters reached the area days later.",
    "s4": "The town was quiet, and the town was empty.",
}
SKILLS = [("sourcing", "Sourcing"), ("close_reading", "Close reading")]
ITEMS = {
    "order": {
        "id": "q-order",
        "type": "order",
        "prompt": "Put these events in order, earliest first.",
        "skills": ["sourcing"],
        "feedback": {"incorrect": "Start with the shelling."},
        "spec": {
            "items": [
                {"id": "shelling", "text": "The shelling begins"},
                {"id": "entry", "text": "Troops enter the town"},
            ]
        },
    },
    "select": {
        "id": "q-select",
        "type": "select",
        "prompt": "Select the sentence that says when troops entered.",
        "skills": ["close_reading"],
        "spec": {"unit": "sentence", "key": ["s1"]},
    },
    "select_words": {
        "id": "q-select-words",
        "type": "select",
        "prompt": "Select the words that say how long the shelling lasted.",
        "skills": ["close_reading"],
        "spec": {"unit": "word", "key": [{"sentence": "s1", "text": "for weeks"}]},
    },
    "matrix": {
        "id": "q-matrix",
        "type": "matrix",
        "prompt": "Does each source confirm each claim?",
        "skills": ["sourcing"],
        "spec": {
            "rows": [{"id": "toll", "text": "The death toll"}],
            "columns": [{"id": "hrw", "text": "HRW"}, {"id": "mem", "text": "Memorial"}],
            "categories": [{"id": "yes", "label": "Confirms"}, {"id": "no", "label": "Does not"}],
            "cells": {"toll": {"hrw": {"category": "yes"}}},
        },
    },
}


# The items saved through the page, by type key, for a test to read back.
SAVED: dict[str, dict] = {}


@require_http_methods(["GET", "POST"])
def editor_page(request, type_key):
    common = {"sentences": SENTENCES, "skills": SKILLS}
    # An entry of ITEMS (a type, or a variant such as `select_words`), or any type's key.
    type_of = ITEMS[type_key]["type"] if type_key in ITEMS else type_key
    if request.method == "POST":
        editor = item_editor(type_of, data=request.POST, **common)
        saved = not editor.acted and editor.is_valid()
        if saved:
            SAVED[type_key] = editor.item()
    else:
        editor = item_editor(type_of, spec=ITEMS.get(type_key), **common)
        saved = False
    preview = item_preview_html(
        editor.item(), sentences=SENTENCES, data=request.POST or None, request=request
    )
    if request.headers.get("HX-Request"):
        return HttpResponse(preview)
    context = {
        "editor": editor.render(request),
        "preview": preview,
        "saved": saved,
        "csrf_token": get_token(request),
        "type_key": type_key,
    }
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [path("__editor__/<str:type_key>/", editor_page), *site]
