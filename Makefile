# Qantar: every target bootstraps .venv from nothing (needs only Python 3.11+ and make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BOOK_HTML := course/_build/html/index.html
export SOURCE_DATE_EPOCH := 1642550400
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help install book book-student lab test test-fast lint format bench editions answer-key \
        notebooks exercise-cells browser-deps clean
.PHONY: handouts

help:
	@echo "make book      build the course website (prints where to open it)"
	@echo "make test      run every test: lint, library, data, notebooks (nbval), editions, book, browser"
	@echo "make lab       open the notebooks in JupyterLab"
	@echo "make bench     measure load time, notebook execution and book build times"
	@echo "make editions  write the student and instructor editions to build/editions/"
	@echo "make answer-key  write build/answer-key.csv and build/answer-key.md"
	@echo "make handouts  print every lesson of the student site to PDF in build/handouts/"
	@echo "make notebooks re-execute every notebook in place (after changing the library or data)"
	@echo "make exercise-cells  write the exercise headers, options and rubrics from the registry"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e . --group dev
	@touch $(STAMP)

install: $(STAMP)

book: $(STAMP)
	$(BIN)/python scripts/build_book.py
	@echo "The course is built. Open: file://$(CURDIR)/$(BOOK_HTML)"

book-student: $(STAMP)
	$(BIN)/python scripts/build_book.py --student
	@echo "Student site built. Open: file://$(CURDIR)/build/student-book/_build/html/index.html"

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

exercise-cells: $(STAMP)
	$(BIN)/python scripts/exercise_cells.py

notebooks: $(STAMP) exercise-cells
	$(BIN)/python scripts/execute_notebooks.py

browser-deps: node_modules/.package-lock.json
	bash scripts/install_browser.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

NBVAL := --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -o addopts="-ra --strict-markers" -p no:cacheprovider

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/qantar validate
	$(BIN)/python ../shared/tools/check_copied_text.py . 2>/dev/null || test ! -d ../shared/tools
	$(BIN)/python -m pytest -m "not browser"
	$(BIN)/python -m pytest --nbval notebooks $(NBVAL)
	rm -rf build/editions
	$(BIN)/qantar edition instructor --out build/editions/instructor
	$(BIN)/qantar edition student --out build/editions/student
	$(BIN)/qantar answer-key --out build/editions/answer-key.csv
	$(BIN)/python -m pytest --nbval build/editions/instructor $(NBVAL)
	$(BIN)/python -m pytest --nbval-lax build/editions/student $(NBVAL)
	$(BIN)/python scripts/build_book.py
	$(BIN)/python scripts/build_book.py --student
	$(BIN)/python -m pytest -m browser tests/test_browser.py
	$(BIN)/python -m pytest -m browser tests/test_browser_hostile.py

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

editions: $(STAMP)
	$(BIN)/qantar edition student --out build/editions/student --force
	$(BIN)/qantar edition instructor --out build/editions/instructor --force

# Every lesson as a PDF handout (Chromium's print to PDF, no LaTeX), from the student site.
handouts: book-student
	$(BIN)/python scripts/handouts.py
	@echo "Handouts in build/handouts/"

answer-key: $(STAMP)
	$(BIN)/qantar answer-key --out build/answer-key.csv --force
	$(BIN)/qantar answer-key --out build/answer-key.md --force

.PHONY: reliability
reliability: $(STAMP)
	$(BIN)/python scripts/reliability.py sample --check
	$(BIN)/python scripts/reliability.py agreement
	$(BIN)/python scripts/reliability.py sample --round 2 --check
	$(BIN)/python scripts/reliability.py agreement --round 2

clean:
	rm -rf course/_build course/_generated build .pytest_cache .jupyter_cache
