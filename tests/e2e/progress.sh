#!/bin/sh
# progress.sh: a load on a terminal (script(1) gives it a pseudo-terminal)
# shows a progress bar on stderr, erased before the outcome line; with
# --quiet, or when stderr is not a terminal, nothing of it is printed; a
# load shorter than the delay shows none.  ONC_PROGRESS_DELAY=0 draws at
# once, so that the demo's small files show it too.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
if ! command -v script >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP: progress: script (util-linux) and python3 are needed"
	exit 77
fi
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 11 --samples 4 --output "$tmp/g" >/dev/null || fail "generate"
sheet=$tmp/g/gdc_sample_sheet.tsv
set -- $(find "$tmp/g/expression" -type f | sort)

# on_tty OUT COMMAND...: run COMMAND on a pseudo-terminal, its output to OUT
on_tty()
{
	_out=$1
	shift
	_cmd=
	for _a in "$@"; do
		_cmd="$_cmd $(_onc_quote "$_a")"
	done
	SHELL=/bin/sh script -qec "$_cmd" /dev/null </dev/null >"$_out" 2>&1 ||
		{ cat "$_out"; fail "exit $? on a terminal: $*"; }
}

# check OUT WANT: WANT "bar" or "none" -- what OUT shows
check()
{
	python3 - "$1" "$2" <<'EOF' || fail "$2 expected in $1"
import re, sys
raw = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
bar = re.search(r"[0-9a-f-]+ \[[=> ]+\] +\d+% \S+B/\S+B \S+ rows/s \S+ left", raw)
if sys.argv[2] == "none":
    ok = "rows/s" not in raw and "\x1b[K" not in raw
else:
    # drawn over itself with \r, erased (\r ESC[K) before the outcome line
    ok = bool(bar) and "\r\x1b[Kload " in raw and "\r" + bar.group(0) in raw
if not ok:
    sys.stderr.write(repr(raw[:2000]) + "\n")
sys.exit(0 if ok else 1)
EOF
	echo "ok: $2: $1"
}

export ONC_PROGRESS_DELAY=0
on_tty "$tmp/tty.out" "$ONCOLOAD" expression --sample-sheet "$sheet" "$1"
check "$tmp/tty.out" bar

on_tty "$tmp/quiet.out" "$ONCOLOAD" expression --quiet --sample-sheet "$sheet" "$2"
check "$tmp/quiet.out" none
expect_eq "quiet run loaded" "$(q "select count(*) from audit.load where status = 'succeeded'")" 2

# not a terminal: stderr to a file
"$ONCOLOAD" expression --sample-sheet "$sheet" "$3" >"$tmp/plain.out" 2>"$tmp/plain.err" ||
	fail "load without a terminal"
check "$tmp/plain.err" none
check "$tmp/plain.out" none

# shorter than the delay: nothing drawn
ONC_PROGRESS_DELAY=60 on_tty "$tmp/short.out" "$ONCOLOAD" expression --sample-sheet "$sheet" "$4"
check "$tmp/short.out" none
expect_eq "all four loaded" "$(q "select count(*) from audit.load where status = 'succeeded'")" 4

# ingest's loaders draw theirs on ingest's terminal
rm -rf "$tmp/g/expression"
on_tty "$tmp/ingest.out" "$ONCOLOAD" ingest "$tmp/g"
python3 -c 'import sys; raw = open(sys.argv[1], "rb").read().decode("utf-8", "replace"); sys.exit(0 if "rows/s" in raw and "\r\x1b[Kloaded " in raw else 1)' \
	"$tmp/ingest.out" || { cat "$tmp/ingest.out"; fail "no bar from ingest's loaders"; }
echo "PASS: progress"
