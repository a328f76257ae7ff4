"""Every text box of the activity editor has a name a screen reader announces: the learning objective's
input, which the editor builds from its block definition, is named like the block's visible header
(an axe scan found `#learning_objectives-0-value` unlabelled)."""

import json

from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_course


def objective_block(edit_view):
    """The learning objective's block definition, as the editor's script receives it."""
    stream = BeautifulSoup(edit_view, "html.parser").find(id="learning_objectives")
    definition = json.loads(stream["data-w-block-data-value"])
    ((_, children),) = definition["_args"][1]
    (block,) = [child for child in children if child["_args"][0] == "objective"]
    _, widget, meta = block["_args"]
    return widget["_args"][0], meta


def first_objective_input(edit_view):
    """The first objective's input as the editor's script writes it into the form."""
    template, meta = objective_block(edit_view)
    prefix = "learning_objectives-0-value"
    html = template.replace("__ID__", prefix).replace("__NAME__", prefix)
    return BeautifulSoup(html, "html.parser").find(id=prefix), meta


def accessible_name(element, document):
    """The name assistive technology gives a form control (the parts of the accessible-name
    computation a text input can use)."""
    if element.get("aria-labelledby"):
        return " ".join(document.find(id=ref).get_text(" ", strip=True) for ref in element["aria-labelledby"].split())
    if element.get("aria-label", "").strip():
        return element["aria-label"].strip()
    label = document.find("label", attrs={"for": element["id"]})
    return label.get_text(" ", strip=True) if label else element.get("title", "").strip()


def test_the_learning_objective_input_has_an_accessible_name(client, society_admin, catalog):
    activity = make_course(catalog)
    client.force_login(society_admin)
    edit_view = client.get(reverse("wagtailadmin_pages:edit", args=[activity.pk])).content.decode()
    document = BeautifulSoup(edit_view, "html.parser")
    element, meta = first_objective_input(edit_view)
    assert element.name == "input" and element["type"] == "text"
    name = accessible_name(element, document)
    assert name == "Learning objective"
    # What sighted editors read in the block's header is what a screen reader announces (WCAG 2.5.3).
    assert meta["label"] in name
