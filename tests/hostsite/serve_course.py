"""Run in a fresh process: migrate the host site, build an activity under its own root, serve it.

Prints one JSON line for the test that runs it.
"""

import json
import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.hostsite.settings"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from tests.factories.courses import make_catalog, make_course, make_module  # noqa: E402

call_command("migrate", verbosity=0)
root = Page.get_first_root_node()
host_home = Page(title="Host society home", slug="host-home")
root.add_child(instance=host_home)
Site.objects.update(root_page=host_home, hostname="host.example", is_default_site=True)
catalog = make_catalog(host_home, slug="cme")
course = make_course(catalog, slug="host-course", title="Course served by the host")
module = make_module(course, slug="lesson", title="Host lesson")

client = Client(HTTP_HOST="host.example")
course_response = client.get(course.url)
module_response = client.get(module.url)
json.dump(
    {
        "course_url": course.url,
        "course_status": course_response.status_code,
        "course_has_title": "Course served by the host" in course_response.content.decode(),
        "module_status": module_response.status_code,
        "module_has_title": "Host lesson" in module_response.content.decode(),
    },
    sys.stdout,
)
