# notes — build the two-language site and test everything. `make help` lists the targets.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
SPHINXBUILD := $(VENV)/bin/sphinx-build
SPHINXOPTS ?= -n -W --keep-going -q
BUILD := docs/_build
LANGUAGES := en zh_CN
# A build writes nothing into the source tree (bytecode of docs/_ext included).
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help venv html doctest test bench po serve clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  Variables: VENV=path (default .venv), SPHINXOPTS (default '$(SPHINXOPTS)')"

$(VENV)/.installed: pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[docs,test]'
	touch $@

venv: $(VENV)/.installed  ## Create the virtualenv (VENV) with the docs and test extras

# English first: it runs the notebooks into the shared execution cache, one process, since
# the cache's SQLite index takes no parallel writers (scipy #22383). Chinese only reads the
# cache, so it reads and writes its pages in parallel (-j auto).
html: venv  ## Build the site in English and Chinese into docs/_build/html/{en,zh_CN}
	@for lang in $(LANGUAGES); do \
	  echo "building $$lang"; \
	  jobs=1; [ $$lang = en ] || jobs=auto; \
	  $(SPHINXBUILD) -b html $(SPHINXOPTS) -j $$jobs -D language=$$lang -d $(BUILD)/doctrees/$$lang \
	    docs $(BUILD)/html/$$lang || exit 1; \
	done
	cp docs/_root/index.html docs/_root/404.html $(BUILD)/html/
	@echo "open $(BUILD)/html/index.html (or run: make serve)"

doctest: venv  ## Run the doctests of src/notes
	$(PYTHON) -m pytest -q --doctest-modules src/notes

test: html  ## Build both languages strictly, then run every test (unit, property, doctest, build, browser)
	$(PYTHON) -m pytest -q

bench: venv  ## Measure builds (cold, warm, one-page edit), the test suite, softmax vs SciPy, first-view bytes; writes docs/performance.json
	$(PYTHON) benchmarks/bench.py

po: venv  ## Regenerate the gettext templates and update docs/locale/zh_CN
	$(SPHINXBUILD) -b gettext -q docs $(BUILD)/gettext
	$(VENV)/bin/sphinx-intl update -p $(BUILD)/gettext -l zh_CN -d docs/locale -w 0 --no-obsolete

serve:  ## Serve the built site on http://127.0.0.1:8000
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory $(BUILD)/html

clean:  ## Remove the build output (keeps the virtualenv)
	rm -rf $(BUILD)
