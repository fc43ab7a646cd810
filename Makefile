# The two commands a new user needs: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app practice
INSTALLED := $(VENV)/.installed

.PHONY: run test lint format bench clean system-packages

# Every time: what a machine that never saw this project lacks (WeasyPrint's libraries, fonts,
# python3-venv). Installed with apt-get as root, else it stops with the command to run.
system-packages:
	@PYTHON=$(PYTHON) tools/system-packages

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

run: system-packages $(INSTALLED)
	$(FLASK) init-db
	$(FLASK) demo-data --patients 20
	$(BIN)/gunicorn --bind 127.0.0.1:5000 --workers 2 \
		--max-requests 500 --max-requests-jitter 50 'practice:create_app()'

# SQLite always; the same suite again on TEST_DATABASE_URL (PostgreSQL) when it is set.
test: system-packages $(INSTALLED)
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on $${TEST_DATABASE_URL%%://*} =="; \
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

# Handout rendering and reprint speed, as ratios to baselines measured in the same run.
bench: system-packages $(INSTALLED)
	$(BIN)/python bench/handouts.py
