from cme_site.models import HomePage
from courses.models import CourseCatalogPage, CoursePage, ModulePage
from tests.factories import make_course, make_module


def test_course_pages_are_created_only_under_a_catalog(home, catalog):
    assert CoursePage.can_create_at(catalog)
    assert not CoursePage.can_create_at(home)
    assert CoursePage.allowed_parent_page_models() == [CourseCatalogPage]


def test_modules_are_created_only_under_a_course(home, catalog):
    course = make_course(catalog)
    assert ModulePage.can_create_at(course)
    assert not ModulePage.can_create_at(catalog)
    assert not ModulePage.can_create_at(home)
    assert ModulePage.allowed_subpage_models() == []


def test_a_module_takes_no_child_pages(catalog):
    module = make_module(make_course(catalog))
    assert not CoursePage.can_create_at(module)
    assert not ModulePage.can_create_at(module)


def test_catalog_accepts_only_courses(catalog):
    allowed = catalog.specific_class.allowed_subpage_models()
    assert CoursePage in allowed and all(issubclass(model, CoursePage) for model in allowed)


def test_the_site_has_one_home_page(home):
    assert not HomePage.can_create_at(home.get_parent())
