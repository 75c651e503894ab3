"""Questions, quizzes, attempts, responses and scores.

Answers and scores are rows: a response is the student's current answer to one question in one
attempt; every grading event (a formative check, a submit, a regrade, a teacher's override)
adds a Score row, and the newest one counts. Nothing is ever graded by parsing a blob later."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.levels import at_level
from lessons.markdown import render_markdown
from lessons.models import Lesson, Step

from .types import GradeState, registry
from .types.levels import prose_at_level, spec_at_level


class FeedbackTiming(models.TextChoices):
    """When something is released to a student (`policy.review_for` decides)."""

    IMMEDIATELY = "immediately", _("Immediately, item by item")
    AFTER_SUBMIT = "after_submit", _("After the attempt is submitted")
    AFTER_DUE = "after_due", _("After the due date (and any late period) has passed")
    NEVER = "never", _("Never")


class FeedbackLevel(models.TextChoices):
    """What a student sees of a submitted attempt before the key is released; once it is, they
    see everything. None of these levels gives the key away (docs/decisions/0010)."""

    SCORE = "score", _("The score only")
    OUTCOMES = "outcomes", _("The score, and which questions were right, wrong or left blank")
    FULL = "full", _("Full feedback on their own answers, with explanations, without the key")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average of attempts")


class QuizSettingsFields(models.Model):
    """The quiz settings: a lesson's quiz holds them as defaults, an assignment as the teacher
    chose them. `policy.QuizSettings` carries the same fields as plain data (a test keeps the
    two in step); `policy.settings_for` says which of the two apply."""

    attempts_allowed = models.PositiveIntegerField(
        _("attempts allowed"), default=1, help_text=_("0 means unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=12,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    shuffle_items = models.BooleanField(_("shuffle items"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    feedback_level = models.CharField(
        _("feedback"),
        max_length=12,
        choices=FeedbackLevel.choices,
        default=FeedbackLevel.FULL,
        help_text=_("What students see of their answers until the key is released."),
    )
    show_feedback = models.CharField(
        _("show feedback"),
        max_length=16,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_SUBMIT,
    )
    show_key = models.CharField(
        _("show the key"),
        max_length=16,
        choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_DUE,
    )

    class Meta:
        abstract = True


class Quiz(QuizSettingsFields):
    """A lesson's summative quiz; its settings are the defaults an assignment starts from."""

    lesson = models.OneToOneField(Lesson, on_delete=models.CASCADE, related_name="quiz")
    title = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title


def order_seed_new() -> int:
    """A seed for the order a question version's choices are shown in (order, not secrecy)."""
    return secrets.randbelow(2**31)


class Question(models.Model):
    """One version of an activity or quiz item. A version that has responses is never changed:
    the loader makes a new version, and old responses keep pointing to the one they answered."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(_("id"), max_length=80)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    type = models.CharField(max_length=40)
    prompt = models.TextField()
    prompt_simpler = models.TextField(blank=True)  # empty: the prompt serves every level
    points = models.PositiveIntegerField(default=1)
    skills = models.JSONField(default=list)
    feedback = models.JSONField(default=dict, blank=True)
    # {state: text} where the author wrote the feedback at the simpler level too.
    feedback_simpler = models.JSONField(default=dict, blank=True)
    spec = models.JSONField(help_text=_("Validated by the question type's schema."))
    # The spec's prose written at the simpler level too, by dotted path ("items.3.explanation",
    # quizzes.types.levels); the spec holds the standard texts, so it is graded the same.
    spec_simpler = models.JSONField(default=dict, blank=True)
    # When a quiz does not shuffle, choices are shown in an order drawn once from this seed:
    # the same for every student and every reload, and not the author's (authors tend to write
    # the right answer first). A new version keeps its predecessor's seed.
    order_seed = models.PositiveIntegerField(default=order_seed_new, editable=False)
    fixed_order = models.BooleanField(
        _("fixed order"),
        default=False,
        help_text=_('Choices are shown in the author\'s order (scales, "all of the above").'),
    )
    # Optional work beyond the core path of its part; where it is placed, not what it asks.
    extension = models.BooleanField(_("extension"), default=False)

    class Meta:
        verbose_name = _("question")
        ordering = ["lesson", "step__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "key", "version"], name="unique_question_version"
            ),
            models.UniqueConstraint(
                fields=["lesson", "key"],
                condition=models.Q(is_current=True),
                name="one_current_question_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def prompt_html(self):
        return render_markdown(self.prompt)

    def feedback_for(self, level: str) -> dict[str, str]:
        """The general feedback by state at a reading level."""
        return {
            state: at_level(level, text, self.feedback_simpler.get(state))
            for state, text in self.feedback.items()
        }

    def prompt_for(self, level: str) -> str:
        """The prompt at a reading level (``lessons.models.ReadingLevel``)."""
        return at_level(level, self.prompt, self.prompt_simpler)

    def spec_for(self, level: str) -> dict:
        """The spec with its prose at a reading level (graded the same at every level)."""
        return spec_at_level(self.spec, self.spec_simpler, level)

    def prose_for(self, level: str) -> dict[str, str]:
        """Standard text -> text at ``level`` of the spec's leveled prose: how a stored
        grading's feedback (in the standard words) reads at the student's level."""
        return prose_at_level(self.spec, self.spec_simpler, level)

    @property
    def uid(self) -> str:
        """The form prefix: unique per version on a page."""
        return f"q{self.pk}"

    def spec_parsed(self):
        """The spec as its type's model (`quizzes.types`), parsed once per instance: a submit
        reads it for the form, the answer and the grade. Parsed again when the instance's
        `type` or `spec` is replaced (a translation, a test). To read, never to change: it may
        be shared (`spec_parsed_as`)."""
        memo = self.__dict__.get("_spec_parsed")
        if memo is None or memo[0] is not self.spec or memo[1] != self.type:
            parsed = registry.get_or_missing(self.type).parse_spec(self.spec)
            memo = self._spec_parsed = (self.spec, self.type, parsed)
        return memo[2]

    def spec_parsed_as(self, parsed) -> None:
        """Give `spec_parsed` what parsing this instance's spec gives, already made
        (`quizzes.specs.question_with_spec` keeps it per process)."""
        self._spec_parsed = (self.spec, self.type, parsed)


class Attempt(models.Model):
    """A student's work on one lesson's activities (kind LESSON, formative) or one try at its
    quiz (kind QUIZ, summative)."""

    class Kind(models.TextChoices):
        LESSON = "lesson", _("Lesson activities")
        QUIZ = "quiz", _("Quiz")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="attempts")
    assignment = models.ForeignKey(
        "classroom.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attempts",
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    number = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    # Set by the service that starts the attempt, from its `now` (the default is for the rest).
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_submitted = models.BooleanField(default=False)
    # The order of items (question version ids) and the shuffle seed, stored so that a reload
    # shows the same quiz and the attempt stays pinned to the versions it started with.
    item_order = models.JSONField(default=list)
    seed = models.PositiveIntegerField(default=0)
    current_step = models.CharField(max_length=24, blank=True)
    # The reading level the student chose for this lesson's work (kind LESSON); empty: the
    # assignment's. Values of ``lessons.models.ReadingLevel``.
    reading_level = models.CharField(max_length=12, blank=True)
    points_earned = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    points_possible = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    needs_scoring = models.BooleanField(default=False)
    # Cached like the totals: the score that counts for one of its items is a regrade.
    regraded = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("attempt")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "lesson", "assignment", "kind", "number"],
                name="unique_attempt_number",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "student", "kind"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.lesson.slug} · {self.kind} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class Response(models.Model):
    """The student's current answer to one question version in one attempt."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    data = models.JSONField()
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_response")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id} r{self.revision}"


class Score(models.Model):
    """One grading event for one question in one attempt. The newest row counts."""

    class Origin(models.TextChoices):
        CHECK = "check", _("Formative check")
        SUBMIT = "submit", _("Graded on submit")
        REGRADE = "regrade", _("Regraded after a key change")
        OVERRIDE = "override", _("Overridden by the teacher")
        TEACHER = "teacher", _("Scored by the teacher")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="scores")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="scores")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    state = models.CharField(max_length=12, choices=GradeState.choices)
    fraction = models.CharField(max_length=40, help_text=_("Exact fraction, e.g. 2/3."))
    points_earned = models.DecimalField(max_digits=9, decimal_places=3)
    points_possible = models.DecimalField(max_digits=9, decimal_places=3)
    parts = models.JSONField(default=list)
    feedback = models.JSONField(default=list)
    # What was graded: formative checks keep every try, so the snapshot is part of the record.
    response_data = models.JSONField(null=True, blank=True)
    try_number = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    # A REGRADE row names the decision it carries out (its policy, who, why).
    regrade = models.ForeignKey(
        "Regrade", on_delete=models.PROTECT, null=True, blank=True, related_name="scores"
    )

    class Meta:
        ordering = ["attempt", "question", "-created_at", "-id"]
        indexes = [models.Index(fields=["attempt", "question", "-id"])]

    def __str__(self) -> str:
        return f"{self.points_earned}/{self.points_possible} ({self.origin})"


class RegradePolicy(models.TextChoices):
    """What a key fix does to answers graded with the old key (as Canvas and Moodle offer)."""

    KEEP = "keep", _("Keep: old attempts keep their scores, new attempts use the new key")
    NEW = "new", _("New key: score the old answers with the new key")
    EITHER = "either", _("Either key: the better of the old and the new, nobody loses points")
    FULL = "full", _("Full credit: everyone who answered gets full marks")


class KeyChange(models.Model):
    """A package reload changed what an answered question is graded on (its type, points or
    spec): recorded by the loader, for an author or teacher to decide on with a regrade."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="key_changes")
    key = models.CharField(_("question id"), max_length=80)
    old_question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    new_question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    attempts_touched = models.PositiveIntegerField(
        default=0, help_text=_("Submitted quiz attempts graded with an older version, at load.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("key change")
        ordering = ["lesson", "key", "-id"]

    def __str__(self) -> str:
        return f"{self.key} v{self.old_question.version} -> v{self.new_question.version}"


class Regrade(models.Model):
    """A decision on the answers graded with an older key of one question: a policy applied
    to one assignment's attempts, or (assignment empty) to every attempt of the lesson. Its
    score changes are REGRADE rows pointing here; nothing is edited."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="regrades")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="regrades", help_text=_("The new key.")
    )
    assignment = models.ForeignKey(
        "classroom.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="regrades",
    )
    policy = models.CharField(max_length=8, choices=RegradePolicy.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    scores_changed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("regrade")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.question} · {self.policy}"
