#!/bin/sh
# mutations_cli.sh: oncoload mutations and oncoload variants answer --help
# (stdout, exit 0), --version, and a bad option or value with one error line
# plus a hint (exit 2); missing study or build is a usage error too.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
fx=$ONC_SRCDIR/tests/fixtures/mutations

for cmd in mutations variants; do
	out=$("$ONCOLOAD" "$cmd" --help) || fail "$cmd --help exited $?"
	case $out in
		*"Usage:"*"--build"*"--sample-map"*"Exit status:"*) echo "ok: $cmd --help" ;;
		*) fail "$cmd --help lacks usage, options or the exit-code table" ;;
	esac
	out=$("$ONCOLOAD" "$cmd" -'?') || fail "$cmd -? exited $?"
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
	expect_exit 2 "$ONCOLOAD" "$cmd"
	expect_exit 2 "$ONCOLOAD" "$cmd" --study S --build hg18 x
	expect_exit 2 "$ONCOLOAD" "$cmd" --study S --max-rejects=many x
	expect_exit 2 "$ONCOLOAD" "$cmd" --study S --sample-map nothing x
	expect_exit 2 "$ONCOLOAD" "$cmd" --study S --input-format=nope x
	expect_exit 2 "$ONCOLOAD" "$cmd" --study S --output=xml x
done
out=$("$ONCOLOAD" --help) || fail "oncoload --help exited $?"
case $out in *"mutations"*"variants"*) echo "ok: listed by oncoload --help" ;; *) fail "oncoload --help: [$out]" ;; esac
# no study (no cBioPortal meta file beside it): usage, nothing recorded
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init
expect_exit 2 "$ONCOLOAD" mutations "$fx/rejects.maf"
case $ONC_STDERR in *"rejects.maf: error: no study is known for this file"*) echo "ok: no study" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "nothing recorded" "$(q 'select count(*) from audit.load')" 0
expect_exit 2 "$ONCOLOAD" variants -d "dbname=never_used" "$fx/somatic.vcf"
# a folder with no MAF in it: nothing to do (folders are searched for MAFs only)
dir=$(onc_tmpdir)
echo "not a MAF" >"$dir/README.txt"
expect_exit 0 "$ONCOLOAD" mutations --study S -d "dbname=never_used" "$dir"
case $ONC_STDERR in *"no files found"*) echo "ok: nothing found" ;; *) fail "[$ONC_STDERR]" ;; esac
