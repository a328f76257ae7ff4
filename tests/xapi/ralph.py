"""Ralph, a real learning record store, run by the tests with its file-system backend.

It lives in its own venv (`make ralph` creates .ralph-venv), is started with `ralph runserver -b fs`
on a free port, and lets in one account made by `ralph auth`. The tests read statements back
through its xAPI API, as a society's analytics team would. Its file-system backend takes one
write per file as released; ralph_site/sitecustomize.py has it append (see there).
"""

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import requests

from tests.sso.provider import free_port

RALPH_VENV = Path(__file__).resolve().parents[2] / ".ralph-venv"
RALPH = RALPH_VENV / "bin" / "ralph"
APPENDING_FILE_STORE = Path(__file__).resolve().parent / "ralph_site"
USERNAME = "cme-site"
PASSWORD = "lrs-test-secret"
XAPI_VERSION = {"X-Experience-API-Version": "1.0.3"}


# Checks statements against Ralph's model of an xAPI 1.0.3 statement, stricter than what its LRS
# asks of a POST: prints the id and the errors of each statement that fails.
VALIDATE = """
import json, sys
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        print(statement.get("id"), error)
"""


class Ralph:
    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/xAPI"
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(APPENDING_FILE_STORE),
            "HOME": str(directory),
            "RALPH_APP_DIR": str(directory),
            "RALPH_AUTH_FILE": str(directory / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
        }
        self.process = None
        subprocess.run(
            [
                RALPH,
                "auth",
                "-u",
                USERNAME,
                "-p",
                PASSWORD,
                "-s",
                "all",
                "-A",
                USERNAME,
                "https://lrs.example.org",
                "-w",
            ],
            env=self.env,
            cwd=directory,
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.start()

    def start(self):
        # A session of its own: runserver reloads through a child process, and both stop together.
        self.process = subprocess.Popen(
            [RALPH, "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)],
            env=self.env,
            cwd=self.directory,
            stdout=(self.directory / "ralph.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.url + "/__heartbeat__", timeout=1).raise_for_status()
                return
            except requests.RequestException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = (self.directory / "ralph.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"Ralph did not start on port {self.port}:\n{log}") from None
                time.sleep(0.2)

    def stop(self):
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)
        self.process = None

    def forget(self):
        """Empty the store between tests."""
        for stored in self.data.glob("*"):
            stored.unlink()

    def settings(self, **overrides):
        """The site's LMS["XAPI"] block for this store."""
        return {"ENDPOINT": self.endpoint, "USERNAME": USERNAME, "PASSWORD": PASSWORD, **overrides}

    def invalid(self, statements):
        """What Ralph's xAPI 1.0.3 model finds wrong with `statements` ("" when nothing)."""
        checked = subprocess.run(
            [RALPH_VENV / "bin" / "python", "-c", VALIDATE],
            input=json.dumps(statements),
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return checked.stdout.strip()

    def statements(self, **query):
        """Every statement the store holds, through GET /xAPI/statements, in the order it stored them."""
        found = []
        url, params = self.endpoint + "/statements", query
        while url:
            reply = requests.get(url, params=params, auth=(USERNAME, PASSWORD), headers=XAPI_VERSION, timeout=10)
            reply.raise_for_status()
            page = reply.json()
            found.extend(page["statements"])
            more = page.get("more")
            url, params = (self.url + more if more else None), None
        return sorted(found, key=lambda statement: statement["stored"])
