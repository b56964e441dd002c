# pik — two commands: `make demo` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
UV := .tools/bin/uv
PIK := .venv/bin/pik
PYTEST_ARGS ?=

.PHONY: setup demo test test-slow lint bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: .venv/.synced node_modules/.installed
	@mkdir -p var

demo: setup
	$(PIK) migrate --noinput
	$(PIK) load_reference_data
	$(PIK) seed_demo
	@echo ""
	@echo "pik läuft auf http://127.0.0.1:8000  (Hintergrund-Worker: pik db_worker; Strg+C beendet beides)"
	@echo "Debug-Seiten sind aus; für Entwicklung: PIK_DEBUG=1 make demo"
	@$(PIK) db_worker --interval 1 > var/worker.log 2>&1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PIK) runserver 127.0.0.1:8000

test: setup
	.venv/bin/pytest -m "not slow" $(PYTEST_ARGS)

test-slow: setup
	@# pytest exits 5 when no test is marked slow: that is not a failure.
	.venv/bin/pytest -m slow $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 5 ] && rc=0; exit $$rc

lint: setup
	.venv/bin/ruff check src tests bench
	.venv/bin/ruff format --check src tests bench
	.venv/bin/mypy src
	.venv/bin/lint-imports
	$(PIK) makemigrations --check --dry-run

bench: setup
	.venv/bin/python -m bench $(BENCH)

clean:
	rm -rf .venv .tools node_modules var
