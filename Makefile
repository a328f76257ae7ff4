PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Ralph, the learning record store of the xAPI tests, in a venv of its own: its FastAPI stack stays out of ours.
RALPH_VENV := .ralph-venv
RALPH_REQUIREMENTS := tests/xapi/ralph-requirements.txt
RALPH_STAMP := $(RALPH_VENV)/.installed
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/cme
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cme_bench
BENCH_SIZE ?= --members 100000 --activities 200 --years 10

.PHONY: run test test-postgres lint audit bench venv ralph migrate clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

ralph: $(RALPH_STAMP)

$(RALPH_STAMP): $(RALPH_REQUIREMENTS)
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/python -m pip install --quiet -r $(RALPH_REQUIREMENTS)
	touch $(RALPH_STAMP)

migrate: venv
	$(PY) manage.py migrate --noinput

# The web server in the foreground; the task worker (outbound deliveries) and the outbox sweeper
# beside it, stopped with it.
run: migrate
	$(PY) manage.py load_curriculum
	$(PY) manage.py create_demo_users
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py deliver_outbox --loop & \
	$(PY) manage.py runserver 127.0.0.1:8000

test: venv ralph
	$(PY) -m pytest

# ruff, configured in pyproject.toml: lint and format check.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-postgres: venv ralph
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest --require-postgres

# Known vulnerabilities in requirements.txt (pip-audit); exceptions in .ci/audit-exceptions.
audit: venv
	PY=$(PY) .ci/audit

# Benchmarks, never part of `make test` (docs/performance.md): a large society generated once into
# its own PostgreSQL database, then gunicorn measured under wrk against its ceiling.
bench: venv
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	@ldconfig -p | grep -q libharfbuzz-subset || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null)
	$(PY) -m bench.generate $(BENCH_SIZE) --database-url $(BENCH_DATABASE_URL) --reuse
	$(PY) -m bench.run --database-url $(BENCH_DATABASE_URL)

clean:
	rm -rf $(VENV) $(RALPH_VENV) .pytest_cache .test-media
