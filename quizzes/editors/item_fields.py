"""The fields every item has around its type's spec, as lesson.yaml writes them (id, prompt,
points, skills, feedback, fixed_order, extension), and the two widgets only they use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from quizzes.types import QuestionType

from .bound import Bound, Ctx, Path
from .labels import label_for
from .nodes import MISSING, BoolNode, IntNode, ModelNode, Node, TextNode, text_of
from .prose import LeveledNode
from .schema import spec_node


@dataclass
class SkillsNode(Node):
    """Skill keys: a checkbox per skill of the lesson, else typed, separated by spaces."""

    template = "quizzes/editors/_skills.html"

    def parse(self, data: Any, path: Path, ctx: Ctx) -> Any:
        name = ctx.name(path)
        typed = text_of(data, ctx.name(path, "text"))
        if typed is None and data.get(ctx.name(path, "shown")) is None:
            return MISSING
        picked = [str(v) for v in data.getlist(name)] + (typed or "").split()
        # Checkboxes post in the lesson's order: the order written stays, new picks follow
        # (a reordered list would be a changed item, and a new version on publish).
        written = (text_of(data, ctx.name(path, "order")) or "").split()
        rank = {skill: i for i, skill in enumerate(dict.fromkeys(written))}
        return sorted(picked, key=lambda s: rank.get(s, len(rank)))

    def blank(self) -> Any:
        return []

    def bind(self, value: Any, path: Path, ctx: Ctx) -> Bound:
        picked = [str(v) for v in value] if isinstance(value, list) else []
        bound = ctx.bound(self, picked, path)
        known = {key for key, _label in ctx.skills}
        bound.options = list(ctx.skills) + [(s, s) for s in picked if s not in known]
        bound.extra["typed"] = " ".join(picked)
        return bound


def item_node(qt: QuestionType[Any, Any]) -> ModelNode:
    """The editor of a whole item of this type."""
    spec = spec_node(qt.key, ("spec",)) or ModelNode()
    spec.label, spec.required, spec.default = label_for("spec"), False, {}
    feedback = ModelNode(
        fields={
            state: LeveledNode(label=label_for(state), required=False, nullable=True)
            for state in ("correct", "partial", "incorrect")
        },
        label=label_for("feedback"),
        required=False,
        default={},
        help=str(_("Shown with the result: when the answer is right, partly right, or wrong.")),
    )
    fields: dict[str, Node] = {
        "id": TextNode(label=label_for("id"), help=str(_("Lower-case letters, digits, - and _."))),
        "prompt": LeveledNode(label=label_for("prompt")),
        "points": IntNode(label=label_for("points"), required=False, default=1, minimum=1),
        "skills": SkillsNode(label=label_for("skills")),
        "feedback": feedback,
        "fixed_order": BoolNode(label=label_for("fixed_order"), required=False, default=False),
        "extension": BoolNode(label=label_for("extension"), required=False, default=False),
        "spec": spec,
    }
    if not qt.shuffles:
        fields["fixed_order"].help = str(_("This type shows nothing in shuffled order."))
    return ModelNode(fields=fields, label=str(qt.label))
