# One Makefile for users and CI: `make demo` and `make test` do all set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cscost evaluate examples/ecommerce.yaml --lang en
	$(BIN)/cscost report examples/ecommerce.yaml --lang en --risk --output out/ecommerce-report.html
	@echo "The report: $(CURDIR)/out/ecommerce-report.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

unit: $(STAMP) browser
	$(BIN)/pytest

test: lint typecheck unit

# Headless Chromium and a CJK font for the report's browser tests and PDFs (Debian).
browser:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium fonts-wqy-microhei)

bench: $(STAMP)
	$(BIN)/python bench/staffing.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
