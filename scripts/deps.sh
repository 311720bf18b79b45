#!/usr/bin/env bash
# deps.sh checks that Go is installed and installs the Debian packages that
# Fyne's cgo build needs, plus any package names given as arguments (e.g.
# "xvfb imagemagick" for screenshots, "sqlite3" for benchmarks).
#
# It only touches apt when a package is missing, so a second run prints
# nothing and takes well under a second. It runs apt-get as root, or through
# sudo, and otherwise prints the command to run by hand.
set -euo pipefail
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# Fyne's GLFW driver compiles C against these headers. libc6-dev is listed
# because gcc only recommends it and we install without recommends.
packages=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev "$@")

check_go() {
	if ! command -v go >/dev/null 2>&1; then
		echo "deps: Go is not installed or not on PATH; install Go 1.26 or newer from https://go.dev/dl/ and add its bin directory to PATH." >&2
		exit 1
	fi
	# Go 1.21+ fetches the toolchain go.mod asks for by itself; older ones
	# (e.g. Debian 12's golang package, 1.19) cannot read this go.mod.
	local v minor
	v=$(go env GOVERSION)
	minor=$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$v")
	if [[ $minor =~ ^[0-9]+$ ]] && ((minor < 21)); then
		echo "deps: $v is too old for this module; install Go 1.26 or newer from https://go.dev/dl/." >&2
		exit 1
	fi
}

# installed reports whether dpkg has the package fully installed.
installed() {
	[[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

missing_packages() {
	local p
	for p in "${packages[@]}"; do
		# pkgconf provides the pkg-config command under another package name.
		if [[ $p == pkg-config ]] && command -v pkg-config >/dev/null 2>&1; then
			continue
		fi
		installed "$p" || echo "$p"
	done
}

check_go

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	# Not Debian: Fyne documents the equivalents per system.
	echo "deps: not a Debian-like system, so no packages were checked; see https://docs.fyne.io/started/ for what Fyne needs here." >&2
	exit 0
fi

mapfile -t missing < <(missing_packages)
((${#missing[@]} == 0)) && exit 0

if ((EUID == 0)); then
	sudo=()
elif command -v sudo >/dev/null 2>&1; then
	# Without a terminal sudo cannot ask for a password; fail fast instead.
	if [[ -t 0 ]]; then sudo=(sudo); else sudo=(sudo -n); fi
else
	echo "deps: missing packages and no root or sudo; run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get update -qq ||
	! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
	echo "deps: could not install packages; run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
