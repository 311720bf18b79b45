#!/usr/bin/env bash
# screenshots.sh writes one PNG per screen to screenshots/, taken from the real
# app running under Xvfb on a fresh demo database.
#
# Each entry of shots is "NAME ARGS...": the app is started as
#   bin/verbatim --db DB ARGS...
# and the screen is saved as screenshots/NAME.png. Add a line to add a shot.
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
	"sources --screen sources"
	"settings --screen settings"
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

mkdir -p screenshots
for shot in "${shots[@]}"; do
	read -r -a words <<<"$shot"
	name=${words[0]}
	args=("${words[@]:1}")
	if [[ -n ${SHOTS:-} && " $SHOTS " != *" $name "* ]]; then
		continue
	fi
	if $theme_flag && [[ " ${args[*]} " != *" --theme "* ]]; then
		args+=(--theme "$theme")
	fi

	"$bin" --db "$db" "${args[@]}" >"$scratch/$name.log" 2>&1 &
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
	sleep "$settle"
	# Write beside the target and rename, so a failed capture never leaves a
	# truncated PNG in screenshots/ (*.tmp is in .gitignore).
	out=screenshots/$name${SUFFIX:-}.png
	import -window root "png:$out.tmp"
	mv "$out.tmp" "$out"
	stop_app
	echo "$out"
done
