import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_apps_migrate_and_serve_a_course_in_a_separate_wagtail_site(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.hostsite.serve_course"],
        cwd=ROOT,
        env={"HOST_SITE_DB": str(tmp_path / "host.sqlite3"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "course_url": "/learn/cme/host-course/",
        "course_status": 200,
        "course_has_title": True,
        "module_status": 200,
        "module_has_title": True,
    }
