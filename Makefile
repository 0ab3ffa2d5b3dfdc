# make run: set up and run the main job; make test: set up and run the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/fr-centre-ferme.txt
export OMP_THREAD_LIMIT := 1

.PHONY: setup system run test bench clean

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
	    || echo "warning: could not install $(DEBIAN_PACKAGES); OCR of images and scanned PDFs will not work"; \
	else \
	    echo "note: OCR needs the Debian packages $(DEBIAN_PACKAGES) (as root: apt-get install -y $(DEBIAN_PACKAGES))"; \
	fi

$(STAMP): pyproject.toml
	@command -v python3 >/dev/null || { echo "error: python3 (3.11 or newer) is required"; exit 1; }
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11 or newer is required"; exit 1; }
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	@echo "installing affiche and its dependencies into $(VENV) (log: $(VENV)/pip.log)"
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,heic]' > $(VENV)/pip.log 2>&1 \
	    || { tail -n 30 $(VENV)/pip.log; echo "error: pip install failed; see $(VENV)/pip.log"; exit 1; }
	@touch $(STAMP)

run: setup
	$(VENV)/bin/affiche extract $(EXAMPLE)

test: setup
	$(VENV)/bin/ruff check affiche tests bench
	$(PY) -m pytest

bench: setup
	$(PY) bench/extract.py
	$(PY) bench/time.py
	$(PY) bench/ocr.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
