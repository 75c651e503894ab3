"""A heatmap's marks repeated per row and cell, drawn in Python: a label per student, a
rectangle and a percentage per cell, some 1,100 elements for a page of 100 students. Drawn by
the template engine they were a tenth of the item analysis page (six variables per cell, each
looked up, localised and escaped). The text is escaped as the template escaped it, and numbers
are written as `stringformat:'s'` wrote them (`str`). The geometry stays in classroom/charts.py
and the rest of the chart in templates/classroom/charts/_heatmap.html."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..charts import Heatmap

register = template.Library()


@register.filter
def heatmap_marks(chart: Heatmap) -> SafeString:
    """The row labels, then the cells, each followed by a newline as the template's loops."""
    rows = [
        f'<text class="label-end" x="{label.x}" y="{label.y}">{escape(label.text)}</text>\n'
        for label in chart.row_labels
    ]
    cells = [
        f'<rect class="{escape(cell.css)}" x="{cell.x}" y="{cell.y}" width="{cell.width}" '
        f'height="{cell.height}"></rect>\n<text class="label-middle" x="{cell.text_x}" '
        f'y="{cell.text_y}">{escape(cell.text)}</text>\n'
        for cell in chart.cells
    ]
    return mark_safe("".join(rows + cells))  # noqa: S308 - every text escaped above
