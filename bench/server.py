"""gunicorn serving bench.settings on loopback, started and stopped around the measurements."""

import contextlib
import os
import subprocess
import sys
import time
import urllib.request

HOST = "127.0.0.1"
PORT = 8765
WORKERS = 2


def server_environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
    }


@contextlib.contextmanager
def gunicorn(environment):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cme_site.wsgi:application",
        "--bind",
        f"{HOST}:{PORT}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--access-logfile",
        "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
    ]
    process = subprocess.Popen(command, env=environment)
    try:
        wait_until_up(f"http://{HOST}:{PORT}/bench/ceiling/", process)
        yield f"http://{HOST}:{PORT}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}; see its output above")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")
