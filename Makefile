# The two commands a new user needs: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app practice
INSTALLED := $(VENV)/.installed

.PHONY: run test lint format bench load clean system-packages test-system-packages

# Every time: what a machine that never saw this project lacks (WeasyPrint's libraries, fonts,
# python3-venv; for the tests also Chromium). Installed with apt-get as root, else it stops with
# the command to run.
system-packages:
	@PYTHON=$(PYTHON) tools/system-packages

test-system-packages:
	@PYTHON=$(PYTHON) tools/system-packages --with-browser

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

run: system-packages $(INSTALLED)
	$(FLASK) init-db
	$(FLASK) demo-data --patients 20
	$(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:5000

# SQLite always; with TEST_DATABASE_URL (PostgreSQL) set, the same suite on it at the same time.
test: test-system-packages $(INSTALLED)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		tools/test-on-both $(BIN)/python; \
	else \
		$(BIN)/python -m pytest; \
	fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Every main page through gunicorn on the 100,000-patient one-clinic dataset (built once, then
# reused), as ratios to /healthz timed in turns; exits non-zero when a target is missed.
# BENCH_DATABASE_URL=postgresql+psycopg://... runs it on PostgreSQL. Options: bench/pages.py --help.
bench: system-packages $(INSTALLED)
	$(BIN)/python -m bench.pages $(BENCH_OPTIONS)

# 50 clinicians with 1-3 s between actions for 60 s on the same dataset; non-zero on any error.
load: system-packages $(INSTALLED)
	$(BIN)/python -m bench.load $(LOAD_OPTIONS)
