# lib.sh: helpers for the end-to-end tests, which run the real oncoload on
# real files against a real, throwaway PostgreSQL cluster.  Source it first:
#
#   . "${ONC_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
#   onc_need_cluster          # fresh database; PGHOST PGPORT PGUSER PGDATABASE set
#   expect_exit 0 "$ONCOLOAD" init
#   expect_eq "tables" "$(q 'select count(*) from warehouse.gene')" 0
#
# POSIX sh (automake runs tests with $(SHELL)).  Environment, set by
# Makefile.am's AM_TESTS_ENVIRONMENT: ONCOLOAD (the built program),
# ONC_SRCDIR, ONC_BUILDDIR; optional: ONC_SHARED_DIR (where shared/ is, else
# $ONC_SRCDIR/../shared), ONC_TEST_PGHOST/ONC_TEST_PGPORT (a running cluster
# to create test databases in, else each test file starts its own).
#
# Cleanup: never set an EXIT trap in a test; register commands with
# onc_on_exit (one line each, run last-registered first, also on failure or
# on INT/TERM/HUP).  onc_need_cluster and fail must run in the test's main
# shell, not inside $(...) or a pipeline; onc_tmpdir may run anywhere.
# shellcheck shell=sh

# Defaults for running a test by hand: sh tests/e2e/foo.sh from the source tree.
if [ -z "${ONC_SRCDIR:-}" ]; then
	ONC_SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
fi
: "${ONC_BUILDDIR:=$ONC_SRCDIR}"
: "${ONCOLOAD:=$ONC_BUILDDIR/oncoload}"
export ONC_SRCDIR ONC_BUILDDIR ONCOLOAD

onc_test_name=$(basename "$0" .sh)

# --- cleanup ---------------------------------------------------------------

_onc_cleanup=""

# Quote $1 for the shell: 'text' with embedded quotes escaped.
_onc_quote()
{
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# onc_on_exit COMMAND: run COMMAND (one line of shell) when the test exits.
onc_on_exit()
{
	_onc_cleanup="$1
$_onc_cleanup"
}

_onc_run_cleanup()
{
	_onc_exit_rc=$?
	trap - EXIT
	set +e
	_onc_ifs=$IFS
	IFS='
'
	set -f
	for _onc_cmd in $_onc_cleanup; do
		IFS=$_onc_ifs
		eval "$_onc_cmd" || :
	done
	set +f
	IFS=$_onc_ifs
	exit "$_onc_exit_rc"
}

trap _onc_run_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# One private temporary directory per test, made now in the main shell so
# that onc_tmpdir works inside $(...) too.
_ONC_TMPBASE=$(mktemp -d "${TMPDIR:-/tmp}/onc-e2e.XXXXXX") || {
	echo "FAIL: $onc_test_name: mktemp failed" >&2
	exit 1
}
onc_on_exit "rm -rf $(_onc_quote "$_ONC_TMPBASE")"

# --- results ---------------------------------------------------------------

# fail MESSAGE: print it and end the test with exit 1 (cleanup runs).
fail()
{
	echo "FAIL: $onc_test_name: $*" >&2
	exit 1
}

# expect_eq WHAT ACTUAL EXPECTED: fail unless the two strings are equal.
expect_eq()
{
	if [ "$2" = "$3" ]; then
		echo "ok: $1"
	else
		fail "$1: expected [$3], got [$2]"
	fi
}

# expect_exit CODE COMMAND [ARG...]: run COMMAND, fail unless it exits with
# CODE (printing its stderr).  Its stdout goes to the log; its stderr is kept
# in ONC_STDERR for further checks.
expect_exit()
{
	_onc_want=$1
	shift
	_onc_errfile=$(mktemp "$_ONC_TMPBASE/stderr.XXXXXX") || fail "mktemp failed"
	if "$@" 2>"$_onc_errfile"; then _onc_got=0; else _onc_got=$?; fi
	ONC_STDERR=$(cat "$_onc_errfile")
	rm -f "$_onc_errfile"
	if [ "$_onc_got" -ne "$_onc_want" ]; then
		printf '%s\n' "$ONC_STDERR" >&2
		fail "exit $_onc_got, expected $_onc_want: $*"
	fi
	echo "ok: exit $_onc_want: $*"
}

# onc_tmpdir: print the name of a new empty directory, removed at exit.
onc_tmpdir()
{
	mktemp -d "$_ONC_TMPBASE/tmp.XXXXXX"
}

# --- PostgreSQL --------------------------------------------------------------

# q SQL [PSQL-OPTION...]: run SQL in the test database, print the result
# unaligned, tuples only; non-zero exit on any error.
q()
{
	_onc_sql=$1
	shift
	psql -XAtq -v ON_ERROR_STOP=1 -c "$_onc_sql" "$@"
}

# onc_wait_for SQL WHAT [FILE]: poll until SQL returns t, 30 s at most (a
# lock taken, a backend waiting, a backend gone); if it never does, fail with
# WHAT (and FILE's text then: a background program's output, say).
onc_wait_for()
{
	_onc_n=0
	while [ "$(q "$1")" != t ]; do
		_onc_n=$((_onc_n + 1))
		[ "$_onc_n" -lt 300 ] || fail "$2${3:+: $(cat "$3")}"
		sleep 0.1
	done
}

# onc_need_cluster: a fresh database for this test file.  Uses the cluster
# in ONC_TEST_PGHOST/ONC_TEST_PGPORT when set (scripts/test starts one), else
# starts a private one in a temporary directory.  Exports PGHOST PGPORT
# PGUSER PGDATABASE; the database (and a private cluster) go away at exit.
onc_need_cluster()
{
	unset PGSERVICE PGHOSTADDR PGOPTIONS PGPASSWORD
	if [ -n "${ONC_TEST_PGHOST:-}" ]; then
		PGHOST=$ONC_TEST_PGHOST
		PGPORT=${ONC_TEST_PGPORT:-5432}
		PGUSER=${ONC_TEST_PGUSER:-postgres}
	else
		_onc_pgdir=$(mktemp -d "${TMPDIR:-/tmp}/onc-pg.XXXXXX") || fail "mktemp failed"
		onc_on_exit "rm -rf $(_onc_quote "$_onc_pgdir")"
		onc_on_exit "$(_onc_quote "$ONC_SRCDIR/scripts/pgcluster") stop $(_onc_quote "$_onc_pgdir/data") >/dev/null 2>&1"
		_onc_env=$("$ONC_SRCDIR/scripts/pgcluster" start "$_onc_pgdir/data") ||
			fail "could not start a PostgreSQL cluster in $_onc_pgdir/data"
		eval "$_onc_env"
	fi
	PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-20}
	export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT

	_onc_db=$(printf '%s' "$onc_test_name" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9_' '_' | cut -c1-40)
	_onc_db="t_${_onc_db}_$$"
	psql -XAtq -v ON_ERROR_STOP=1 -d postgres -c "create database \"$_onc_db\"" ||
		fail "could not create database $_onc_db on $PGHOST port $PGPORT"
	onc_on_exit "psql -XAtq -d postgres -c 'drop database if exists \"$_onc_db\" with (force)' >/dev/null 2>&1"
	PGDATABASE=$_onc_db
	export PGDATABASE
	echo "# database $PGDATABASE on $PGHOST port $PGPORT"
}

# onc_need_shared: skip the test (exit 77) unless the shared corpus is
# there; exports SHARED, the shared/ directory (ONC_SHARED_DIR, else
# $ONC_SRCDIR/../shared).
onc_need_shared()
{
	SHARED=${ONC_SHARED_DIR:-$ONC_SRCDIR/../shared}
	if [ ! -d "$SHARED/corpus" ]; then
		echo "SKIP: $onc_test_name: no shared corpus at $SHARED/corpus (set ONC_SHARED_DIR)"
		exit 77
	fi
	# the physical path: loaders record each file's realpath(3)
	SHARED=$(cd "$SHARED" && pwd -P)
	export SHARED
}
