"""The designation statement is filled by plain placeholder substitution, never by str.format."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from courses.models import CMEStatementSettings, CoursePage
from courses.models.statements import COMMENSURATE, fill_designation_template, validate_designation_template
from tests.factories import make_course

MEMORY_BOMB = "{provider:>2000000000} designates this {format} for a maximum of {amount} {credit_type}."


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        (MEMORY_BOMB, "{provider:>2000000000} is not a plain placeholder"),
        ("{provider!r} designates this {format} for {amount}.", "{provider!r} is not a plain placeholder"),
        (
            "{provider.__class__} designates this {format} for {amount}.",
            "{provider.__class__} is not a plain placeholder",
        ),
        ("{provider[0]} designates this {format} for {amount}.", "{provider[0]} is not a plain placeholder"),
        ("{} designates this {format} for {amount}.", "{} is not a plain placeholder"),
        ("{0} designates this {format} for {amount}.", "{0} is not one of the placeholders"),
        ("{sponsor} designates this {format} for {amount}.", "{sponsor} is not one of the placeholders"),
        ("{provider designates this {format} for {amount}.", "a brace has no partner"),
        ("provider} designates this {format} for {amount}.", "a brace has no partner"),
        ("{{provider}} designates this {format} for {amount}.", "a brace has no partner"),
    ],
)
def test_anything_but_a_plain_documented_placeholder_is_refused_by_name(template, problem):
    with pytest.raises(ValidationError) as refusal:
        validate_designation_template(template)
    assert problem in refusal.value.messages[0]
    assert "Use only {provider}, {format}, {amount}, {credit_type}." in refusal.value.messages[0]


def test_the_settings_form_refuses_the_memory_bomb_with_a_form_error(admin_client, home):
    site = home.get_site()
    saved = CMEStatementSettings.for_site(site).designation_statement
    data = {
        "provider_name": "The Sample Medical Society",
        "accreditation_statement": "Accredited by the ACCME.",
        "designation_statement": MEMORY_BOMB,
        "technical_requirements": "A current browser.",
        "contact_email": "cme@example.org",
        "privacy_policy_url": "https://example.org/privacy/",
    }
    url = reverse("wagtailsettings:edit", args=["cme_courses", "cmestatementsettings", site.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert escape("{provider:>2000000000} is not a plain placeholder") in response.content.decode()
    assert CMEStatementSettings.for_site(site).designation_statement == saved

    data["designation_statement"] = "{provider} designates this {format} for up to {amount} {credit_type}."
    assert admin_client.post(url, data).status_code == 302
    assert CMEStatementSettings.for_site(site).designation_statement == data["designation_statement"]


def test_the_documented_placeholders_are_filled_literally():
    values = {"provider": "Society {amount}", "format": "enduring material", "amount": "1.25", "credit_type": "Credit"}
    filled = fill_designation_template("{provider} designates this {format} for {amount} {credit_type}.", values)
    assert filled == "Society {amount} designates this enduring material for 1.25 Credit."


def test_a_bad_template_stored_before_the_check_renders_as_written(client, catalog, home):
    course = make_course(catalog, slug="legacy", credit="1.25", estimated_minutes=75)
    CoursePage.objects.filter(pk=course.pk).update(designation_statement=MEMORY_BOMB)
    started = time.monotonic()
    html = client.get(course.url).content.decode()
    assert time.monotonic() - started < 5
    assert escape("{provider:>2000000000} designates this enduring material for a maximum of 1.25") in html

    settings = CMEStatementSettings.for_site(home.get_site())
    CMEStatementSettings.objects.filter(pk=settings.pk).update(designation_statement="{provider.__class__} {format}")
    plain = make_course(catalog, slug="site-wide", credit="1.00")
    statement = plain.get_designation_statement(plain.credit_designations.get(), CMEStatementSettings.objects.get())
    assert statement == f"{{provider.__class__}} enduring material {COMMENSURATE}"
