"""The data migration that gives questions stored before `order_seed` existed one seed each."""

import importlib

import pytest
from django.apps import apps

from quizzes.models import Question

pytestmark = pytest.mark.django_db

migration = importlib.import_module("quizzes.migrations.0005_question_order")


def test_existing_questions_get_their_own_seed_shared_by_their_versions(example_lesson):
    # As after AddField: the callable default was called once, for every row.
    Question.objects.update(order_seed=7)
    first = Question.objects.get(key="q-purpose")
    Question.objects.filter(pk=first.pk).update(is_current=False)
    second = Question.objects.create(
        lesson=first.lesson,
        step=first.step,
        key=first.key,
        version=2,
        type=first.type,
        prompt=first.prompt,
        spec=first.spec,
        order_seed=7,
    )

    migration.draw_order_seeds(apps, None)

    seeds = dict(Question.objects.filter(is_current=True).values_list("key", "order_seed"))
    assert len(set(seeds.values())) == len(seeds)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.order_seed == second.order_seed
