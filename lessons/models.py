"""A lesson as loaded from a content package. Rows are written only by the loader
(`lessons.services.lesson_package_load`); authors edit packages, or questions in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import levels
from core.levels import at_level


class Skill(models.TextChoices):
    """Fixed across lessons, so that mastery can be reported across the year."""

    SOURCING = "sourcing", _("Sourcing")
    CONTEXTUALIZATION = "contextualization", _("Contextualization")
    CLOSE_READING = "close_reading", _("Close reading and perspective")
    FACT_INTERPRETATION = "fact_interpretation", _("Fact and interpretation")
    CORROBORATION = "corroboration", _("Corroboration")


class StepKind(models.TextChoices):
    CONTEXT = "context", _("Context")
    SOURCING = "sourcing", _("Sourcing")
    CLOSE_READING = "close_reading", _("Close reading")
    PERSPECTIVE = "perspective", _("Perspective")
    FACT_INTERPRETATION = "fact_interpretation", _("Fact or interpretation")
    CORROBORATION = "corroboration", _("Corroboration")
    QUIZ = "quiz", _("Quiz")
    REFLECTION = "reflection", _("Reflection")


class ReadingLevel(models.TextChoices):
    """The versions of a lesson's prose (docs/lesson-format.md, "Reading levels"). Where an
    author wrote only one text, every level shows it."""

    STANDARD = levels.STANDARD, _("Standard")
    SIMPLER = levels.SIMPLER, _("Simpler")


class Visibility(models.TextChoices):
    """Who may see and assign a lesson (issue 16, sharing). Loaded packages and content authors'
    lessons are for the whole school; a teacher's own lessons are private to them."""

    SCHOOL = "school", _("Whole school")
    PRIVATE = "private", _("Only me")


class Lesson(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("content version"), default=1)
    language = models.CharField(_("language"), max_length=12, default="en")
    grade_band = models.CharField(_("grade band"), max_length=20, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=45)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.JSONField(_("objectives"), default=list)
    skills = models.JSONField(_("skills"), default=list)
    standards = models.JSONField(_("standards"), default=list)
    teacher_guide = models.JSONField(_("teacher guide"), default=dict)
    # Class periods: [{"title", "summary", "steps": [kind, ...]}] (empty: one period).
    parts = models.JSONField(_("parts"), default=list, blank=True)
    # [{"date", "label", "title", "text", "tags"}] in date order.
    timeline = models.JSONField(_("timeline"), default=list, blank=True)
    package_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Who made it in the browser (null: loaded from a package, a school lesson).
    owner = models.ForeignKey(
        "accounts.User",
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons_owned",
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.SCHOOL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Source(models.Model):
    """The main document (kind MAIN, one per lesson) or a comparison source."""

    class Kind(models.TextChoices):
        MAIN = "main", _("Main document")
        COMPARISON = "comparison", _("Comparison source")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sources")
    key = models.CharField(_("id"), max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    date = models.CharField(_("date"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=200, blank=True)
    perspective = models.CharField(_("perspective"), max_length=300, blank=True)
    audience = models.TextField(_("audience"), blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    known = models.JSONField(_("what is known"), default=list)
    unknown = models.JSONField(_("what is not known"), default=list)
    summary = models.TextField(_("summary"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)  # deprecated: excerpts
    # [{"quote", "locator", "url"}]: the source's exact words; the page adds quotation marks.
    excerpts = models.JSONField(_("excerpts"), default=list, blank=True)
    text = models.TextField(_("full text"), blank=True)

    class Meta:
        verbose_name = _("source")
        ordering = ["lesson", "position"]
        constraints = [models.UniqueConstraint(fields=["lesson", "key"], name="unique_source_key")]

    def __str__(self) -> str:
        return self.title


class Reference(models.Model):
    """A work cited in lesson prose with `[@key]`."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="references")
    key = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    citation = models.TextField()
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["lesson", "position"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "key"], name="unique_reference_key")
        ]

    def __str__(self) -> str:
        return self.key


class Sentence(models.Model):
    """A sentence of the main document, addressable by a stable id (`s1`, `s2`, …)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sentences")
    key = models.CharField(max_length=20)
    position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    text = models.TextField()
    space_after = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["lesson", "position"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "key"], name="unique_sentence_key")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"


class GlossaryTerm(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="glossary")
    position = models.PositiveIntegerField(default=0)
    term = models.CharField(max_length=200)
    aliases = models.JSONField(default=list)
    # The term's name in each language: [{lang, name, latin, note}], in the order written.
    names = models.JSONField(default=list, blank=True)
    definition = models.TextField()

    class Meta:
        ordering = ["lesson", "position"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "term"], name="unique_glossary_term")
        ]

    def __str__(self) -> str:
        return self.term


class Step(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=24, choices=StepKind.choices)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    body_simpler = models.TextField(blank=True)  # empty: the body serves every level
    # The figures shown, in order: what the page needs of each Figure row ("key", "digest",
    # "alt", "caption", "credit", "long_description"), copied by the loader so a step page
    # costs no query more for them; the image itself is served from the Figure row.
    figures = models.JSONField(default=list, blank=True)
    shows_timeline = models.BooleanField(default=False)
    # Estimated by the loader (authoring.package.minutes): {level: {"core": m, "extension": m}}.
    minutes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["lesson", "position"]
        constraints = [models.UniqueConstraint(fields=["lesson", "kind"], name="unique_step_kind")]

    def __str__(self) -> str:
        return f"{self.lesson.slug}: {self.kind}"

    def body_for(self, level: str) -> str:
        return at_level(level, self.body, self.body_simpler)

    def minutes_for(self, level: str) -> dict[str, int]:
        """{"core": m, "extension": m} at ``level`` (zeros before the loader estimated them)."""
        return (
            self.minutes.get(level)
            or self.minutes.get(ReadingLevel.STANDARD)
            or {
                "core": 0,
                "extension": 0,
            }
        )


class Figure(models.Model):
    """An image of a lesson (a map, a chart), checked by the validator: a PNG, or an SVG with
    nothing a browser would run or fetch. Served by ``learning.views.figure.figure_image``."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    media_type = models.CharField(max_length=40)
    data = models.BinaryField()
    digest = models.CharField(max_length=64)  # of ``data``: the image's URL changes with it
    alt = models.TextField()
    caption = models.TextField()
    credit = models.TextField()
    long_description = models.TextField(blank=True)

    class Meta:
        ordering = ["lesson", "position"]
        constraints = [models.UniqueConstraint(fields=["lesson", "key"], name="unique_figure_key")]

    def __str__(self) -> str:
        return f"{self.lesson.slug}: {self.key}"


class LessonTranslation(models.Model):
    """A lesson's texts in another language, from the package's ``translations/<lang>.yaml``
    (docs/lesson-format.md, "Translations"). One row per lesson and language, rewritten by the
    loader; the texts are looked up by target id and field path when a page is shown
    (``learning.translations``), never copied onto the original rows, so grading and answers
    stay keyed by ids whatever the language."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=12)
    translator = models.CharField(_("translator"), max_length=300)
    status = models.CharField(max_length=20)  # machine-draft | draft | reviewed
    # {section: {target id: {dotted path: text}}}, see authoring.package.translation_targets.
    texts = models.JSONField(default=dict, blank=True)
    # A translation of the document under study, shown beside the original (never instead).
    document_text = models.TextField(blank=True)
    document_title = models.CharField(max_length=300, blank=True)
    document_translator = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["lesson", "language"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "language"], name="unique_lesson_translation")
        ]

    def __str__(self) -> str:
        return f"{self.lesson.slug}: {self.language}"


class LessonOriginalChoice(models.Model):
    """A reader who switched a translated lesson back to its original language: remembered
    per lesson (and per account, so on every computer) until they switch back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_original_choices"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="original_choices")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_original")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.lesson_id} in the original"
