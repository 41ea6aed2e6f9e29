# ClusterDesk — every target creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test bench lint format messages clean serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make demo: install, migrate an SQLite database, load the demo clusters and serve them
demo: $(STAMP)
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Serving ClusterDesk on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@$(MAKE) --no-print-directory serve

serve: $(STAMP)
	@DEBUG=true $(BIN)/python manage.py db_worker --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (SQLite by default; DATABASE_URL selects PostgreSQL)
test: $(STAMP)
	$(BIN)/ruff check clusterdesk bench
	$(BIN)/python -m pytest

# the benchmarks' own extra (pandas, for the cluster mapping comparison) and the semantic one
# (both text engines of partner recommendations are compared), beside make test's; the CPU
# build of torch goes in first, or pip takes a CUDA build of several GB
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,semantic]'
	touch $(BENCH_STAMP)

## make bench: scale benchmarks (SQLite, and PostgreSQL on 127.0.0.1:5432 for the ledger and
## excellence benchmarking); figures go to bench/README.md by hand from this output
bench: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python bench/run.py --participants 20000
	$(BIN)/python bench/run_engagement.py
	$(BIN)/python bench/run_benchmarking.py
	$(BIN)/python bench/run_surveys.py
	$(BIN)/python bench/run_services.py
	$(BIN)/python bench/run_mapping.py
	$(BIN)/python bench/run_scheduling.py
	$(BIN)/python bench/run_matching.py
	$(BIN)/python bench/run_events.py

lint: $(STAMP)
	$(BIN)/ruff check clusterdesk bench

format: $(STAMP)
	$(BIN)/ruff format clusterdesk bench

## make messages: refresh and compile the interface translations (needs GNU gettext)
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --all --ignore='.venv/*' --ignore='var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) var .pytest_cache
