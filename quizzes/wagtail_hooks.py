from django.db.models import Q
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.scheduling import refused_in_the_admin
from courses import hooks as cme_hooks
from courses.models import ModulePage
from courses.panels import PUBLICATION_PANEL
from courses.publication_unit import Part
from courses.publishing_checks import checklist_item

from .assessment import assessment_problems
from .banks.exporting import EXPORT_ACTION
from .banks.importing import IMPORT_ACTION
from .banks.rules import shared_bank_problems
from .banks.viewset import QuestionBankViewSet
from .copying import copy_tests
from .models import Quiz, QuizRole
from .post_test_guard import post_test_loss_problems

register_permission_policy(Quiz)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "list-ul"
    menu_label = "Quizzes"
    menu_order = 310
    add_to_admin_menu = True
    # The status says "live + in moderation" while an edit awaits review.
    list_display = ["title", "role", "course", "module", "passing_score", "max_attempts", LiveStatusTagColumn()]
    list_filter = ["role"]
    search_fields = ["title"]


register_snippet(QuizViewSet)
register_snippet(QuestionBankViewSet)


@hooks.register("before_delete_snippet")
def keep_a_live_activitys_post_test(request, instances):
    for instance in instances:
        if isinstance(instance, Quiz) and (problems := post_test_loss_problems(instance)):
            return refused_in_the_admin(request, instance, problems, "Not deleted")
    return None


hooks.register(cme_hooks.ACTIVITY_COPIED, copy_tests)


def shown_quizzes(request, **attached):
    """The live quizzes attached to a page; in a preview their latest drafts, published or not."""
    if not getattr(request, "is_preview", False):
        return list(Quiz.objects.live().filter(**attached))
    return [quiz.get_latest_revision_as_object() for quiz in Quiz.objects.filter(**attached)]


def learner_walkthrough(request):
    return getattr(request, "is_preview", False) and getattr(request, "preview_mode", "") == "learner"


def start_sections(quizzes, request):
    """What a learner sees before starting each test, for the author walking through a preview."""
    return "".join(
        render_to_string("quizzes/_test_start_preview.html", {"quiz": quiz, "bank_size": len(quiz.questions.all())})
        for quiz in quizzes
    )


@hooks.register(cme_hooks.COURSE_PAGE_CONTENT_SECTIONS)
def course_tests(page, request):
    quizzes = {quiz.role: quiz for quiz in shown_quizzes(request, course=page)}
    if not quizzes:
        return ""
    if learner_walkthrough(request):
        return start_sections(
            [quizzes[role] for role in (QuizRole.PRE_TEST, QuizRole.POST_TEST) if role in quizzes], request
        )
    return render_to_string(
        "quizzes/_course_tests.html",
        {"pre_test": quizzes.get(QuizRole.PRE_TEST), "post_test": quizzes.get(QuizRole.POST_TEST)},
        request=request,
    )


@hooks.register(cme_hooks.COURSE_PASS_MARK)
def post_test_pass_mark(page):
    return (
        Quiz.objects.live().filter(course=page, role=QuizRole.POST_TEST).values_list("passing_score", flat=True).first()
    )


# An activity that designates credit is published only with its assessment (quizzes/assessment.py).
hooks.register(
    cme_hooks.ACTIVITY_PUBLISH_CHECKS,
    checklist_item("Post-test with a pass mark", "panel-child-content-completion_rule")(assessment_problems),
)
# Nor with a pre-test and a post-test drawing from one bank (quizzes/banks/rules.py).
hooks.register(
    cme_hooks.ACTIVITY_PUBLISH_CHECKS,
    checklist_item("Pre-test and post-test draw from different banks", f"panel-child-content-{PUBLICATION_PANEL}")(
        shared_bank_problems
    ),
)


@hooks.register(cme_hooks.ACTIVITY_PARTS)
def activity_tests(activity):
    """Its pre-test and post-test, and its modules' knowledge checks, publish with it."""
    tests = Quiz.objects.filter(
        Q(course_id=activity.pk) | Q(module__in=ModulePage.objects.child_of(activity))
    ).order_by("module__path", "role", "pk")
    return [Part(quiz, quiz.get_role_display().lower(), quiz.role == QuizRole.POST_TEST) for quiz in tests]


@hooks.register(cme_hooks.MODULE_PAGE_CONTENT_SECTIONS)
def module_knowledge_check(page, request):
    quiz = next(iter(shown_quizzes(request, module=page)), None)
    if quiz is None:
        return ""
    if learner_walkthrough(request):
        return start_sections([quiz], request)
    return render_to_string("quizzes/_knowledge_check.html", {"quiz": quiz}, request=request)


@hooks.register("register_log_actions")
def register_bank_log_actions(actions):
    actions.register_action(IMPORT_ACTION, "Import questions", "Questions imported into the bank")
    actions.register_action(EXPORT_ACTION, "Export questions", "Bank downloaded")
