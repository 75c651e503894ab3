"""Item analysis and skill mastery, checked against figures computed by hand."""

from fractions import Fraction as F

import pytest

from classroom import analysis
from classroom.selectors import item_analysis
from classroom.selectors.item_analysis import assignment_analysis
from classroom.services import rubric_score
from quizzes.types import registry
from tests.classroom.conftest import answer_quiz, reflection_question, write_reflection

# --- pure statistics -------------------------------------------------------------------------

# Six students, ranked by quiz total. Item X: right for A, B and D. Item Y: partial credit.
TOTALS = {"A": F(1), "B": F(4, 5), "C": F(3, 5), "D": F(1, 2), "E": F(3, 10), "F": F(1, 10)}
ITEM_X = {"A": F(1), "B": F(1), "C": F(0), "D": F(1), "E": F(0), "F": F(0)}
ITEM_Y = {"A": F(1, 2), "B": F(1), "C": F(1), "D": F(0), "E": F(1, 2), "F": F(1)}


def pairs(item):
    return [(TOTALS[s], item[s]) for s in TOTALS]


def test_facility_is_the_mean_share_of_the_points():
    assert analysis.facility(list(ITEM_X.values())) == F(1, 2)
    assert analysis.facility(list(ITEM_Y.values())) == F(2, 3)
    assert analysis.facility([]) is None


@pytest.mark.parametrize(("n", "size"), [(1, 0), (2, 1), (3, 1), (6, 2), (10, 3), (20, 5), (30, 8)])
def test_upper_and_lower_groups_are_27_percent_of_the_class(n, size):
    assert analysis.group_size(n) == size


def test_discrimination_compares_the_top_and_bottom_27_percent():
    # Groups of 2: upper A, B; lower E, F.
    assert analysis.discrimination(pairs(ITEM_X)) == F(1)  # (1 + 1)/2 - (0 + 0)/2
    assert analysis.discrimination(pairs(ITEM_Y)) == F(0)  # (1/2 + 1)/2 - (1/2 + 1)/2


def test_an_item_the_weakest_students_get_right_discriminates_negatively():
    reverse = {s: 1 - v for s, v in ITEM_X.items()}
    assert analysis.discrimination(pairs(reverse)) == F(-1)


def test_discrimination_needs_two_students():
    assert analysis.discrimination([(F(1), F(1))]) is None


def test_histogram_puts_each_score_in_its_ten_percent_band():
    assert analysis.histogram([0, 9.99, 10, 55, 99.9, 100]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


def test_picks_list_wrong_answers_first_most_frequent_first():
    responses = [
        ({"choice": "a"}, True),
        ({"choice": "b"}, False),
        ({"choice": "b"}, False),
        ({"choice": "c"}, False),
        (None, False),  # not answered: not counted
    ]
    rows = analysis.tally(responses, question_type="single_choice", correct={"choice": "a"})
    assert [(r.answer, r.count, r.correct, r.share) for r in rows] == [
        ("b", 2, False, F(1, 2)),
        ("c", 1, False, F(1, 4)),
        ("a", 1, True, F(1, 4)),
    ]


def test_picks_count_each_ticked_choice_and_each_category_per_item():
    ticked = analysis.tally(
        [({"choices": ["a", "x"]}, False), ({"choices": ["a", "b"]}, True)],
        question_type="multiple_choice",
        correct={"choices": ["a", "b"]},
    )
    assert [(r.answer, r.count, r.correct) for r in ticked] == [
        ("x", 1, False),
        ("a", 2, True),
        ("b", 1, True),
    ]
    classified = analysis.tally(
        [({"answers": {"s1": "fact", "s2": "opinion"}}, False)],
        question_type="classify",
        correct={"answers": {"s1": "fact", "s2": "claim"}},
    )
    assert [(r.part, r.answer, r.correct) for r in classified] == [
        ("answers.s2", "opinion", False),
        ("answers.s1", "fact", True),
    ]


def test_an_order_is_tallied_by_the_position_given_to_each_item():
    rows = analysis.tally(
        [({"order": ["b", "a"]}, False)], question_type="order", correct={"order": ["a", "b"]}
    )
    assert {(r.part, r.answer, r.correct) for r in rows} == {
        ("b", "1", False),
        ("a", "2", False),
    }


def test_another_accepted_answer_counts_as_right():
    rows = analysis.tally(
        [({"text": "A massacre"}, True), ({"text": "genocide"}, False)],
        question_type="short_text",
        correct={"text": "massacre"},
    )
    assert [(r.answer, r.correct) for r in rows] == [("genocide", False), ("A massacre", True)]


def test_written_answers_are_not_tallied():
    assert analysis.tally([({"text": "..."}, False)], question_type="free_text", correct={}) == []


def test_labels_come_from_the_public_spec():
    choices = {"choices": [{"id": "a", "text": "Alpha"}]}
    categories = {"categories": [{"id": "fact", "label": "Verifiable fact"}], "items": []}
    words = {
        "sentences": [
            {"id": "s1", "options": [{"id": "s1.w2", "text": "heroic", "sentence": "s1"}]}
        ],
    }
    assert registry.get("single_choice").part_labels(choices)["a"].with_sentence == "Alpha"
    assert registry.get("classify").value_labels(categories) == {"fact": "Verifiable fact"}
    assert registry.get("select").part_labels(words)["s1.w2"].with_sentence == "heroic (s1)"


def test_a_question_with_several_skills_counts_for_each():
    mastery = analysis.Mastery()
    mastery.add(["sourcing", "corroboration"], F(1), F(2))
    mastery.add(["sourcing"], F(2), F(2))
    assert mastery.fraction("sourcing") == F(3, 4)
    assert mastery.fraction("corroboration") == F(1, 2)
    assert mastery.fraction("contextualization") is None


# --- the analysis of an assignment -------------------------------------------------------------


@pytest.fixture
def three_students(assignment, make_student):
    """Ada: all right (12/12). Ben: all right but q-purpose, answered "neutral" (11/12).
    Cy: only q-purpose right (1/12). The fixture's own student did nothing."""
    ada, ben, cy = make_student("ada", "Ada"), make_student("ben", "Ben"), make_student("cy", "Cy")
    answer_quiz(student=ada, assignment=assignment)
    answer_quiz(student=ben, assignment=assignment, answers={"q-purpose": {"choice": "neutral"}})
    answer_quiz(student=cy, assignment=assignment, right={"q-purpose"})
    return ada, ben, cy


def stats_by_key(result):
    return {s.question.key: s for s in result.questions}


def test_facility_and_discrimination_of_an_assignment_match_the_hand_computed_figures(
    assignment, three_students
):
    result = assignment_analysis(assignment=assignment)

    assert (result.students, result.submitted, result.enough) == (4, 3, False)
    stats = stats_by_key(result)
    # q-purpose: right for Ada and Cy. Groups of one: Ada (top) and Cy (bottom) both right.
    assert stats["q-purpose"].facility == F(2, 3)
    assert stats["q-purpose"].discrimination == 0
    # q-checkable: right for Ada and Ben only; Ada right, Cy wrong.
    assert stats["q-checkable"].facility == F(2, 3)
    assert stats["q-checkable"].discrimination == 1
    assert [s.question.key for s in result.questions][:2] == ["q-purpose", "q-checkable"]


def test_the_most_common_wrong_answer_is_listed_first_with_its_text(assignment, three_students):
    # The answers are tallied for the question asked for (q-purpose is question 1), only.
    assert not any(s.tallied for s in assignment_analysis(assignment=assignment).questions)
    result = assignment_analysis(assignment=assignment, question=1)
    assert [s.question.key for s in result.questions if s.tallied] == ["q-purpose"]
    rows = stats_by_key(result)["q-purpose"].pick_rows()
    assert [(r["answer"], r["count"], r["correct"]) for r in rows] == [
        ("To give a neutral record of the opening", 1, False),
        ("To celebrate the bridge and answer its critics", 2, True),
    ]


def test_the_score_distribution_counts_students_per_band(assignment, three_students):
    result = assignment_analysis(assignment=assignment)
    # 100 % and 91.7 % in the top band, 8.3 % in the bottom one.
    assert [count for _band, count in result.distribution_rows] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    assert [bar.value_text for bar in result.distribution.bars][-1] == "2"


def test_mastery_per_skill_for_the_class_and_each_student(assignment, three_students, teacher):
    _ada, _ben, cy = three_students
    result = assignment_analysis(assignment=assignment)
    labels = dict(result.skills)
    sourcing = labels["sourcing"]
    # Sourcing: q-purpose (1 point) and q-who-said (3 points). Ada 4/4, Ben 3/4, Cy 1/4.
    assert dict(result.class_mastery)[sourcing] == F(8, 12)
    column = [key for key, _label in result.skills].index("sourcing")
    assert {s.username: values[column] for s, values in result.student_mastery} == {
        "ada": F(1),
        "ben": F(3, 4),
        "cy": F(1, 4),
    }

    # A reflection scored at the top level (4 points; sourcing and corroboration) counts too.
    lesson_attempt = write_reflection(student=cy, assignment=assignment, text="My argument " * 40)
    rubric_score(
        attempt=lesson_attempt,
        question=reflection_question(assignment.lesson),
        level=4,
        by=teacher,
    )
    result = assignment_analysis(assignment=assignment)
    assert {s.username: v[column] for s, v in result.student_mastery}["cy"] == F(5, 8)


def test_charts_have_a_title_and_the_class_chart_one_bar_per_skill(assignment, three_students):
    result = assignment_analysis(assignment=assignment)
    assert result.class_chart.title and result.distribution.title
    assert len(result.class_chart.bars) == len(result.skills)
    assert len(result.student_chart.cells) == 3 * len(result.skills)


def test_a_class_of_twenty_is_enough_for_the_statistics(assignment, make_student):
    for i in range(20):
        answer_quiz(student=make_student(f"s{i:02}"), assignment=assignment, right={"q-purpose"})
    assert assignment_analysis(assignment=assignment).enough


def test_the_students_mastery_is_shown_a_page_at_a_time_in_register_order(
    assignment, three_students, monkeypatch
):
    monkeypatch.setattr(item_analysis, "STUDENTS_PER_PAGE", 2)
    first = assignment_analysis(assignment=assignment)
    second = assignment_analysis(assignment=assignment, page=2)
    assert (first.pages, first.students_with_data) == (2, 3)
    assert [s.username for s, _v in first.student_mastery] == ["ada", "ben"]
    assert [s.username for s, _v in second.student_mastery] == ["cy"]
    assert len(second.student_chart.cells) == len(second.skills)
    # The class's figures do not depend on the page.
    assert first.class_mastery == second.class_mastery
    assert assignment_analysis(assignment=assignment, page=99).page == 2


@pytest.mark.parametrize(("method", "counted_right"), [("highest", 1), ("first", 1), ("last", 0)])
def test_the_analysis_reads_the_attempt_the_grading_method_counts(
    assignment, make_student, method, counted_right
):
    # Ada's first attempt is all right; her second all wrong, q-purpose answered "neutral".
    assignment.attempts_allowed, assignment.grading_method = 2, method
    assignment.save()
    ada = make_student("ada", "Ada")
    answer_quiz(student=ada, assignment=assignment)
    answer_quiz(
        student=ada,
        assignment=assignment,
        right=set(),
        answers={"q-purpose": {"choice": "neutral"}},
    )

    result = assignment_analysis(assignment=assignment, question=1)

    assert result.submitted == 1
    assert {s.facility for s in result.questions if s.auto_graded} == {F(counted_right)}
    # The answers given are those of the same attempt.
    assert [pick.correct for pick in result.selected.picks] == [bool(counted_right)]
