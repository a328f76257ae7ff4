"""The GET requests measured with wrk, each beside the references the targets compare it to."""

from dataclasses import dataclass, field


@dataclass
class Scenario:
    name: str
    path: str
    headers: dict = field(default_factory=dict)
    max_queries: int | None = None  # the target, where docs/performance.md sets one
    connections: int | None = None  # instead of the run's concurrency: a latency probe
    reference: bool = False  # a yardstick of the stack, not one of the project's endpoints


def scenarios(actors, progress_etag):
    portal = actors["portal"]
    progress = f"/api/v1/members/{actors['progress_member']}/progress/"
    feed = "/api/v1/completions/feed/?page_size=50"
    return [
        Scenario("ceiling (bare DRF)", "/bench/ceiling/", reference=True),
        Scenario("member progress", progress, portal, max_queries=4),
        Scenario("member progress, 304", progress, {**portal, "If-None-Match": progress_etag}, max_queries=4),
        Scenario("catalog, 20 activities", "/api/v1/catalog/?page_size=20", portal),
        Scenario("Wagtail pages API, same 20", "/api/v2/pages/?type=cme_courses.CoursePage&limit=20", reference=True),
        Scenario("feed, page 1", feed, portal),
        Scenario(f"feed, page {actors['far_page']}", f"{feed}&cursor={actors['far_cursor']}", portal),
        Scenario("course landing page", actors["course_url"], max_queries=12),
        Scenario("module page", actors["module_url"], max_queries=12),
        Scenario("plain Wagtail page", actors["plain_url"], reference=True),
        Scenario(
            f"dashboard, {actors['dashboard_activities']} activities", "/learn/", actors["dashboard"], max_queries=12
        ),
        Scenario("dashboard, one learner at a time", "/learn/", actors["dashboard"], max_queries=12, connections=1),
    ]
