#!/usr/bin/env bash
# screenshots.sh writes one PNG per screen to screenshots/, taken from the real
# app running under Xvfb on a fresh demo database.
#
# Each entry of shots is "NAME ARGS...": the app is started as
#   bin/verbatim --db DB ARGS...
# and the screen is saved as screenshots/NAME.png. Add a line to add a shot.
# A shot that needs more than the demo database defines prepare_NAME (run
# before the app starts; it may set shot_db to the database to open) and
# ready_NAME (run with the window id once the window has its size).
#
# Settings (environment):
#   SIZE       screen size, default 1366x768 (e.g. SIZE=1920x1080)
#   SHOTS      only these names, space-separated (default: all)
#   THEME      light or dark, passed as --theme when the app has that flag
#              and the shot does not choose one (default light)
#   RESPONSES  demo responses in the database (default 50000)
#   SETTLE     seconds to wait after the window appears, for charts that
#              render off the UI goroutine (default 3)
#   SUFFIX     appended to each file name, to keep shots of several sizes
#              and themes side by side (e.g. SUFFIX=-dark-1920x1080)
#   BIN        where to build the binary (default bin/verbatim), so runs in
#              parallel do not replace each other's
set -euo pipefail
cd "$(dirname "$0")/.."

shots=(
	"dashboard --screen dashboard"
	"comments --screen comments"
	"boards --screen boards"
	# Meeting mode on the demo board, full screen and dark whatever the theme;
	# --theme before the command, where the global flags go.
	"meeting --theme light board meet"
	"sources --screen sources"
	"settings --screen settings"
	# The wall display, full screen, one panel each, in safe mode (its default).
	"wall-score wall --panels score"
	"wall-trend wall --panels trend"
	"wall-distribution wall --panels distribution"
	"wall-latest wall --panels latest"
	"wall-board wall --panels board"
	"wall-offline wall --panels latest"
	"wall-waiting wall"
)

size=${SIZE:-1366x768}
theme=${THEME:-light}
responses=${RESPONSES:-50000}
settle=${SETTLE:-3}
[[ $size =~ ^[0-9]+x[0-9]+$ ]] || {
	echo "screenshots: SIZE must look like 1366x768, not \"$size\"." >&2
	exit 2
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-shots.XXXXXX")
xvfb_pid='' app_pid=''
fake_pids=()
# stop_app ends the app with SIGTERM, or SIGKILL when it has not exited
# after 5 s (a hang on shutdown must not hang the script; it is reported).
stop_app() {
	[[ -n $app_pid ]] || return 0
	kill "$app_pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$app_pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$app_pid" 2>/dev/null; then
		echo "screenshots: warning: $bin did not exit within 5 s of SIGTERM; killed it." >&2
		kill -KILL "$app_pid" 2>/dev/null || true
	fi
	wait "$app_pid" 2>/dev/null || true
	app_pid=
}
cleanup() {
	stop_app
	for pid in "${fake_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	rm -rf "$scratch"
}
trap cleanup EXIT

bin=${BIN:-bin/verbatim}
go build -o "$bin" ./cmd/verbatim

# The app keeps preferences (window size, theme, language) in the user config
# dir; a private one makes the shots the same on every machine. Fyne takes
# the UI language from the locale (and cannot parse "C"): shots are English.
export XDG_CONFIG_HOME=$scratch/config LANG=en_US.UTF-8 LC_ALL='' LANGUAGE=''
db=$scratch/demo.db
"$bin" --db "$db" demo --responses "$responses" >"$scratch/demo.log" 2>&1 || {
	cat "$scratch/demo.log" >&2
	echo "screenshots: generating the demo database failed (output above)." >&2
	exit 1
}

# Read the help whole: grep -q in a pipe would exit early and, with
# pipefail, turn a match into a failure.
help=$("$bin" --help 2>&1 || true)
theme_flag=false
grep -qE -- '(^|[[:space:]])--?theme([[:space:]=]|$)' <<<"$help" && theme_flag=true

# Xvfb picks a free display itself and writes its number to fd 3, so other X
# servers (and other runs of this script) are never disturbed.
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$scratch/display" >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
	[[ -s $scratch/display ]] && break
	sleep 0.1
done
[[ -s $scratch/display ]] || {
	cat "$scratch/xvfb.log" >&2
	echo "screenshots: Xvfb did not start within 10 s (log above)." >&2
	exit 1
}
DISPLAY=:$(tr -dc 0-9 <"$scratch/display")
export DISPLAY

# window_id prints the id of the app's top-level window once it is mapped
# (its title starts with "Verbatim").
window_id() {
	xwininfo -root -tree 2>/dev/null | awk '/^ +0x[0-9a-f]+ "Verbatim/ { print $1; exit }'
}

# fit_window moves window $1 to 0,0 and sizes it to SIZE, and succeeds once it
# has kept that geometry for half a second (giving up after about 10 s).
fit_window() {
	local want="${size}+0+0"
	for _ in $(seq 20); do
		xdotool windowmove "$1" 0 0 windowsize "$1" "${size%x*}" "${size#*x}" 2>/dev/null || true
		sleep 0.5
		[[ $(geometry "$1") == "$want" ]] && return 0
	done
	return 1
}

# geometry prints window $1's WIDTHxHEIGHT+X+Y.
geometry() {
	xwininfo -id "$1" 2>/dev/null | awk '
		/Absolute upper-left X/ { x = $NF } /Absolute upper-left Y/ { y = $NF }
		/^ *Width:/ { w = $NF } /^ *Height:/ { h = $NF }
		END { print w "x" h "+" x "+" y }'
}

# start_fake NAME ARGS... starts scripts/fakeapi with ARGS and sets the
# variable NAME to its base URL.
start_fake() {
	local out=$scratch/$1.url
	"$scratch/fakeapi" "${@:2}" >"$out" 2>>"$scratch/fakeapi.log" &
	fake_pids+=($!)
	for _ in $(seq 50); do
		[[ -s $out ]] && break
		sleep 0.1
	done
	printf -v "$1" '%s' "$(head -n 1 "$out")"
}

# The Sources screen after a sync round that went wrong in both ways a round
# can: three sources synced from fakes of the platforms on 127.0.0.1, then the
# Qualtrics token was rotated by its admin (the source fails: 401) and the
# Typeform and SurveyMonkey servers went away (offline).
prepare_sources() {
	go build -o "$scratch/fakeapi" ./scripts/fakeapi
	shot_db=$scratch/sources.db
	local tf_url='' sm_url='' q_url=''
	start_fake tf_url --kind typeform --token tf-live-7f3a9c2e41b8 --survey wPq8Zt --responses 2400 --seed 11
	start_fake sm_url --kind surveymonkey --token sm-live-5d1e8b7c93fa --survey 408123771 --responses 1800 --seed 12
	start_fake q_url --kind qualtrics --token q-live-9b2f61d0c4e7 --survey SV_3kLr9Qx2 --responses 3200 --seed 13
	echo tf-live-7f3a9c2e41b8 | "$bin" --db "$shot_db" source add "Website NPS" --kind typeform --url "$tf_url" --survey wPq8Zt --token-file - >/dev/null
	echo sm-live-5d1e8b7c93fa | "$bin" --db "$shot_db" source add "Support CSAT" --kind surveymonkey --url "$sm_url" --survey 408123771 --token-file - >/dev/null
	echo q-live-9b2f61d0c4e7 | "$bin" --db "$shot_db" source add "Relationship survey" --kind qualtrics --url "$q_url" --survey SV_3kLr9Qx2 --token-file - >/dev/null
	"$bin" --db "$shot_db" sync >"$scratch/sync.log"
	kill -USR1 "${fake_pids[2]}"
	kill "${fake_pids[0]}" "${fake_pids[1]}"
}

# ready_sources syncs from the window (Ctrl+R) and waits until the round has
# recorded an error for each source (the offline ones retry for ~15 s).
ready_sources() {
	xdotool windowfocus "$1" 2>/dev/null || true
	xdotool key ctrl+r
	for _ in $(seq 120); do
		[[ $("$bin" --db "$shot_db" source list --json | grep -c '"last_error": "[^"]') == 3 ]] && return 0
		sleep 0.5
	done
	echo "screenshots: warning: the sources shot's sync did not end within 60 s." >&2
}

# The wall when its last sync failed: the demo plus a source that cannot be
# reached and a few comments that just came in with a respondent's name, email
# and phone number in them, which safe mode masks.
prepare_wall-offline() {
	shot_db=$scratch/offline.db
	cp "$db" "$shot_db"
	if [[ -f $db-wal ]]; then cp "$db-wal" "$shot_db-wal"; fi
	local now
	now=$(date -u +%FT%TZ)
	cat >"$scratch/personal.csv" <<-CSV
		ID,Date,Score,Comment,Name,Email
		p1,$now,10,"Marta here: the new reports are great, call me on +34 612 345 678 to talk.",Marta Ruiz,marta.ruiz@example.com
		p2,$now,2,"Nobody answered me. This is Ilker, write to ilker.sahin@example.com.tr",Ilker Sahin,ilker.sahin@example.com.tr
	CSV
	"$bin" --db "$shot_db" import --format csv --survey-type nps --source "Website NPS" \
		--map id=ID,date=Date,score=Score,comment=Comment,name=Name,email=Email "$scratch/personal.csv" >/dev/null
	VERBATIM_SHOTS_TOKEN=t "$bin" --db "$shot_db" source add "Website NPS API" --kind typeform \
		--url http://127.0.0.1:1 --survey wPq8Zt --token-env VERBATIM_SHOTS_TOKEN >/dev/null
	VERBATIM_SHOTS_TOKEN=t "$bin" --db "$shot_db" sync >/dev/null 2>&1 || true # fails: nothing listens there
}

# The wall on an empty cache: its waiting panel.
prepare_wall-waiting() {
	shot_db=$scratch/empty.db
}

mkdir -p screenshots
for shot in "${shots[@]}"; do
	read -r -a words <<<"$shot"
	name=${words[0]}
	args=("${words[@]:1}")
	if [[ -n ${SHOTS:-} && " $SHOTS " != *" $name "* ]]; then
		continue
	fi
	if $theme_flag && [[ " ${args[*]} " != *" --theme "* ]]; then
		args=(--theme "$theme" "${args[@]}") # a global flag: before the command
	fi
	shot_db=$db
	if declare -F "prepare_$name" >/dev/null; then
		"prepare_$name"
	fi

	"$bin" --db "$shot_db" "${args[@]}" >"$scratch/$name.log" 2>&1 &
	app_pid=$!
	id=
	for _ in $(seq 150); do
		id=$(window_id)
		[[ -n $id ]] && break
		kill -0 "$app_pid" 2>/dev/null || break
		sleep 0.2
	done
	if [[ -z $id ]]; then
		cat "$scratch/$name.log" >&2
		echo "screenshots: $bin ${args[*]} showed no window within 30 s (output above)." >&2
		exit 1
	fi
	# With no window manager the window keeps the size the app asked for;
	# make it fill the screen so every shot is exactly SIZE. The app may set
	# its own (remembered) size just after the window appears, so resize
	# until the size holds.
	fit_window "$id" || echo "screenshots: warning: the $name window would not take the size $size." >&2
	if declare -F "ready_$name" >/dev/null; then
		"ready_$name" "$id"
	fi
	sleep "$settle"
	# Write beside the target and rename, so a failed capture never leaves a
	# truncated PNG in screenshots/ (*.tmp is in .gitignore).
	out=screenshots/$name${SUFFIX:-}.png
	import -window root "png:$out.tmp"
	mv "$out.tmp" "$out"
	stop_app
	echo "$out"
done
