#!/bin/sh
# harness.sh: self-test of tests/e2e/lib.sh: a database to talk to, the
# expect_* helpers, skips, and cleanup that leaves no files, databases or
# servers behind, whether a test passes, fails or is killed.
# shellcheck source=/dev/null
. "${ONC_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

[ -x "$ONCOLOAD" ] || fail "ONCOLOAD ($ONCOLOAD) is not an executable"

onc_need_cluster
expect_eq "select 1" "$(q 'select 1')" 1
expect_eq "current database" "$(q 'select current_database()')" "$PGDATABASE"
expect_eq "server version" "$(q 'show server_version_num' | cut -c1-2)" 15
expect_eq "encoding" "$(q 'show server_encoding')" UTF8
expect_eq "q passes psql options" "$(q "select 'a', 'b'" -F ,)" "a,b"
expect_exit 0 true
expect_exit 3 sh -c 'exit 3'
expect_exit 1 q 'select 1/0'
case $ONC_STDERR in
	*"division by zero"*) echo "ok: stderr kept in ONC_STDERR" ;;
	*) fail "ONC_STDERR lacks the error: [$ONC_STDERR]" ;;
esac
q 'create table t (x int); insert into t values (1), (2)'
expect_eq "table in the test database" "$(q 'select sum(x) from t')" 3

out=$(onc_tmpdir)
[ -d "$out" ] || fail "onc_tmpdir made no directory"
lib=$(_onc_quote "$ONC_SRCDIR/tests/e2e/lib.sh")

# A child test that fails: exit 1, message on stderr, its cleanup commands
# run last-registered first, and its temporary directory is removed.
cat >"$out/failing.sh" <<EOF
. $lib
d=\$(onc_tmpdir)
echo "\$d" >"$out/failing.dir"
onc_on_exit 'echo second-registered-runs-first'
onc_on_exit 'echo first'
fail boom
echo not-reached
EOF
for shell in sh bash; do
	# shellcheck disable=SC2016  # expanded by the inner sh
	expect_exit 1 sh -c '"$1" "$2" >"$3"' sh "$shell" "$out/failing.sh" "$out/failing.out"
	case $ONC_STDERR in
		*"FAIL: failing: boom"*) echo "ok: $shell: fail message" ;;
		*) fail "$shell: fail printed [$ONC_STDERR]" ;;
	esac
	expect_eq "$shell: cleanup order" "$(cat "$out/failing.out")" "first
second-registered-runs-first"
	[ ! -e "$(cat "$out/failing.dir")" ] || fail "$shell: onc_tmpdir left behind"
done

# A child using the shared cluster (this test's server): its database is
# dropped at exit.
cat >"$out/shared.sh" <<EOF
. $lib
onc_need_cluster
echo "\$PGDATABASE" >"$out/shared.db"
q 'create table t (x int)'
EOF
expect_exit 0 env ONC_TEST_PGHOST="$PGHOST" ONC_TEST_PGPORT="$PGPORT" sh "$out/shared.sh"
db=$(cat "$out/shared.db")
expect_eq "child database dropped" \
	"$(q "select count(*) from pg_database where datname = '$db'")" 0

# A child with a private cluster, killed while it runs: the server stops and
# its directory goes away.
cat >"$out/private.sh" <<EOF
. $lib
onc_need_cluster
sed -n 1p "\$(dirname "\$PGHOST")/postmaster.pid" >"$out/private.pid"
dirname "\$(dirname "\$PGHOST")" >"$out/private.dir"
sleep 60 &
onc_on_exit "kill \$! 2>/dev/null"
echo ready >"$out/private.ready"
wait
EOF
env -u ONC_TEST_PGHOST -u ONC_TEST_PGPORT sh "$out/private.sh" >"$out/private.out" 2>&1 &
child=$!
n=0
while [ ! -e "$out/private.ready" ] && kill -0 "$child" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
[ -e "$out/private.ready" ] || { cat "$out/private.out"; fail "private-cluster child did not start"; }
kill -TERM "$child"
rc=0
wait "$child" || rc=$?
expect_eq "killed child's exit code" "$rc" 143
pid=$(cat "$out/private.pid")
state=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) || state=
case $state in
	"" | Z) echo "ok: private server $pid stopped" ;;
	*) fail "private server $pid still running (state $state)" ;;
esac
[ ! -e "$(cat "$out/private.dir")" ] || fail "private cluster directory left behind"

# Skips: exit 77 without the shared corpus.
cat >"$out/skip.sh" <<EOF
. $lib
onc_need_shared
echo not-reached
EOF
expect_exit 77 env ONC_SHARED_DIR=/nonexistent sh "$out/skip.sh"

echo "harness: all checks passed"
