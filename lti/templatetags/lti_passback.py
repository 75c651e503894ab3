"""The LMS grade state shown on a linked assignment's page in the teacher's class pages (the
classroom app, below this one, does not know about LMSes: its template asks this tag)."""

from django import template

from ..selectors import assignment_passback_state

register = template.Library()


@register.inclusion_tag("lti/_passback_state.html")
def lms_passback(assignment):
    return {"assignment": assignment, "state": assignment_passback_state(assignment=assignment)}
