"""A lesson being written in the browser (issue 16). A draft *is* a package: the tree of its
lesson.yaml, the main document's text and any other files, validated by the package validator on
every save. Students never see a draft: only publishing loads it, as a new version, through the
package loader."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    # lesson.yaml as data (what yaml.safe_dump writes back), without the document's text.
    tree = models.JSONField(default=dict)
    document = models.TextField(_("document"))
    # Other package files (figures), base64 by file name, kept as they came.
    files = models.JSONField(default=dict, blank=True)
    # The last validation: [{"path", "line", "message"}]; empty means it can be published.
    errors = models.JSONField(default=list, blank=True)
    # The lesson it was published as (its slug is the tree's).
    lesson = models.ForeignKey(
        "lessons.Lesson", on_delete=models.SET_NULL, null=True, blank=True, related_name="drafts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson draft")
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return str(self.tree.get("title") or _("Untitled lesson"))
