"""The lesson studio, under /studio/ (namespace "studio"): a lesson from a document, in the
browser (issue 16)."""

from django.urls import path

from .views import document, drafts, edit, publish, questions

app_name = "studio"

DRAFT = "<int:pk>/"
QUESTION = DRAFT + "questions/<slug:place>/"

urlpatterns = [
    path("", drafts.draft_list, name="draft_list"),
    path("new/", drafts.draft_create, name="draft_create"),
    path("copy/<slug:slug>/", drafts.lesson_copy, name="lesson_copy"),
    path(DRAFT + "document/", document.draft_document, name="draft_document"),
    path(DRAFT + "document/merge/", document.sentence_merge, name="sentence_merge"),
    path(DRAFT + "document/split/", document.sentence_split, name="sentence_split"),
    path(DRAFT + "document/term/", document.glossary_term_add, name="glossary_term_add"),
    path(DRAFT + "lesson/", edit.draft_details, name="draft_details"),
    path(DRAFT + "sourcing/", edit.draft_sourcing, name="draft_sourcing"),
    path(DRAFT + "context/", edit.draft_context, name="draft_context"),
    path(DRAFT + "steps/", edit.draft_steps, name="draft_steps"),
    path(QUESTION + "new/", questions.question_new, name="question_new"),
    path(QUESTION + "preview/", questions.question_preview, name="question_preview"),
    path(QUESTION + "<int:index>/", questions.question_edit, name="question_edit"),
    path(QUESTION + "<int:index>/delete/", questions.question_delete, name="question_delete"),
    path(DRAFT + "preview/", publish.draft_preview, name="draft_preview"),
    path(DRAFT + "publish/", publish.draft_publish, name="draft_publish"),
]
