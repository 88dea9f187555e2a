# One Makefile for users and CI: `make demo` and `make test` do all set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean browser postgres serve

# The checks need the dev extra only; `make bench` adds the bench one (pyworkforce pulls
# in OR-Tools, ~80 MB that no test imports).
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
BENCH_STAMP := $(VENV)/.bench-installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e '.[dev]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(PIP) -e '.[dev,bench]'
	touch $(BENCH_STAMP)

demo: $(STAMP)
	$(BIN)/cscost evaluate examples/ecommerce.yaml --lang en
	$(BIN)/cscost report examples/ecommerce.yaml --lang en --risk --output out/ecommerce-report.html
	@echo "The report: $(CURDIR)/out/ecommerce-report.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

# The whole suite on three worker processes (pytest-xdist) for two cores: the browser,
# server and job tests wait on other processes, and work stealing keeps the long tests
# from ending the run on one worker. The web API suite also runs on a throw-away
# PostgreSQL server (scripts/with-postgres.sh sets CSCOST_REQUIRE_POSTGRES=1: those tests
# may not skip).
PYTEST_WORKERS ?= 3
unit: $(STAMP) browser postgres
	scripts/with-postgres.sh $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

test: lint typecheck unit

# Headless Chromium and a CJK font for the report's browser tests and PDFs, and poppler's
# pdftotext that reads the PDFs back (Debian).
browser:
	@(test -x /usr/bin/chromium && command -v pdftotext && fc-list | grep -qi wqy) >/dev/null 2>&1 \
	  || (apt-get update && apt-get install -y chromium fonts-wqy-microhei poppler-utils)

# PostgreSQL's server binaries for the web app's database tests (Debian).
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || (apt-get update && apt-get install -y postgresql)

# The web app on a demo database (.demo/): the three examples and a demo user.
DEMO_DIR ?= .demo
serve: $(STAMP)
	$(BIN)/python -m cscost.web.demo --data-dir $(DEMO_DIR)
	$(BIN)/cscost serve --data-dir $(DEMO_DIR)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/staffing.py
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .demo
