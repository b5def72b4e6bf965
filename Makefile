# The two commands of the README: `make demo` (set up and run on bundled examples) and
# `make test` (set up and run every check). Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench eval clean tesseract bench-clock

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

# The peers pausepost is measured against (the `bench` extra of pyproject.toml) live in their
# own environment, never in .venv: Presidio's image redactor pulls a second OpenCV build and
# alt-profanity-check pins scikit-learn. pausepost itself is not installed there: the scripts
# run in .venv and call the peers through benchmarks/peers.py. If the install fails, the
# sections that need a peer say so in RESULTS.md and the rest are still measured.
BENCH_VENV := .venv-bench
BENCH_BIN := $(BENCH_VENV)/bin

$(BENCH_BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_BIN)/pip install --quiet --upgrade pip
	$(BENCH_BIN)/python benchmarks/peers.py requirements > $(BENCH_VENV)/requirements.txt
	$(BENCH_BIN)/pip install --quiet -r $(BENCH_VENV)/requirements.txt \
		&& touch $@ || echo "bench peers could not be installed: their sections will say so"

# Presidio's image redactor reads photos with Debian's Tesseract. Installed when missing and
# when apt-get can be used (root, as on CI); otherwise the photo comparison says it was skipped.
tesseract:
	@command -v tesseract >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
			&& apt-get update -qq \
			&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
				tesseract-ocr >/dev/null; } \
		|| echo "tesseract-ocr not installed: the photo comparison will be reported as skipped"

# Stamps when `make bench` started, so RESULTS.md can give its whole time, set-up included
# (prerequisites run left to right).
bench-clock:
	@mkdir -p build && date +%s > build/bench-started

bench: bench-clock $(BIN)/pausepost $(BENCH_BIN)/.installed tesseract
	$(BIN)/python benchmarks/run.py

eval: $(BIN)/pausepost $(BENCH_BIN)/.installed
	$(BIN)/python eval/run.py --write

clean:
	rm -rf $(VENV) $(BENCH_VENV) build *.egg-info
