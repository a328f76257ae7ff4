"""A module picks the objectives it serves from its activity's, by their stable ids."""

import importlib

import pytest
from django.core.exceptions import ValidationError

from courses.models import CoursePage, ModulePage
from courses.objectives import activity_objectives
from tests.factories import make_course, make_module, make_quiz

OBJECTIVES = [
    {"type": "objective", "value": "Assess opioid risk.", "id": "obj-assess"},
    {"type": "objective", "value": "Plan a taper.", "id": "obj-plan"},
]


@pytest.fixture
def course(catalog):
    return make_course(catalog, slug="tapering", learning_objectives=OBJECTIVES)


def module_form(module, data=None):
    form_class = ModulePage.get_edit_handler().get_form_class()
    return form_class(data, instance=module, parent_page=module.get_parent(), for_user=None)


def test_the_chooser_offers_only_the_activitys_objectives(course):
    module = make_module(course)
    field = module_form(module).fields["objectives"]
    assert list(field.choices) == [("obj-assess", "Assess opioid risk."), ("obj-plan", "Plan a taper.")]
    assert field.clean(["obj-plan"]) == ["obj-plan"]
    with pytest.raises(ValidationError):
        field.clean(["obj-elsewhere"])


def test_an_id_that_is_not_an_objective_of_the_activity_is_refused(course, catalog):
    other = make_course(
        catalog, slug="other", learning_objectives=[{"type": "objective", "value": "Elsewhere.", "id": "obj-else"}]
    )
    module = make_module(course)
    module.objectives = ["obj-assess", "obj-else"]
    with pytest.raises(ValidationError, match="obj-else"):
        module.full_clean()
    assert ModulePage.objects.get(pk=module.pk).objectives == []
    assert other.learning_objectives[0].id == "obj-else"


def test_the_module_page_shows_the_objectives_it_serves_in_the_activitys_words(client, course):
    module = make_module(course, objectives=["obj-plan"])
    html = client.get(module.url).content.decode()
    assert "In this module" in html and "Plan a taper." in html and "Assess opioid risk." not in html
    make_quiz(course)  # an activity that designates credit is published with its post-test
    activity = CoursePage.objects.get(pk=course.pk)
    activity.learning_objectives = [
        OBJECTIVES[0],
        {"type": "objective", "value": "Plan and follow a taper.", "id": "obj-plan"},
    ]
    activity.save_revision().publish()
    assert "Plan and follow a taper." in client.get(module.url).content.decode()


def test_the_editor_ticks_objectives(client, course, society_admin):
    module = make_module(course)
    client.force_login(society_admin)
    html = client.get(f"/admin/pages/{module.pk}/edit/").content.decode()
    assert 'value="obj-assess"' in html and "Plan a taper." in html


def test_objectives_typed_on_modules_become_the_activitys_ids():
    migration = importlib.import_module("courses.migrations.0008_module_objectives_chosen_by_id")
    typed = [{"type": "objective", "value": "  plan a TAPER. "}, {"type": "objective", "value": "Something else"}]
    assert migration.chosen_ids(typed, OBJECTIVES) == ["obj-plan"]


def test_the_curriculum_loader_sets_the_modules_objectives_by_id(db, bundled_curriculum_day):
    import io

    from django.core.management import call_command

    call_command("load_curriculum", stdout=io.StringIO())
    modules = [module for module in ModulePage.objects.live() if module.objectives]
    assert modules, "the bundled curriculum names the objectives its modules serve"
    for module in modules:
        ids = [objective_id for objective_id, _ in activity_objectives(module.get_course())]
        assert set(module.objectives) <= set(ids)
        assert module.served_objectives()
