"""The embedded default holds up: the demo site as `make run` serves it (runserver, the task
worker and the outbox sweeper on the default SQLite settings, in their own processes) takes eight
learners going from sign-in to certificate at once, while a portal imports members in batches and
the worker indexes pages and delivers webhooks. Not one response is a 5xx, and "database is
locked" appears nowhere: not in a response, not in a log, not in a task's result."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 8
PASSWORD = "correct horse battery"
BATCHES, BATCH_SIZE = 6, 50
LOCKED = "database is locked"


def site_env(site_dir):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(site_dir),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.site.sqlite_site_settings",
        "CME_SITE_DIR": str(site_dir),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def run(site_dir, *args):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=site_env(site_dir), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stderr[-4000:]}"
    return result.stdout


class Receiver(BaseHTTPRequestHandler):
    """A portal's webhook endpoint: takes every event."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/events"
    server.shutdown()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def site(tmp_path, webhook_url):
    """A migrated site with the curriculum and the learners; its server, worker and sweeper running."""
    run(tmp_path, "manage.py", "migrate", "--noinput")
    run(tmp_path, "manage.py", "load_curriculum")
    prepared = json.loads(run(tmp_path, "-m", "tests.site.prepare_learners", str(LEARNERS), PASSWORD, webhook_url))
    port = free_port()
    commands = {
        "server": ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        "worker": ["manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        "sweeper": ["manage.py", "deliver_outbox", "--loop", "--interval", "1"],
    }
    processes, logs = {}, {}
    for name, command in commands.items():
        logs[name] = tmp_path / f"{name}.log"
        with logs[name].open("w") as log:
            processes[name] = subprocess.Popen(
                [sys.executable, *command], cwd=ROOT, env=site_env(tmp_path), stdout=log, stderr=subprocess.STDOUT
            )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(base + "/accounts/login/", timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, logs["server"].read_text()[-3000:]
                time.sleep(0.3)
        yield {"base": base, "db": tmp_path / "db.sqlite3", "logs": logs, **prepared}
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(timeout=30)


def read_db(db, sql, *params):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=20)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


class Visits:
    """Every response the load received, each checked for a server error."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.failures = []

    def record(self, who, response):
        for step in [*response.history, response]:
            with self.lock:
                self.count += 1
                if step.status_code >= 500 or LOCKED in step.text:
                    self.failures.append(f"{who}: {step.request.method} {step.url} -> {step.status_code}")
        return response


def learner_journey(site, username, visits, start):
    """Sign in, enrol, skip the pre-test, read every module, pass the post-test, evaluate, claim credit."""
    base = site["base"]
    session = requests.Session()

    def go(method, path, data=None):
        if data is not None:
            data = {"csrfmiddlewaretoken": session.cookies.get("csrftoken", ""), **data}
        return visits.record(username, session.request(method, base + path, data=data, timeout=120))

    start.wait()
    go("GET", "/accounts/login/")
    signed_in = go("POST", "/accounts/login/", {"username": username, "password": PASSWORD})
    assert "sessionid" in session.cookies, f"{username} was not signed in: {signed_in.status_code}"
    course = site["course_id"]
    go("POST", f"/learn/courses/{course}/enrol/", {})
    go("POST", f"/learn/courses/{course}/pre-test/skip/", {})
    for module in site["module_ids"]:
        go("POST", f"/learn/modules/{module}/complete/", {})
    attempt_page = go("POST", f"/quizzes/{site['post_test_id']}/start/", {})
    attempt_id = int(attempt_page.url.rstrip("/").rsplit("/", 1)[1])
    ((presented,),) = read_db(site["db"], "SELECT presented FROM cme_quizzes_attempt WHERE id = ?", attempt_id)
    answers = {f"q{position}": question["correct"] for position, question in enumerate(json.loads(presented), 1)}
    go("POST", f"/quizzes/attempts/{attempt_id}/", answers)
    evaluation = {f"objective_{block_id}": "5" for block_id in site["objective_ids"]}
    evaluation.update(
        relevance="5",
        practice_change="yes",
        commitment_to_change="Refer earlier.",
        free_of_commercial_bias="yes",
        overall_quality="5",
    )
    go("POST", f"/learn/courses/{course}/evaluation/", evaluation)
    claim = {"minutes": str(site["minutes"]), site["credit_field"]: "0.50", "attest": "on", "report_consent": "yes"}
    go("POST", f"/learn/courses/{course}/claim/", claim)
    go("GET", "/learn/")


def member_import(site, visits, start):
    """A portal sends its members in batches of BATCH_SIZE while the learners work."""
    headers = {"Authorization": f"Api-Key {site['api_key']}"}
    start.wait()
    for batch in range(BATCHES):
        members = [
            {
                "member_id": f"IMPORT-{batch}-{number}",
                "email": f"import-{batch}-{number}@example.org",
                "first_name": "Imported",
                "last_name": f"Member {number}",
                "degree": "MD",
                "birth_month": 2,
                "birth_day": 29,
                "membership_status": "active",
            }
            for number in range(BATCH_SIZE)
        ]
        response = requests.post(
            site["base"] + "/api/v1/member-batches/", json={"members": members}, headers=headers, timeout=120
        )
        visits.record("portal", response)
        assert response.status_code == 200, response.text[:2000]


def test_eight_learners_and_a_member_import_at_once_on_sqlite(site):
    assert read_db(site["db"], "PRAGMA journal_mode") == [("wal",)]
    visits, errors = Visits(), []
    start = threading.Barrier(LEARNERS + 1)

    def attempt(work, *args):
        try:
            work(site, *args, visits, start)
        except Exception as error:  # noqa: BLE001 - every thread's failure is reported together
            errors.append(f"{work.__name__}{args}: {error!r}")

    threads = [threading.Thread(target=attempt, args=(learner_journey, name)) for name in site["usernames"]]
    threads.append(threading.Thread(target=attempt, args=(member_import,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not [thread for thread in threads if thread.is_alive()], "a learner or the import never finished"

    assert visits.failures == [], "\n".join(visits.failures)
    assert errors == [], "\n".join(errors)
    assert visits.count > LEARNERS * 15
    db = site["db"]
    assert read_db(db, "SELECT COUNT(*) FROM cme_lms_certificate") == [(LEARNERS,)]
    assert read_db(db, "SELECT COUNT(*) FROM cme_lms_member WHERE member_id LIKE 'IMPORT-%'") == [
        (BATCHES * BATCH_SIZE,)
    ]
    # The worker ran beside the load (search indexing, webhook deliveries) and none of its tasks failed.
    deadline = time.monotonic() + 300
    while read_db(db, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')")[
        0
    ][0]:
        assert time.monotonic() < deadline, "the worker did not finish its tasks"
        time.sleep(1)
    statuses = dict(read_db(db, "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"))
    assert set(statuses) == {"SUCCESSFUL"}, statuses
    assert read_db(db, "SELECT COUNT(*) FROM cme_lms_webhookdelivery")[0][0] > 0
    for name, log in site["logs"].items():
        assert LOCKED not in log.read_text(), f"{name}: {log.read_text()[-3000:]}"
