# notes — build the two-language site and test everything. `make help` lists the targets.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
SPHINXOPTS ?= -q
BUILD := docs/_build
# What ruff lints and format-checks.
PYTHON_SOURCES := src tests benchmarks docs/conf.py docs/_ext
# A build writes nothing into the source tree (bytecode of docs/_ext included).
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help venv node-deps system-deps html pdf epub check doctest test bench po serve clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variables: VENV=path (default .venv), SPHINXOPTS (extra sphinx-build options, default '$(SPHINXOPTS)')"

$(VENV)/.installed: pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[docs,test]'
	touch $@

venv: $(VENV)/.installed  ## Create the virtualenv (VENV) with the docs and test extras

# package.json: KaTeX (math typeset at build time), axe-core and Lighthouse (page audits).
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed  ## Install the Node.js tools of package.json into node_modules (npm ci)

# The browser the tests drive, a CJK font for Chinese plot labels and the books, gettext's
# msgfmt, npm for node-deps; for the books: XeLaTeX with ctex/xeCJK and the LaTeX packages
# Sphinx uses, the fonts of Sphinx's xelatex setup (FreeSerif) and of hyperref (ZapfDingbats,
# in texlive-fonts-recommended), latexmk, epubcheck, and poppler's pdffonts/pdftotext for the tests.
# Installed as root or with passwordless sudo; otherwise the command is printed.
system-deps:  ## Install the Debian packages the build, tests and books need, if missing (chromium, fonts, gettext, npm, TeX Live …)
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v xelatex >/dev/null 2>&1 || missing="$$missing texlive-xetex"; \
	kpsewhich ctexbook.cls >/dev/null 2>&1 || missing="$$missing texlive-lang-chinese"; \
	kpsewhich fncychap.sty >/dev/null 2>&1 || missing="$$missing texlive-latex-recommended texlive-latex-extra"; \
	fc-list 2>/dev/null | grep -qi "FreeSerif" || missing="$$missing fonts-freefont-otf"; \
	kpsewhich pzdr.tfm >/dev/null 2>&1 || missing="$$missing texlive-fonts-recommended"; \
	command -v latexmk >/dev/null 2>&1 || missing="$$missing latexmk"; \
	command -v epubcheck >/dev/null 2>&1 || missing="$$missing epubcheck"; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo -n"; \
	  if [ -n "$$sudo" ] && ! sudo -n true 2>/dev/null; then \
	    echo "Missing Debian packages:$$missing. Install them, then run make again:" >&2; \
	    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing" >&2; \
	    exit 1; \
	  fi; \
	  echo "Installing the missing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# docs/_ext/editions.py holds the languages and the strict build command (-n -W --keep-going).
html: venv node-deps  ## Build the site in every language into docs/_build/html/<language>, and the root page
	$(PYTHON) docs/_ext/editions.py $(SPHINXOPTS)

# The books, built like the site (strict), before it: a site built after them links to them.
pdf: venv  ## Build each language's book as PDF (xelatex): docs/_build/pdf/notes-<language>.pdf
	$(PYTHON) docs/_ext/editions.py --builder latex $(SPHINXOPTS)

# The EPUB's formulas are typeset by KaTeX, as the site's are (node-deps).
epub: venv node-deps  ## Build each language's book as EPUB: docs/_build/epub/notes-<language>.epub
	$(PYTHON) docs/_ext/editions.py --builder epub $(SPHINXOPTS)

check: venv  ## Before a commit: ruff (lint, format), mypy --strict, unit, property and doctest tests (seconds)
	$(PYTHON) -m ruff check $(PYTHON_SOURCES)
	$(PYTHON) -m ruff format --check $(PYTHON_SOURCES)
	$(PYTHON) -m mypy --strict src/notes
	$(PYTHON) -m pytest -q -m "not build and not browser"

doctest: venv  ## Run the doctests of src/notes
	$(PYTHON) -m pytest -q src/notes

# The books first: the site built after them links to them.
test: system-deps check pdf epub html  ## make system-deps and make check, then build the books (PDF, EPUB) and the site strictly and run the build and browser tests
	$(PYTHON) -m pytest -q -m "build or browser"

bench: venv node-deps  ## Measure builds (cold, warm, one-page edit), the books, first-view bytes, softmax vs SciPy, the test suite, Lighthouse; writes docs/performance.json (ONLY="softmax …" for some)
	$(PYTHON) -m benchmarks.bench $(if $(ONLY),--only $(ONLY))

po: venv  ## Regenerate the gettext templates and update the translations' catalogs in docs/locale
	$(PYTHON) docs/_ext/editions.py --catalogs

serve:  ## Serve the built site on http://127.0.0.1:8000
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory $(BUILD)/html

clean:  ## Remove the build output (keeps the virtualenv)
	rm -rf $(BUILD)
