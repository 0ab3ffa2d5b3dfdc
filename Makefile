# make run: set up and run the main job; make test: set up and run the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export OMP_THREAD_LIMIT := 1

.PHONY: setup system run test bench calibrate clean messages

setup: system $(STAMP)

# Debian packages: Tesseract with its French/Dutch models (OCR of photos and scans) and
# poppler-utils (pdftoppm renders scanned PDF pages), and the DejaVu fonts the OCR tests and
# bench draw their flyers with; postgresql (the store's tests start a throwaway server). Installed
# only when running as root;
# otherwise say what is missing and go on (those tests are then skipped, with the reason).
DEBIAN_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-nld poppler-utils fonts-dejavu-core postgresql
system:
	@if command -v tesseract >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
	    && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	    && tesseract --list-langs 2>/dev/null | grep -q '^fra$$' \
	    && tesseract --list-langs 2>/dev/null | grep -q '^nld$$' \
	    && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing $(DEBIAN_PACKAGES) with apt-get"; \
	    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	        $(DEBIAN_PACKAGES) >/dev/null) \
	    || echo "warning: could not install $(DEBIAN_PACKAGES); OCR of images and scanned PDFs will not work, the PostgreSQL tests will skip"; \
	else \
	    echo "note: OCR and the PostgreSQL tests need the Debian packages $(DEBIAN_PACKAGES) (as root: apt-get install -y $(DEBIAN_PACKAGES))"; \
	fi
	@# Chromium drives the agenda's browser tests (Playwright uses it, never a browser of its own).
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium with apt-get"; \
	    (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	        chromium >/dev/null) || echo "warning: could not install chromium; browser tests will be skipped"; \
	else \
	    echo "note: the browser tests need the Debian package chromium (as root: apt-get install -y chromium)"; \
	fi

$(STAMP): pyproject.toml
	@command -v python3 >/dev/null || { echo "error: python3 (3.11 or newer) is required"; exit 1; }
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11 or newer is required"; exit 1; }
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	@echo "installing affiche and its dependencies into $(VENV) (log: $(VENV)/pip.log)"
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,heic]' > $(VENV)/pip.log 2>&1 \
	    || { tail -n 30 $(VENV)/pip.log; echo "error: pip install failed; see $(VENV)/pip.log"; exit 1; }
	@touch $(STAMP)

# make run: the web agenda with the example calls of examples/agenda (loaded once, published),
# on http://127.0.0.1:8000 with the SQLite default (./affiche.db); Ctrl-C stops it.
run: setup
	$(PY) -m affiche.web.demo
	@echo "affiche: the agenda is at http://127.0.0.1:8000/"
	$(VENV)/bin/affiche serve --host 127.0.0.1 --port 8000

test: setup
	$(VENV)/bin/ruff check affiche tests bench
	$(PY) -m pytest

bench: setup
	$(PY) bench/extract.py
	$(PY) bench/time.py
	$(PY) bench/ocr.py
	$(PY) bench/growth.py
	nice -n 10 $(PY) bench/web.py
	$(PY) bench/web_submit.py
	nice -n 10 $(PY) bench/batch.py --documents 2000

# Re-fit the calibrated per-field confidences (affiche/extract/calibration.json) on the dev
# corpus after a change to the extraction; prints the cross-validated figures.
calibrate: setup
	$(PY) bench/calibrate.py --fit

# The agenda's translations: extract the messages, merge them into the FR/NL/EN catalogues
# (translate the new ones in affiche/web/locale/*/LC_MESSAGES/messages.po), compile the .mo.
messages: setup
	cd affiche/web && ../../$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k gettext:2 \
	    --no-location --sort-output --project affiche -o locale/messages.pot . \
	    && ../../$(VENV)/bin/pybabel update -i locale/messages.pot -d locale --no-fuzzy-matching \
	        --width 100 \
	    && ../../$(VENV)/bin/pybabel compile -d locale --statistics

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
