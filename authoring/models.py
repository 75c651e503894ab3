"""What the authoring layer stores of its own: the files of the package each lesson was last
loaded from, so the package stays the lesson's source of truth (export, edit, import back)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PackageFile(models.Model):
    """One file of a lesson's package, exactly as loaded (``path`` relative to the package
    root, POSIX separators; "lesson.yaml" is always there).

    A row per file rather than one JSON of files: the bytes of a figure need no base64, the
    database holds each path once per lesson (the constraint), and an editor that changes
    lesson.yaml rewrites one row, not the figures beside it. The loader replaces every row of
    a lesson whenever it creates or updates the lesson (``authoring.services``)."""

    lesson = models.ForeignKey(
        "lessons.Lesson", on_delete=models.CASCADE, related_name="package_files"
    )
    path = models.CharField(_("path"), max_length=255)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("package file")
        ordering = ["lesson", "path"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "path"], name="package_file_unique_path")
        ]

    def __str__(self) -> str:
        return self.path
