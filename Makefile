# Two commands on a fresh machine: `make demo` (the main job on the local default) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/handover demo

# Two processes, a test file each at a time (its module fixtures stay in one process): half the time.
test: $(VENV)/.installed
	$(VENV)/bin/pytest -q -n 2 --dist loadfile

bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py

# Mutation testing of the modules that guard authentication, roles, acceptance rules and tracker
# writes ([tool.mutmut] in pyproject.toml); not part of CI. Kill rates in the README.
mutate: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[mutate]'
	$(PY) scripts/mutate.py

.PHONY: install demo test bench mutate
