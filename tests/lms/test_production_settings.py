import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "k3!x9-prod-" + "q7Zr2LmW8vB4nT6yH1pF5sD0cJ3gK9aE" * 2,
    "DJANGO_ALLOWED_HOSTS": "cme.example.org, www.cme.example.org",
    "DATABASE_URL": "sqlite:////tmp/cme-deploy-check.sqlite3",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=cme_site.settings.production"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_environment():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_its_environment(missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_with_redis_sessions_are_read_from_the_cache_and_written_through_to_the_database():
    # Written through: restarting Redis (which keeps nothing on disk) must sign nobody out.
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/15"}
    result = manage("shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.contrib.sessions.backends.cached_db"


def test_on_postgresql_statements_are_bound_and_prepared_by_the_server():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://cme@db.example.org:5432/cme"}
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])", env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "{'server_side_binding': True, 'prepare_threshold': 5}"
