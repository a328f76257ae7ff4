"""The benchmark's own choices: which endpoint its profile is of."""

from bench.run import slowest_own_endpoint
from bench.scenarios import scenarios

ACTORS = {
    "portal": {},
    "progress_member": "M1",
    "far_page": 5000,
    "far_cursor": "c",
    "course_url": "/c/",
    "module_url": "/c/m/",
    "plain_url": "/",
    "dashboard": {},
    "dashboard_activities": 50,
}


def test_the_profile_is_of_the_slowest_of_the_projects_own_endpoints_not_a_reference():
    measured = scenarios(ACTORS, '"etag"')
    ratios = {s.name: 0.5 for s in measured}
    ratios["Wagtail pages API, same 20"] = 0.01  # a reference is slower than everything
    ratios["plain Wagtail page"] = 0.02
    ratios["dashboard, one learner at a time"] = 0.03  # a latency probe, one connection
    ratios["feed, page 5000"] = 0.04
    summary = {name: {"ratio": {"median": ratio}} for name, ratio in ratios.items()}
    assert slowest_own_endpoint(measured, summary).name == "feed, page 5000"
