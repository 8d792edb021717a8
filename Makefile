# `make` renders every notebook in Notebooks/ into Output/; `make test` runs the tests.
SHELL := /bin/bash
NOTEBOOKS := $(wildcard Notebooks/*.md)

.PHONY: all deps build render test
all: render

deps:
	@scripts/install-deps.sh

build: deps
	swift build -c release --product nbrun

render: build
	@mkdir -p Output
	.build/release/nbrun $(NOTEBOOKS) --output-dir Output

test: deps
	scripts/test.sh
