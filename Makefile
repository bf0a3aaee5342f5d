# Quick start: `make serve` (set up, ingest, serve) and `make test` (set up, run every test).
PYTHON  ?= python3
VENV    ?= .venv
REPORTS ?= ../shared/corpus
PORT    ?= 8000
HOST    ?= 127.0.0.1
export QA_DATA_DIR ?= ./data

BIN := $(VENV)/bin

.PHONY: serve test eval bench soak ingest lint install install-test browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# llama-cpp-python builds from source (several minutes, once; pip caches the wheel). GGML_NATIVE=OFF:
# the -march=native build crashes on these CPUs.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test browser $(VENV)/axe/node_modules/axe-core/axe.min.js

# axe-core (npm) checks the page's accessibility in the headless browser (tests/api/test_page.py)
$(VENV)/axe/node_modules/axe-core/axe.min.js: | $(BIN)/python
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14.1

# The chat page is tested in Debian's chromium (headless) through its chromedriver; fonts for Chinese text. The
# county's summary .docx is turned into a PDF page by LibreOffice (headless) and poppler's pdftoppm.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v soffice >/dev/null && \
	  command -v pdftoppm >/dev/null || { \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-noto-cjk && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	    libreoffice-writer-nogui poppler-utils; }

ingest: install
	$(BIN)/qa ingest $(REPORTS)

serve: ingest
	$(BIN)/qa serve --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/ruff check qa tests
	$(BIN)/mypy qa
	$(BIN)/pytest
	$(MAKE) eval

# The quality gate: score qa and the baselines on the gold set over a fresh store of the corpus.
eval: install-test
	$(BIN)/qa eval --corpus $(REPORTS) --zoo eval/zoo --out eval/out --thresholds eval/thresholds.toml

# Benchmarks print their figures and keep them in benchmarks/out/. `make bench` takes ~35 min on 2 cores
# (most of it building the ×1000 corpus: 5,000 reports, 101,000 chunks); SIZES=1,100 for a quick run.
SIZES ?= 1,100,1000
# 20 clients for 60 s over loopback while reports are uploaded and deleted: throughput, p95, errors (must be 0).
soak: install-test
	mkdir -p benchmarks/out
	$(BIN)/python -m benchmarks.soak --clients 20 --seconds 60 | tee benchmarks/out/soak.txt

bench: install-test
	mkdir -p benchmarks/out
	$(BIN)/python -m benchmarks.ingest_throughput --reports 100 | tee benchmarks/out/ingest.txt
	$(BIN)/python -m benchmarks.embed_parallel | tee benchmarks/out/embed_parallel.txt
	$(BIN)/python -m benchmarks.query_latency | tee benchmarks/out/query_latency.txt
	$(BIN)/python -m benchmarks.endpoints --n 20 | tee benchmarks/out/endpoints.txt
	$(BIN)/python -m benchmarks.scale --sizes $(SIZES) | tee benchmarks/out/scale.txt

clean:
	rm -rf $(VENV) data
