"""The teacher's pages, one module per group of URLs (classroom/urls.py): `classes` (classes
and rosters), `progress`, `assignments` (with extensions and analysis), `work` (one student's
work, scoring, resets), `regrade` (after a key fix), `exports`, `lessons` (with the teacher
guide).

Each view checks access (`teacher_required`, then a `*_for_teacher` selector: another teacher's
class is a 404), binds a form, calls one service or selector, and renders or redirects. No view
catches an error: a form page shows bad input and a service's refusal at its form, with a 400,
through `core.forms.form_page`; every other refusal reaches the one handler (`config.errors`)."""
