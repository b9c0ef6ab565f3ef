# Issue Drafter: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_API := pyside6

.PHONY: run test lint typecheck unit bench bytecode clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q editor
	touch $(STAMP)

# An editable install leaves compiling to the first import, which PYTHONDONTWRITEBYTECODE
# (or a read-only checkout) turns into every import: ~0.1 s of each launch (pip compiles
# what it installs itself).
bytecode: $(STAMP)
	$(PY) -m compileall -q editor

run: bytecode
	$(VENV)/bin/issue-drafter $(FILE)

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(VENV)/bin/ruff check editor tests
	$(VENV)/bin/ruff format --check editor tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} QT_QUICK_BACKEND=$${QT_QUICK_BACKEND:-software} $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m pytest tests/benchmarks --benchmark-enable -p no:randomly $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
	find editor tests -name __pycache__ -prune -exec rm -rf {} +
