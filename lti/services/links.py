"""Deep linking: inside the LMS a teacher picks a Source Lab lesson; the answer to the LMS is a
signed LtiResourceLink with the lesson's slug as a custom parameter and a line item (a
gradebook column) that the LMS creates. The LMS's launches of that link then open the lesson's
assignment in the course's class (`launch.link_for`)."""

from django.urls import reverse
from lti_tool.models import LtiUser
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from lessons.models import Lesson

from ..errors import Code, LtiError
from ..tool import message_launch
from .launch import CUSTOM_LESSON


def _launch_of(*, request, launch_id: str):
    """The teacher's own deep-linking launch, restored from the cache."""
    try:
        launch = message_launch(request, launch_id=launch_id or "-")
    except LtiException as error:
        raise LtiError(Code.LAUNCH_INVALID, status=403, reason=str(error)) from error
    data = launch.get_launch_data()
    owner = LtiUser.objects.filter(
        registration=launch.get_tool_conf().registration,
        sub=data.get("sub"),
        auth_user=request.user,
    )
    if not launch.is_deep_link_launch() or not owner.exists():
        raise LtiError(Code.NOT_INSTRUCTOR, status=403)
    return launch


def deep_link_check(*, request, launch_id: str) -> None:
    _launch_of(request=request, launch_id=launch_id)


def deep_link_respond(*, request, launch_id: str, slug: str) -> dict:
    """The signed deep-linking response for the chosen lesson, and where to post it."""
    launch = _launch_of(request=request, launch_id=launch_id)
    lesson = Lesson.objects.filter(slug=slug, quiz__isnull=False).select_related("quiz").first()
    if lesson is None:
        raise LtiError(Code.NO_LESSON, status=400)
    points = sum(q.points for q in lesson.questions.filter(is_current=True)) or 1
    resource = (
        DeepLinkResource()
        .set_url(request.build_absolute_uri(reverse("lti:launch")))
        .set_title(lesson.title)
        .set_custom_params({CUSTOM_LESSON: lesson.slug})
        .set_lineitem(
            LineItem()
            .set_label(lesson.title)
            .set_score_maximum(points)
            .set_resource_id(lesson.slug)
            .set_tag("sourcelab")
        )
    )
    deep_link = launch.get_deep_link()
    return {
        "return_url": deep_link._deep_link_settings["deep_link_return_url"],
        "jwt": deep_link.get_response_jwt([resource]),
        "lesson": lesson,
    }
