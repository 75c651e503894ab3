"""Downloads of a lesson's quiz (Moodle XML, QTI 1.2) and of its whole package for teachers
and authors (they hold the answer key), and the imports of a Moodle XML bank into a lesson's
quiz and of a lesson package, for content authors (lessons are shared by every teacher of the
school)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import author_required, teacher_or_author_required
from core.forms import GET_POST, form_page

from . import packages, selectors, services
from .forms import BankForm, PackageForm


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@teacher_or_author_required
@require_GET
def quiz_moodle(request, slug: str):
    lesson = selectors.lesson_with_quiz(user=request.user, slug=slug)
    return _download(
        services.quiz_export_moodle(lesson=lesson),
        f"{lesson.slug}-quiz-moodle.xml",
        "application/xml; charset=utf-8",
    )


@teacher_or_author_required
@require_GET
def quiz_qti(request, slug: str):
    lesson = selectors.lesson_with_quiz(user=request.user, slug=slug)
    return _download(
        services.quiz_export_qti(lesson=lesson), f"{lesson.slug}-quiz-qti12.zip", "application/zip"
    )


@author_required
@require_http_methods(["GET", "POST"])
def quiz_import(request, slug: str):
    lesson = selectors.lesson_with_quiz(user=request.user, slug=slug)
    form = BankForm(request.POST or None, request.FILES or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = services.quiz_import_moodle(lesson=lesson, data=form.cleaned_data["bank"].read())
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(
        request,
        "exchange/quiz_import.html",
        {"lesson": lesson, "form": form, "created": created},
        status=status,
    )


@teacher_or_author_required
@require_GET
def lesson_package(request, slug: str):
    lesson = selectors.lesson_for_staff(user=request.user, slug=slug)
    content, filename = packages.lesson_package_export(lesson=lesson)
    return _download(content, filename, "application/zip")


@author_required
@never_cache
@GET_POST
def lesson_import(request):
    form = PackageForm(request.POST or None, request.FILES or None)

    def submit(data: dict):
        result = packages.lesson_package_import(upload=data["package"], actor=request.user)
        return render(request, "exchange/lesson_imported.html", {"result": result})

    return form_page(request, "exchange/lesson_import.html", {}, form=form, submit=submit)
