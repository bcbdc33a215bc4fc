# validate_lib.sh: helpers for the "oncoload validate" tests, on top of
# lib.sh.  They read the JSON document "validate --output json" prints.
#
#   val_json OUT [ARG...]           run validate --output json ARG..., stdout to
#                                   OUT; exit code in VAL_RC (never fails)
#   expect_finding OUT LEVEL CODE [LINE...]
#                                   fail unless some file of OUT has a finding of
#                                   LEVEL and CODE reported on every LINE given
#   expect_no_finding OUT LEVEL [CODE]
#                                   fail if OUT has a finding of LEVEL (and CODE)
# shellcheck shell=sh

val_json()
{
	_val_out=$1
	shift
	if "$ONCOLOAD" validate --output json "$@" >"$_val_out" 2>"$_val_out.err"; then
		VAL_RC=0
	else
		VAL_RC=$?
	fi
}

# _val_query OUT LEVEL CODE LINES: print the matching findings' lines, or "none"
_val_query()
{
	python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
level, code = sys.argv[2], sys.argv[3]
want = [int(x) for x in sys.argv[4].split()] if sys.argv[4] else []
for f in doc["files"]:
    for x in f["findings"]:
        if x["level"] == level and (code == "" or x["code"] == code) and \
                all(l in x["lines"] for l in want):
            print("found", f["path"], x["lines"])
            sys.exit(0)
print("none")
PY
}

expect_finding()
{
	_val_f=$1
	_val_level=$2
	_val_code=$3
	shift 3
	_val_r=$(_val_query "$_val_f" "$_val_level" "$_val_code" "$*") || fail "cannot read $_val_f as JSON"
	case $_val_r in
		found*) echo "ok: $_val_level $_val_code ${*:+on lines $*}" ;;
		*)
			cat "$_val_f" >&2
			fail "no $_val_level $_val_code${*:+ on lines $*}"
			;;
	esac
}

expect_no_finding()
{
	_val_r=$(_val_query "$1" "$2" "${3:-}" "") || fail "cannot read $1 as JSON"
	case $_val_r in
		none) echo "ok: no $2 ${3:-}" ;;
		*)
			cat "$1" >&2
			fail "unexpected $2 ${3:-}: $_val_r"
			;;
	esac
}
