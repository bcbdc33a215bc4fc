# validate_findings.sh: helpers for the tests of "oncoload validate"'s
# genomic and cross-file checks.  Source after lib.sh; they read the
# messages of the last expect_exit ($ONC_STDERR), in the one format
#   oncoload: PATH[:LINE[:COL]]: LEVEL: text[ (lines A, B ...)] [CODE]
# shellcheck shell=sh

# findings FILE: one line "LEVEL CODE LINE COL" per message about FILE (a
# path ending in FILE) and per line it lists (0 = the file as a whole).
findings()
{
	printf '%s\n' "$ONC_STDERR" | awk -v f="$1" '
		/^oncoload: / {
			rest = substr($0, 11)
			if (!match(rest, /: (error|warning|info): /))
				next
			place = substr(rest, 1, RSTART - 1)
			lv = substr(rest, RSTART + 2, RLENGTH - 4)
			msg = substr(rest, RSTART + RLENGTH)
			code = ""
			if (match(msg, /\[[^]]*\]$/))
				code = substr(msg, RSTART + 1, RLENGTH - 2)
			n = split(place, p, ":")
			path = p[1]
			line = n >= 2 ? p[2] : 0
			col = n >= 3 ? p[3] : 0
			if (length(path) < length(f) || substr(path, length(path) - length(f) + 1) != f)
				next
			if (length(path) > length(f) && substr(path, length(path) - length(f), 1) != "/")
				next
			print lv, code, line, col
			if (match(msg, /\(lines [0-9, ]+/)) {
				k = split(substr(msg, RSTART + 7, RLENGTH - 7), l, ", ")
				for (i = 2; i <= k; i++) {
					gsub(/ /, "", l[i])
					if (l[i] != "")
						print lv, code, l[i], 0
				}
			}
		}'
}

# expect_finding LEVEL CODE FILE [LINE[:COL]...]: FILE has a LEVEL message
# with CODE at each LINE (and COL when given); no LINE: anywhere.
expect_finding()
{
	_vf_level=$1
	_vf_code=$2
	_vf_file=$3
	shift 3
	_vf_all=$(findings "$_vf_file")
	if [ $# -eq 0 ]; then
		printf '%s\n' "$_vf_all" | grep -q "^$_vf_level $_vf_code " ||
			fail "$_vf_file: no $_vf_level $_vf_code in [$ONC_STDERR]"
		echo "ok: $_vf_file: $_vf_level $_vf_code"
		return
	fi
	for _vf_at; do
		case $_vf_at in
			*:*) _vf_re="^$_vf_level $_vf_code ${_vf_at%%:*} ${_vf_at#*:}\$" ;;
			*) _vf_re="^$_vf_level $_vf_code $_vf_at " ;;
		esac
		printf '%s\n' "$_vf_all" | grep -q "$_vf_re" ||
			fail "$_vf_file: no $_vf_level $_vf_code at $_vf_at in [$ONC_STDERR]"
		echo "ok: $_vf_file:$_vf_at: $_vf_level $_vf_code"
	done
}

# expect_count N LEVEL CODE FILE: FILE has N (message, line) findings of
# LEVEL and CODE (LEVEL "*" for any level, CODE "*" for any code).
expect_count()
{
	_vf_n=$(findings "$4" | awk -v lv="$2" -v c="$3" '(lv == "*" || $1 == lv) && (c == "*" || $2 == c)' | wc -l)
	expect_eq "$4: $2 $3 findings" "$((_vf_n))" "$1"
}
