# Two commands matter: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: install office run test deploy-check deadcode typecheck lint e2e messages bench bench-extract bench-models bench-hostile bench-pages bench-figures bench-reports score clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# LibreOffice makes the PDF of a report (reports/office.py) and its tests open
# it: Debian's Writer without a GUI, and Times New Roman's metric twin with the
# Vietnamese letters (fonts-liberation2; Calibri's and Cambria's twins too).
# Installed when missing and root; otherwise the PDF tests are skipped.
OFFICE_PACKAGES := libreoffice-writer-nogui fonts-liberation2 \
	fonts-crosextra-carlito fonts-crosextra-caladea
office:
	@if command -v soffice >/dev/null 2>&1 && \
		fc-list ':charset=1ec7' family 2>/dev/null | grep -q 'Liberation Serif'; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing LibreOffice for the PDF papers: $(OFFICE_PACKAGES)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $(OFFICE_PACKAGES) >/dev/null; } || \
			echo "SKIPPING the PDF tests: LibreOffice could not be installed."; \
	else \
		echo "SKIPPING the PDF tests: no LibreOffice (as root: make office)."; \
	fi

run: install
	$(BIN)/danvan migrate --noinput
	$(BIN)/danvan demo
	$(BIN)/danvan runserver 127.0.0.1:$(PORT)

test: install office
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory deadcode
	$(MAKE) --no-print-directory typecheck
	$(BIN)/danvan makemigrations --check --dry-run
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || command -v chromium >/dev/null 2>&1; then \
		echo "Chromium found: the end-to-end browser tests run too."; \
	else \
		echo "SKIPPING the end-to-end browser tests: no Chromium (apt-get install chromium)."; \
	fi
	$(BIN)/pytest
	$(MAKE) --no-print-directory deploy-check

# Unused imports, variables, arguments and unreachable code (vulture at 80%
# confidence: below that it reports Django's implicit uses). Names used
# implicitly are listed in vulture_whitelist.py.
deadcode: install
	$(BIN)/vulture src tests conftest.py vulture_whitelist.py \
		--exclude '*/migrations/*' --min-confidence 80

# mypy in strict mode with the Django and DRF plugins ([tool.mypy] in
# pyproject.toml). Not yet in `make test`: the tree still has errors.
typecheck: install
	$(BIN)/mypy src tests conftest.py

# `check --deploy` with the production values of the README, on freshly
# collected static files: any warning fails.
deploy-check: install
	@static=$$(mktemp -d) && trap 'rm -rf "$$static"' EXIT && \
	export DEBUG=false ALLOWED_HOSTS=danvan.example.vn STATIC_ROOT="$$static" \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		BEHIND_PROXY=true SECURE_SSL_REDIRECT=true SECURE_HSTS_SECONDS=31536000 \
		SECURE_HSTS_INCLUDE_SUBDOMAINS=true && \
	$(BIN)/danvan collectstatic --noinput -v0 && \
	$(BIN)/danvan check --deploy --fail-level WARNING

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate the translation catalogues after changing user-facing strings:
# the project one, then each app's own (needs GNU gettext).
APP_CATALOGUES := documents meetings initiatives records reports dashboards situation incidents dialogues petitions
messages: install
	cd src/danvan && ../../$(BIN)/danvan makemessages -l vi -l en --no-obsolete \
		$(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	for app in $(APP_CATALOGUES); do \
		(cd src/danvan/$$app && DANVAN_APP_MESSAGES=1 ../../../$(BIN)/danvan \
			makemessages -l vi -l en --no-obsolete) || exit 1; \
	done
	cd src/danvan && ../../$(BIN)/danvan compilemessages

bench: install
	$(BIN)/python bench/units_scope.py

# Extraction: speed against underthesea's NER on a 10 MB corpus, and quality.
bench-extract: install
	$(BIN)/python bench/extraction.py

# "Dân vận khéo" statistics: 100k models in a province, 1M in the country.
# DB=postgres to run it on PostgreSQL (a database of its own, danvan_bench).
bench-models: install
	$(BIN)/python bench/initiatives_stats.py $(if $(DB),--db $(DB),)

# Hostile uploads (zip bombs, huge texts, endless sheets): time to refuse each.
bench-hostile: install
	$(BIN)/python bench/hostile_files.py

# Every main page at province scale behind `danvan serve`: server CPU per
# request against the login page's (ratio). DB=postgres: database danvan_pages.
bench-pages: install
	$(BIN)/python bench/pages.py $(if $(DB),--db $(DB),)

# Reported figures at national scale (34 provinces, 3,321 communes, 60
# indicators, 5 years of months: ~12M values): sums against a hand-written
# SQL floor, the entry and completeness pages. DB=postgres: database
# danvan_figures; SQLite in a temporary folder (about 3 GB).
bench-figures: install
	$(BIN)/python bench/figures.py $(if $(DB),--db $(DB),)

# A province's year report on the national figures of bench-figures (its
# loader; 99 communes' reports sent up, the year's registers): the system's
# draft (goal < 3 s) and the DOCX, PDF and annex XLSX (goal < 10 s together).
# DB=postgres: database danvan_reports; REUSE=1 keeps what was generated.
bench-reports: install
	$(BIN)/python bench/reports.py $(if $(DB),--db $(DB),) $(if $(REUSE),--reuse,)

# The dev-set score of the extractor with the shared scorer.
score: install
	$(BIN)/danvan extract ../shared/extraction/dev/*.txt > data/dev-predictions.jsonl
	python3 ../shared/extraction/score.py ../shared/extraction/dev data/dev-predictions.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
