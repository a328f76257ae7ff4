"""Registers the CME reports (URLs and Reports menu items) and the dashboard panel."""

from django.urls import include, path, reverse
from wagtail import hooks

from . import urls
from .access import can_view_reports
from .base import ReportMenuItem
from .panel import CMEDashboardPanel

MENU_ITEMS = [
    ("completions", "CME completions", "circle-check"),
    ("not_completed", "Enrolled, not completed", "time"),
    ("credits", "Credits claimed per type", "doc-full"),
    ("evaluations", "Evaluation summary", "form"),
    ("knowledge_gain", "Pre/post knowledge gain", "sliders"),
    ("item_analysis", "Quiz item analysis", "list-ol"),
]
# After Wagtail's own reports (700-1300).
FIRST_MENU_ORDER = 1400


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("cme-reports/", include(urls, namespace="lms_reports"))]


def register_menu_item(order, url_name, label, icon):
    @hooks.register("register_reports_menu_item")
    def register():
        return ReportMenuItem(
            label,
            reverse(f"lms_reports:{url_name}"),
            name=f"cme-{url_name.replace('_', '-')}",
            icon_name=icon,
            order=order,
        )


for menu_order, menu_item in enumerate(MENU_ITEMS, start=FIRST_MENU_ORDER):
    register_menu_item(menu_order, *menu_item)


@hooks.register("construct_homepage_panels")
def add_cme_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(CMEDashboardPanel())
