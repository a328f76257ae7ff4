"""docs/install.md, followed to the letter: a site made by `wagtail start`, with exactly the
settings and URL blocks the page shows, passes `check`, migrates, loads the curriculum and serves
the catalog, an activity, a learner page, the API's OpenAPI document and the catalog API, while
keeping its own home page."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from drf_spectacular.validation import validate_schema

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "docs" / "install.md"
BLOCK = re.compile(r"<!-- install:(settings|urls) -->\n```python\n(.*?)```", re.S)


def install_blocks():
    blocks = {"settings": [], "urls": []}
    for kind, code in BLOCK.findall(INSTALL.read_text()):
        blocks[kind].append(code)
    assert blocks["settings"] and blocks["urls"], "docs/install.md marks its settings and URL blocks"
    return blocks


def run(site, *args, timeout=600):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "mysite.settings.dev",
        "HOME": str(site),
    }
    result = subprocess.run([sys.executable, *args], cwd=site, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result.stdout


def test_a_wagtail_start_site_installs_the_apps_as_docs_install_md_says(tmp_path):
    site = tmp_path / "mysite"
    site.mkdir()
    wagtail = Path(sys.executable).with_name("wagtail")
    subprocess.run([str(wagtail), "start", "mysite", str(site)], check=True, capture_output=True, timeout=120)
    blocks = install_blocks()
    with (site / "mysite" / "settings" / "base.py").open("a") as settings:
        settings.write("\n\n" + "\n".join(blocks["settings"]))
    with (site / "mysite" / "urls.py").open("a") as urls:
        urls.write("\n\n" + "\n".join(blocks["urls"]))

    checked = run(site, "manage.py", "check")
    assert "E304" not in checked and "E305" not in checked
    run(site, "manage.py", "migrate", "--noinput")
    loaded = run(site, "manage.py", "load_curriculum")
    assert "30 created" in loaded
    outcome = json.loads(run(site, "-m", "tests.install.fetch_pages").strip().splitlines()[-1])

    assert outcome["journal_mode"] == "wal", "the SQLite settings of docs/install.md are in effect"
    assert outcome["home_type"] == "HomePage", "the host's own home page stays the site's root"
    assert outcome["statuses"] == {"catalog": 200, "activity": 200, "learner": 200}
    assert outcome["activity_title_shown"] and outcome["learner_page_is_the_members"]
    assert outcome["schema_status"] == 200
    schema = outcome["schema"]
    validate_schema(schema)
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])
    committed = json.loads((ROOT / "tests" / "api" / "openapi-v1.json").read_text())
    # `servers` names the host the document was fetched from; everything else is the same contract.
    assert {**schema, "servers": None} == {**committed, "servers": None}
    assert outcome["catalog_api_status"] == 200
    assert outcome["catalog_api_titles"] == outcome["activity_titles"] and len(outcome["activity_titles"]) == 3
