# The two quick-start commands: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench install messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/ldn-bot demo

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_faq.py
	$(BIN)/python benchmarks/bench_faq_languages.py
	$(BIN)/python benchmarks/bench_triage.py
	$(BIN)/python benchmarks/bench_reminders.py all
	$(BIN)/python benchmarks/bench_throughput.py
	$(BIN)/python benchmarks/bench_webhook.py

# After adding or changing a patient-facing sentence: refresh the gettext template.
messages: $(VENV)/.installed
	$(BIN)/python scripts/messages.py
