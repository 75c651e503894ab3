"""Editors for question items, derived from each type's spec schema, and a student's-eye
preview of an item (docs/question-types.md, "Editors").

    editor = item_editor("order", spec=item, sentences=sentences)   # or data=request.POST
    html = editor.render(request)          # the fields; the page owns the <form>
    if editor.is_valid(): item = editor.item()   # the dict lesson.yaml holds
    html = item_preview_html(item, sentences=sentences, data=request.POST)
"""

from .editor import ItemEditor, item_editor
from .preview import item_preview_html

__all__ = ["ItemEditor", "item_editor", "item_preview_html"]
