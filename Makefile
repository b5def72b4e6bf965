# The two commands of the README: `make demo` (set up and run on bundled examples) and
# `make test` (set up and run every check). Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench eval clean

$(BIN)/pausepost: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/pausepost
	$(BIN)/pausepost check --color always "Office wifi is DWP-Guest and the password is Welcome123, f*ck it" || true
	@echo
	$(BIN)/pausepost check --jsonl examples/drafts.jsonl | $(BIN)/python examples/summarise.py
	@echo
	$(BIN)/pausepost check --image examples/whiteboard.png "Our new team room!" || true

test: $(BIN)/pausepost
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(BIN)/pausepost
	$(BIN)/python benchmarks/run.py

eval: $(BIN)/pausepost
	$(BIN)/python eval/run.py --write

clean:
	rm -rf $(VENV) build *.egg-info
