#!/usr/bin/env bash
# lint.sh runs the static checks that `make test` and `make lint` share:
# gofmt, go vet, and the rule that nothing under data/ depends on Fyne.
# With --staticcheck it also runs staticcheck when it is on PATH.
#
# VETFLAGS are build flags for go vet. `make test` sets "-race -tags ci", the
# flags of its go test run, so vet and the tests share one build of every
# dependency (vet needs them compiled; a cold build of modernc's SQLite and
# Fyne is most of CI's time). No file of ours has build tags, so vet sees the
# same code either way; `make lint` vets untagged, with the GL driver.
set -euo pipefail
cd "$(dirname "$0")/.."

with_staticcheck=false
[[ ${1:-} == --staticcheck ]] && with_staticcheck=true

# gofmt: list every file that is not formatted, then fail. Skip what ./...
# skips too: directories named testdata or starting with "." or "_".
mapfile -t unformatted < <(find . -mindepth 1 \( -name '.*' -o -name '_*' -o -name testdata \) -prune -o \
	-name '*.go' -print0 | xargs -0 -r gofmt -l)
if ((${#unformatted[@]} > 0)); then
	echo "lint: these files are not gofmt-formatted (run gofmt -w on them):" >&2
	printf '  %s\n' "${unformatted[@]}" >&2
	exit 1
fi

read -r -a vetflags <<<"${VETFLAGS:-}"
go vet "${vetflags[@]}" ./...

# data/ is the domain and the store; it must stay usable without a GUI.
if [[ -d data ]]; then
	offenders=$(go list -f '{{.ImportPath}}{{range .Deps}} {{.}}{{end}}' ./data/... |
		awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^fyne\.io\//) { print $1 " depends on " $i; break } }')
	if [[ -n $offenders ]]; then
		echo "lint: nothing under data/ may import fyne.io:" >&2
		while read -r line; do echo "  $line"; done <<<"$offenders" >&2
		exit 1
	fi
fi

if $with_staticcheck; then
	if command -v staticcheck >/dev/null 2>&1; then
		staticcheck ./...
	else
		echo "lint: staticcheck is not on PATH, skipped (go install honnef.co/go/tools/cmd/staticcheck@latest)"
	fi
fi
