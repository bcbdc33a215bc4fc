#!/bin/sh
# cli.sh: every command answers --help (stdout, exit 0), --version, and a bad
# option with one error line plus a hint on stderr and exit 2.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"

for cmd in init genes expression loads generate validate; do
	out=$("$ONCOLOAD" "$cmd" --help) || fail "$cmd --help exited $?"
	case $out in
		*"Usage:"*"Exit status:"*) echo "ok: $cmd --help" ;;
		*) fail "$cmd --help lacks usage or the exit-code table" ;;
	esac
	out=$("$ONCOLOAD" "$cmd" -'?') || fail "$cmd -? exited $?"
	out=$("$ONCOLOAD" "$cmd" --version) || fail "$cmd --version exited $?"
	case $out in
		"oncoload $cmd (oncoload) "*) echo "ok: $cmd --version" ;;
		*) fail "$cmd --version printed [$out]" ;;
	esac
	expect_exit 2 "$ONCOLOAD" "$cmd" --no-such-option
	lines=$(printf '%s\n' "$ONC_STDERR" | wc -l)
	expect_eq "$cmd bad option: two lines" "$lines" 2
	case $ONC_STDERR in
		"oncoload: error: "*"--no-such-option"*"hint: Try \"oncoload $cmd --help\""*) ;;
		*) fail "$cmd bad option message: [$ONC_STDERR]" ;;
	esac
done
dir=$(onc_tmpdir)
ln -s "$ONCOLOAD" "$dir/oncoload-loads"
out=$("$dir/oncoload-loads" --version) || fail "oncoload-loads --version exited $?"
expect_eq "oncoload-COMMAND runs the command" "$out" "oncoload loads (oncoload) $(echo "$out" | sed 's/.* //')"
out=$("$ONCOLOAD" --help) || fail "oncoload --help exited $?"
case $out in *"expression"*"Exit status:"*) echo "ok: oncoload --help" ;; *) fail "oncoload --help" ;; esac
expect_exit 2 "$ONCOLOAD"
expect_exit 2 "$ONCOLOAD" no-such-command
expect_exit 2 "$ONCOLOAD" expression
expect_exit 2 "$ONCOLOAD" expression --max-rejects=many x
expect_exit 2 "$ONCOLOAD" expression --input-format=nope x
expect_exit 2 "$ONCOLOAD" loads --status=bogus
expect_exit 2 "$ONCOLOAD" loads --output=xml

# A sample sheet that cannot be used: the message in the one format, its
# line in the place (not in the text), and no database needed to say so.
printf 'File ID\tFile Name\n' >"$dir/sheet.tsv"
for cmd in expression copynumber validate; do
	"$ONCOLOAD" $cmd --sample-sheet "$dir/sheet.tsv" "$dir/none" 2>"$dir/err" >/dev/null
	rc=$?
	expect_eq "$cmd: a bad sample sheet is bad input" "$rc" 1
	grep -q "^oncoload: $dir/sheet.tsv:1: error: not a GDC sample sheet" "$dir/err" ||
		fail "$cmd: sample sheet message: $(cat "$dir/err")"
	"$ONCOLOAD" $cmd --sample-sheet "$dir/no-such-sheet.tsv" "$dir/none" 2>"$dir/err" >/dev/null
	grep -q "^oncoload: $dir/no-such-sheet.tsv: error: cannot open: " "$dir/err" ||
		fail "$cmd: missing sample sheet message: $(cat "$dir/err")"
done
echo "ok: sample sheet errors"
