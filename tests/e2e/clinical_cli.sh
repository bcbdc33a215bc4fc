#!/bin/sh
# clinical_cli.sh: oncoload clinical and its alias oncoload biospecimen answer
# --help, -?, --version, and refuse bad options and arguments with exit 2.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"

for cmd in clinical biospecimen; do
	out=$("$ONCOLOAD" "$cmd" --help) || fail "$cmd --help exited $?"
	case $out in
		*"Usage:"*"oncoload $cmd"*"--mapping"*"Exit status:"*) echo "ok: $cmd --help" ;;
		*) fail "$cmd --help lacks usage, --mapping or the exit-code table" ;;
	esac
	"$ONCOLOAD" "$cmd" -'?' >/dev/null || fail "$cmd -? exited $?"
	out=$("$ONCOLOAD" "$cmd" --version) || fail "$cmd --version exited $?"
	case $out in
		"oncoload $cmd (oncoload) "*) echo "ok: $cmd --version" ;;
		*) fail "$cmd --version printed [$out]" ;;
	esac
	expect_exit 2 "$ONCOLOAD" "$cmd" --no-such-option
	expect_eq "$cmd bad option: two lines" "$(printf '%s\n' "$ONC_STDERR" | wc -l)" 2
	case $ONC_STDERR in
		"oncoload: error: "*"--no-such-option"*"hint: Try \"oncoload $cmd --help\""*) ;;
		*) fail "$cmd bad option message: [$ONC_STDERR]" ;;
	esac
done
expect_exit 2 "$ONCOLOAD" clinical
expect_exit 2 "$ONCOLOAD" clinical --input-format=nope x.xml
expect_exit 2 "$ONCOLOAD" clinical --input-format=hospital-export x.csv
expect_exit 2 "$ONCOLOAD" clinical --max-rejects=many x.xml
expect_exit 2 "$ONCOLOAD" clinical --output=xml x.xml
out=$("$ONCOLOAD" --help) || fail "oncoload --help exited $?"
case $out in *"clinical"*"biospecimen"*) echo "ok: both in oncoload --help" ;; *) fail "oncoload --help" ;; esac
