"""GIFT and CSV: what a file says, what is wrong with it by line, and a bank's round trip through each."""

import pytest
from wagtail.models import ModelLogEntry

from quizzes.banks.csv_rows import parse_csv, write_csv
from quizzes.banks.exporting import EXPORT_ACTION, export_bank
from quizzes.banks.gift import parse_gift, write_gift
from quizzes.banks.importing import IMPORT_ACTION, ImportRefused, import_questions, plan_import
from quizzes.models import Question, QuestionBank
from tests.factories import UserFactory, choices

GIFT_SAMPLE = """// A comment before the first question
$CATEGORY: $course$/Pain

// objectives: obj-1
// reference: CDC guideline, 2022
::dose::Which starting dose is \\{safest\\}? {
  =2.5 mg\\: the lowest #Right: start low.
  ~10 mg #Too high.
  ~20 mg
  ####Start low and go slow \\# always.
}

::tf::[plain]Opioids are first-line for chronic low back pain. {F#They are not.#Right: they are not first-line.}

::mr::Which are non-opioid options? {
  ~%50%Exercise therapy
  ~%50%NSAIDs
  ~%-100%Codeine
  ####Both are first-line.
}

Acetaminophen is an {=analgesic ~antibiotic ####It relieves pain.} drug.
"""


def one(items, key):
    return next(item for item in items if item.key == key)


def test_gift_reads_single_true_false_and_multiple_response_questions():
    items, problems = parse_gift(GIFT_SAMPLE)
    assert problems == []
    assert [item.line for item in items[:3]] == [6, 13, 15]
    dose = one(items, "dose")
    assert dose.kind == "single"
    assert dose.stem == "<p>Which starting dose is {safest}?</p>"
    assert dose.choices == [("2.5 mg: the lowest", True), ("10 mg", False), ("20 mg", False)]
    assert dose.rationale == "Start low and go slow # always."
    assert dose.objectives == ["obj-1"]
    assert dose.reference == "CDC guideline, 2022"
    tf = one(items, "tf")
    assert (tf.kind, tf.choices, tf.rationale) == (
        "true_false",
        [("True", False), ("False", True)],
        "Right: they are not first-line.",
    )
    mr = one(items, "mr")
    assert mr.kind == "multiple"
    assert mr.choices == [("Exercise therapy", True), ("NSAIDs", True), ("Codeine", False)]
    missing_word = items[3]
    assert (missing_word.key, missing_word.stem) == ("", "<p>Acetaminophen is an _____ drug.</p>")


def test_gift_keeps_the_right_answer_feedback_when_there_is_no_general_feedback():
    (item,), problems = parse_gift("Which? {=Yes #Because it is. ~No #Not this.}")
    assert problems == []
    assert item.rationale == "Because it is."


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("Which? =a ~b", "has no answers"),
        ("Which? {=a ~b", "not closed with }"),
        ("Which? {}", "essay question"),
        ("Which? {#3:0.5}", "numerical question"),
        ("Which? {=a -> b =c -> d ####x}", "matching question"),
        ("Which? {=a =b ####x}", "short-answer question"),
        ("Which? {~a ~b ####x}", "Mark the correct choice"),
        ("Which? {=a ~b}", "Give the rationale"),
        ("Which? {only text =a ~b ####x}", "starts with = (right) or ~ (wrong)"),
        ("{=a ~b ####x}", "no text before its answers"),
    ],
)
def test_a_malformed_gift_question_is_named_by_its_line(block, message):
    text = f"::ok::Fine? {{=yes ~no ####Because.}}\n\n// a comment\n{block}\n"
    items, problems = parse_gift(text)
    assert [item.key for item in items] == ["ok"]
    assert len(problems) == 1, problems
    assert problems[0].line == 4
    assert message in problems[0].message
    assert str(problems[0]).startswith("Line 4: ")


def test_gift_stems_pass_the_sanitizer():
    (item,), _ = parse_gift("[html]<p onclick='x()'>Safe <script>alert(1)</script><b>bold</b></p> {=a ~b ####c}")
    assert item.stem == "<p>Safe <b>bold</b></p>"


CSV_SAMPLE = (
    "key,kind,stem,choice_1,choice_2,choice_3,correct,rationale,reference,objectives\n"
    'dose,single,"Which dose, first?",2.5 mg,10 mg,20 mg,1,Start low.,CDC,obj-1\n'
    'mr,multiple,<p>Which <em>two</em>?</p>,Exercise,NSAIDs,Codeine,1;2,"Both are\nfirst-line.",,\n'
    "tf,true_false,Opioids are first-line.,True,False,,2,They are not.,,\n"
)


def test_csv_reads_one_question_a_row():
    items, problems = parse_csv(CSV_SAMPLE)
    assert problems == []
    assert [(item.key, item.kind, item.line) for item in items] == [
        ("dose", "single", 2),
        ("mr", "multiple", 3),
        ("tf", "true_false", 5),
    ]
    assert items[0].stem == "<p>Which dose, first?</p>"
    assert items[0].objectives == ["obj-1"]
    assert items[1].choices == [("Exercise", True), ("NSAIDs", True), ("Codeine", False)]
    assert items[2].choices == [("True", False), ("False", True)]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,essay,Why?,a,b,1,Because.", "kind is 'essay'"),
        ("x,single,Which?,a,b,3,Because.", "give the number(s) of the right choice(s), 1 to 2"),
        ("x,single,Which?,a,,1,Because.", "Give at least two choices"),
        ("x,single,Which?,a,b,1;2,Because.", "exactly one correct choice; 2 are marked"),
        ("x,single,,a,b,1,Because.", "stem is empty"),
        ("x,single,Which?,a,b,1,", "rationale is empty"),
        ("x,single,Which?,a,b,1,Because.,extra", "The row has 8 cells but the header names 7 columns"),
    ],
)
def test_a_malformed_csv_row_is_named_by_its_line(row, message):
    text = "key,kind,stem,choice_1,choice_2,correct,rationale\nok,single,Fine?,yes,no,1,Because.\n" + row + "\n"
    items, problems = parse_csv(text)
    assert [item.key for item in items] == ["ok"]
    assert len(problems) == 1, problems
    assert problems[0].line == 3
    assert message in problems[0].message


def test_a_csv_header_must_name_known_columns():
    _, problems = parse_csv("kind,stem,answer\n")
    assert [problem.line for problem in problems] == [1, 1]
    assert "Unknown column(s): answer" in problems[0].message
    assert "Missing column(s): choice_1, choice_2, correct, rationale" in problems[1].message


def test_csv_export_guards_cells_a_spreadsheet_would_evaluate(db):
    bank = QuestionBank.objects.create(name="Formulas")
    Question.objects.create(
        bank=bank, kind="single", stem="<p>Dose?</p>", choices=choices("=1+1", "+-5 mg"), rationale="@SUM(A1)"
    )
    text = write_csv(bank.questions.all())
    assert "'=1+1" in text and "'-5 mg" in text and "'@SUM(A1)" in text
    (item,), problems = parse_csv(text)
    assert problems == []
    assert item.choices == [("=1+1", False), ("-5 mg", True)]
    assert item.rationale == "@SUM(A1)"


@pytest.fixture
def editor(db):
    return UserFactory(username="coordinator", is_staff=True, is_superuser=True)


@pytest.fixture
def source_bank(bare_activity):
    objective = bare_activity.learning_objectives[0].id
    bank = QuestionBank.objects.create(name="Pain post-test items", course=bare_activity, role="post_test")
    specs = [
        ("single", ("2.5 mg: {lowest} = safest", "+10 mg ~ #1", "20 mg"), "Start low\nand go slow."),
        ("multiple", ("+Exercise", "+NSAIDs", "Codeine"), "Both are first-line."),
        ("multiple", ("+A", "+B", "+C", "D"), "Three of four."),
        ("true_false", ("True", "+False"), "They are not first-line."),
    ]
    for order, (kind, choice_specs, rationale) in enumerate(specs):
        Question.objects.create(
            bank=bank,
            key=f"item-{order + 1}",
            sort_order=order,
            kind=kind,
            stem=f"<p>Question <b>{order + 1}</b>: which?</p>",
            choices=choices(*choice_specs),
            rationale=rationale,
            reference="CDC 2022" if order == 0 else "",
            objectives=[objective],
        )
    return bank


def question_facts(bank):
    return [
        (q.key, q.kind, q.stem, q.choice_pairs(), q.rationale, q.reference, q.objectives)
        for q in bank.questions.order_by("sort_order")
    ]


@pytest.mark.parametrize("file_format", ["gift", "csv"])
def test_a_bank_round_trips_through_export_and_import(source_bank, editor, file_format):
    exported = export_bank(source_bank, file_format, editor)
    copy = QuestionBank.objects.create(name="Copy", course=source_bank.course)
    created = import_questions(copy, file_format, exported.text, editor, filename=exported.filename)
    assert len(created) == 4
    copy.refresh_from_db()
    copy.latest_revision.publish(user=editor)
    assert question_facts(copy) == question_facts(source_bank)
    assert ModelLogEntry.objects.get(action=EXPORT_ACTION).data == {"format": file_format, "questions": 4}
    entry = ModelLogEntry.objects.get(action=IMPORT_ACTION)
    assert entry.object_id == str(copy.pk) and entry.data["questions"] == 4 and entry.user_id == editor.pk
    assert copy.revisions.count() == 1


@pytest.mark.parametrize(
    ("file_format", "text", "line"),
    [
        ("gift", "::a::Fine? {=yes ~no ####Because.}\n\n::b::Broken? {=yes ~no ####x\n", 3),
        ("csv", "kind,stem,choice_1,choice_2,correct,rationale\nsingle,Fine?,y,n,1,Yes.\nsingle,Bad?,y,n,5,No.\n", 3),
    ],
)
def test_one_bad_question_imports_nothing(source_bank, editor, file_format, text, line):
    before = question_facts(source_bank)
    with pytest.raises(ImportRefused) as refused:
        import_questions(source_bank, file_format, text, editor)
    assert [problem.line for problem in refused.value.problems] == [line]
    assert question_facts(source_bank) == before
    assert not ModelLogEntry.objects.filter(action=IMPORT_ACTION).exists()


def test_keys_and_objectives_are_checked_against_the_bank(source_bank):
    text = "::item-1::Again? {=y ~n ####r}\n\n// objectives: nowhere\n::new::Other? {=y ~n ####r}\n"
    plan = plan_import(source_bank, "gift", text)
    (taken, unknown) = plan.problems
    assert taken.line == 1 and "The key 'item-1' is already used" in taken.message
    assert unknown.line == 4 and "Objective(s) nowhere are not among" in unknown.message
    assert not plan.can_import


def test_gift_writes_a_true_false_item_as_t_or_f(source_bank):
    gift = write_gift(source_bank.questions.order_by("sort_order"))
    assert "::item-4::[html]<p>Question <b>4</b>\\: which?</p> {F ####They are not first-line.}" in gift
