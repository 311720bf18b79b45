#!/usr/bin/env bash
# soak.sh runs the wall display the way an office TV does, only faster: under
# Xvfb at 1920x1080 for SOAK_SECONDS (default 600) with --rotate 2s
# --refresh 5s --sync, syncing from a fake Typeform API on 127.0.0.1 that
# goes down and comes back every 30 s (scripts/soakapi), while another
# process imports SOAK_ROWS responses (default 200,000, in SOAK_CHUNKS files
# spread over the run) into the same database.
#
# It prints the wall's resident memory at the start, after a minute of
# warming up (charts drawn, caches filled), every minute and at the end; takes
# a screenshot every 2 s and checks that consecutive ones differ above the
# footer (the panel rotated); and exits non-zero when the wall died, the
# screen stood still, memory grew by half after the warm-up, or an import
# failed. It is not part of
# `make test`: run it with `make soak`. SOAK_KEEP=DIR keeps the logs and the
# last screenshots there (the scratch directory is removed either way).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SOAK_SECONDS:-600}
rows=${SOAK_ROWS:-200000}
chunks=${SOAK_CHUNKS:-10}
size=1920x1080
footer=110 # pixels at the bottom left out of the comparison: the progress bar always moves

scratch=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-soak.XXXXXX")
xvfb_pid='' api_pid='' wall_pid='' import_pid=''
cleanup() {
	for pid in "$import_pid" "$wall_pid" "$api_pid" "$xvfb_pid"; do
		if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
	done
	wait 2>/dev/null || true
	if [[ -n ${SOAK_KEEP:-} ]]; then
		mkdir -p "$SOAK_KEEP"
		cp "$scratch"/*.log "$scratch"/*.png "$SOAK_KEEP"/ 2>/dev/null || true
	fi
	rm -rf "$scratch"
}
trap cleanup EXIT
say() { echo "soak: $*"; }
fail() {
	echo "soak: FAIL: $*" >&2
	echo "soak: the wall's last log lines:" >&2
	grep -v '^gc ' "$scratch/wall.log" | tail -n 20 >&2 || true
	exit 1
}

go build -o "$scratch/verbatim" ./cmd/verbatim
go build -o "$scratch/soakapi" ./scripts/soakapi

# A private config dir (preferences, API token files) and an English UI.
export XDG_CONFIG_HOME=$scratch/config LANG=en_US.UTF-8 LC_ALL='' LANGUAGE=''
db=$scratch/soak.db
verbatim() { "$scratch/verbatim" --db "$db" "$@"; }

verbatim demo --responses 20000 >"$scratch/demo.log" 2>&1 || {
	cat "$scratch/demo.log" >&2
	fail "the demo data could not be generated"
}

"$scratch/soakapi" --flip 30s >"$scratch/api.url" 2>"$scratch/api.log" &
api_pid=$!
for _ in $(seq 50); do
	[[ -s $scratch/api.url ]] && break
	sleep 0.1
done
url=$(head -n 1 "$scratch/api.url")
[[ $url == http://127.0.0.1:* ]] || fail "the fake API did not start"
export SOAK_TOKEN=soak-token
verbatim source add soakapi --kind typeform --url "$url" --survey S0ak01 --token-env SOAK_TOKEN >/dev/null

# The import: CSV files of responses from the last 60 days, with names, emails
# and phone numbers in some comments, as real exports have.
mapfile -t days < <(for d in $(seq 0 59); do date -d "-$d days" +%F; done)
per=$((rows / chunks))
for c in $(seq 1 "$chunks"); do
	awk -v from=$(((c - 1) * per)) -v n="$per" -v days="${days[*]}" 'BEGIN {
		split(days, day, " ")
		split("Great service, thanks!|Ana from support called me on +34 612 345 678, very kind.|The app is slow since the update.|Write to me at someone@example.com, nobody answers.|Billing was wrong twice this quarter.|Everything works, keep it up.", text, "|")
		print "ID,Date,Score,Comment,Name,Email"
		for (i = from; i < from + n; i++) {
			printf "soak-import-%d,%sT%02d:%02d:00Z,%d,\"%s\",Person %d,person%d@example.org\n",
				i, day[i % 60 + 1], i % 24, i % 60, i % 11, text[i % 6 + 1], i, i
		}
	}' >"$scratch/import-$c.csv"
done

Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$scratch/display" >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
	[[ -s $scratch/display ]] && break
	sleep 0.1
done
[[ -s $scratch/display ]] || fail "Xvfb did not start"
DISPLAY=:$(tr -dc 0-9 <"$scratch/display")
export DISPLAY

# The binary itself, not the function: $! must be the wall's own pid for its RSS.
# gctrace logs the Go heap after each collection: what is live, apart from the
# garbage the RSS also counts.
GODEBUG=gctrace=1 "$scratch/verbatim" --db "$db" wall --rotate 2s --refresh 5s --sync >"$scratch/wall.log" 2>&1 &
wall_pid=$!
for _ in $(seq 150); do
	xwininfo -root -tree 2>/dev/null | grep -q '"Verbatim wall"' && break
	kill -0 "$wall_pid" 2>/dev/null || fail "the wall exited at start"
	sleep 0.2
done
sleep 5

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$wall_pid/status" 2>/dev/null || echo 0; }
rss_start=$(rss)
rss_max=$rss_start
say "wall running (pid $wall_pid); RSS at start $((rss_start / 1024)) MiB"

# The importer: one chunk after another, spread over the first 80% of the run.
(
	gap=$((seconds * 8 / 10 / chunks))
	for c in $(seq 1 "$chunks"); do
		verbatim import --format csv --survey-type nps --source "Soak import" \
			--map id=ID,date=Date,score=Score,comment=Comment,name=Name,email=Email \
			"$scratch/import-$c.csv" >>"$scratch/import.log" 2>&1 || exit 1
		sleep "$gap"
	done
) &
import_pid=$!

start=$SECONDS shots=0 same=0 prev='' rss_warm=0 said=$SECONDS
crop="${size%x*}x$((${size#*x} - footer))+0+0"
while ((SECONDS - start < seconds)); do
	tick=$SECONDS
	kill -0 "$wall_pid" 2>/dev/null || fail "the wall died after $((SECONDS - start)) s"
	cur=$scratch/shot-$((shots % 2)).png
	import -window root -crop "$crop" +repage "png:$cur" 2>/dev/null || fail "could not take a screenshot"
	shots=$((shots + 1))
	if [[ -n $prev ]]; then
		diff=$(compare -metric AE "$prev" "$cur" null: 2>&1 || true)
		if [[ ${diff%% *} == 0 ]]; then
			same=$((same + 1))
			cp "$cur" "$scratch/same-$same.png"
		fi
	fi
	prev=$cur
	r=$(rss)
	((r > rss_max)) && rss_max=$r
	if ((SECONDS - said >= 60)); then
		said=$SECONDS
		((rss_warm == 0)) && rss_warm=$r
		say "$((SECONDS - start)) s: RSS $((r / 1024)) MiB, $shots screenshots, $same unchanged"
	fi
	sleep $((tick + 2 - SECONDS > 0 ? tick + 2 - SECONDS : 0))
done
rss_end=$(rss)
kill -0 "$wall_pid" 2>/dev/null || fail "the wall died at the end"

import_ok=true
wait "$import_pid" || import_ok=false
import_pid=''
imported=$(grep -c . "$scratch/import.log" || true)
failed_syncs=$(grep -c 'sync of source "soakapi" failed' "$scratch/wall.log" || true)
refresh_problems=$(grep -c 'could not read' "$scratch/wall.log" || true)
panics=$(grep -c 'recovered from a panic' "$scratch/wall.log" || true)

say "ran $((SECONDS - start)) s: $shots screenshots, $same consecutive pairs unchanged"
((rss_warm > 0)) || rss_warm=$rss_start
say "RSS start $((rss_start / 1024)) MiB, after warming up $((rss_warm / 1024)) MiB, end $((rss_end / 1024)) MiB, max $((rss_max / 1024)) MiB"
# The live heap after the collections of the first warmed-up minute, and of the
# last minute (gctrace lines: "gc N @SECONDSs ...: ..., BEFORE->AFTER->LIVE MB, ...").
heap=$(awk -v end="$((SECONDS - start))" '/^gc / {
		t = substr($3, 2) + 0
		if (match($0, /->[0-9]+ MB/)) live = substr($0, RSTART + 2, RLENGTH - 5) + 0; else next
		if (t >= 65 && t < 125 && live > warm) warm = live
		if (t >= end - 55 && live > last) last = live
		if (live > max) max = live
	} END { printf "%d MB in the second minute, %d MB in the last, %d MB at most", warm, last, max }' "$scratch/wall.log")
say "Go heap live after GC: $heap"
say "imports: $(tail -n 1 "$scratch/import.log")"
say "wall log: $failed_syncs failed syncs (the API was down), $refresh_problems failed reads, $panics recovered panics"
say "fake API: $(tail -n 1 "$scratch/api.log")"
say "sources in the cache:"
verbatim source list | sed 's/^/soak:   /'
$import_ok || fail "an import failed: $(tail -n 3 "$scratch/import.log")"
((panics == 0)) || fail "the wall recovered from $panics panics (see its log)"
# A frame can repeat when the screenshot lands just as the machine stalls; a
# screen that stands still repeats them all.
((same * 10 <= shots)) || fail "$same of $shots consecutive screenshots were identical: the screen stood still"
((rss_end * 2 < rss_warm * 3)) || fail "resident memory grew by half after the warm-up, from $((rss_warm / 1024)) MiB to $((rss_end / 1024)) MiB"
say "OK ($imported import runs)"
