# The README's two commands: `make run` and `make test`. Both bootstrap .venv themselves.
# The first Python 3.11 or newer of python3.11, python3.12, python3.13, python3 on the PATH;
# `make run PYTHON=python3.12` (or a full path) chooses one instead.
PY_311_OR_NEWER := -c 'import sys; sys.exit(sys.version_info < (3, 11))'
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3.11 python3.12 python3.13 python3; do \
	$$p $(PY_311_OR_NEWER) >/dev/null 2>&1 && \
	{ echo $$p; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.sqlite3

# The server `make test-postgres` runs the suite against (scripts/start_test_postgres.sh).
TEST_DATABASE_URL ?= postgresql://atende_test:atende_test@localhost:5432/atende_test
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test check-python test-postgres lint format translations screenshots bench clean package deb \
	package-smoke

$(STAMP): pyproject.toml constraints.txt
	@$(MAKE) --no-print-directory check-python >/dev/null
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,postgres]"
	touch $(STAMP)

# PyInstaller is a build tool, not a runtime dependency: the `package` extra, on demand.
$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,package]"
	touch $(PACKAGE_STAMP)

# Which Python builds .venv (and whether it will do): .ci/run asks before anything else.
check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed and none was found (tried" \
		"python3.11, python3.12, python3.13, python3): install one, or name it:" \
		"make run PYTHON=/path/to/python3.x" >&2; exit 1; }
	@$(PYTHON) $(PY_311_OR_NEWER) 2>/dev/null || { \
		echo "$(PYTHON) is not Python 3.11 or newer (or not found)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; print(sys.executable, sys.version.split()[0])'

run: $(STAMP)
	$(PY) -m app --db $(DEMO_DB) --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The same suite on PostgreSQL: each test gets a fresh schema on TEST_DATABASE_URL.
test-postgres: $(STAMP)
	QT_QPA_PLATFORM=offscreen ATENDE_TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench scripts packaging
	$(VENV)/bin/ruff format --check app tests bench scripts packaging

format: $(STAMP)
	$(VENV)/bin/ruff format app tests bench scripts packaging
	$(VENV)/bin/ruff check --fix app tests bench scripts packaging

translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -o translations/atende.pot \
		--no-location --sort-output --project=Atende app
	$(VENV)/bin/pybabel update -i translations/atende.pot -d translations -D atende -l pt_BR \
		--no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile -d translations -D atende --statistics

screenshots: $(STAMP)
	$(PY) scripts/screenshots.py docs/screenshots

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# One-folder build in dist/atende/ (see packaging/README.md).
package: $(PACKAGE_STAMP)
	$(PY) packaging/render_icons.py resources/atende.svg build/icons >/dev/null
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/atende.spec
	@du -sm dist/atende | awk '{print "dist/atende: " $$1 " MB unpacked"}'

# dist/atende_<version>_<arch>.deb and dist/atende-<version>-linux-x86_64.tar.gz
deb: package
	$(PY) packaging/build_linux.py

# Builds, installs the .deb in a temp root and checks the frozen app (a few minutes).
package-smoke:
	packaging/smoke.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
