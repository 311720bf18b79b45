# Verbatim: `make run` opens the app, `make test` runs every check CI runs.
# Both install the Debian packages Fyne needs first (scripts/deps.sh).

SHELL := bash
# Go's official installer puts go in /usr/local/go/bin, which a fresh shell
# may not have on PATH yet; go install puts tools in $(go env GOPATH)/bin.
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

BIN := bin/verbatim
# Arguments for `make run`, e.g. make run ARGS="--db /tmp/v.db --lang es".
ARGS ?=

.PHONY: run build release test lint bench screenshots soak deps clean

run: build
	./$(BIN) $(ARGS)

build: deps
	go build -o $(BIN) ./cmd/verbatim

# The shipped binary: fyne.Do migration on, no paths or symbols baked in.
release: deps
	go build -tags migrated_fynedo -trimpath -ldflags="-s -w" -o $(BIN) ./cmd/verbatim

# -tags ci leaves Fyne's GL driver out of test builds (see DESIGN.md). vet
# gets the same flags so both share one build of the dependencies.
TESTFLAGS := -race -tags ci

test: deps
	VETFLAGS="$(TESTFLAGS)" scripts/lint.sh
	go test $(TESTFLAGS) ./...

lint: deps
	scripts/lint.sh --staticcheck

bench:
	scripts/deps.sh sqlite3
	scripts/bench.sh

screenshots:
	scripts/deps.sh xvfb libgl1-mesa-dri x11-utils xdotool imagemagick
	scripts/screenshots.sh

# The wall under Xvfb for SOAK_SECONDS (default 600) while another process
# imports and a fake API goes up and down; not part of make test.
soak:
	scripts/deps.sh xvfb libgl1-mesa-dri x11-utils imagemagick
	scripts/soak.sh

deps:
	@scripts/deps.sh

clean:
	rm -rf bin
