#!/bin/sh
# generate.sh: oncoload generate writes the same bytes for the same seed,
# other bytes for another seed, a sample sheet row per file, and STAR files
# with 4 QC rows and one row per gene (60,660 with the GENCODE v36 model).
# Exit 0 pass, 1 fail, 77 skip.  No database needed.

: "${ONC_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${ONCOLOAD:=$ONC_SRCDIR/oncoload}"
: "${ONC_SHARED_DIR:=$ONC_SRCDIR/../shared}"

if [ ! -x "$ONCOLOAD" ]; then
	echo "SKIP: generate: no oncoload program at $ONCOLOAD"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/onc-generate.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

failures=0
fail()
{
	echo "FAIL: generate: $*"
	failures=$((failures + 1))
}

# run_gen DIR ARGS...: generate into DIR; a failure is fatal.
run_gen()
{
	_dir=$1
	shift
	if ! "$ONCOLOAD" generate --output "$_dir" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
		cat "$tmp/stderr"
		echo "FAIL: generate: oncoload generate --output $_dir $* failed"
		exit 1
	fi
}

# check_star FILE GENES: layout of one augmented STAR gene-counts file.
check_star()
{
	_f=$1
	_genes=$2
	case $_f in
		*.gz) _cat="gzip -dc" ;;
		*) _cat="cat" ;;
	esac
	$_cat "$_f" | awk -F '\t' -v genes="$_genes" -v f="$_f" '
		NR == 1 && $0 != "# gene-model: GENCODE v36" { print f ": bad first line"; bad = 1 }
		NR == 2 && $0 != "gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded" {
			print f ": bad header"; bad = 1
		}
		NR >= 3 && NF != 9 { print f ":" NR ": " NF " fields"; bad = 1 }
		NR >= 3 && NR <= 6 {
			qc[NR - 2] = $1
			if ($2 != "" || $3 != "" || $7 != "" || $8 != "" || $9 != "") { print f ":" NR ": QC row with names or values"; bad = 1 }
		}
		NR > 6 {
			n++
			if ($1 ~ /^N_/) { print f ":" NR ": QC row among genes"; bad = 1 }
			if ($4 !~ /^[0-9]+$/ || $5 !~ /^[0-9]+$/ || $6 !~ /^[0-9]+$/) { print f ":" NR ": counts not whole numbers"; bad = 1 }
			if ($4 == 0 && ($7 != "0.0" || $8 != "0.0" || $9 != "0.0")) { print f ":" NR ": zero count without 0.0 values"; bad = 1 }
			tpm += $7
		}
		END {
			if (qc[1] != "N_unmapped" || qc[2] != "N_multimapping" || qc[3] != "N_noFeature" || qc[4] != "N_ambiguous") {
				print f ": QC rows are not N_unmapped, N_multimapping, N_noFeature, N_ambiguous"; bad = 1
			}
			if (n != genes) { print f ": " n " gene rows, expected " genes; bad = 1 }
			if (tpm < 999999 || tpm > 1000001) { print f ": TPM sums to " tpm; bad = 1 }
			exit bad
		}' || return 1
}

# --- same seed, same bytes; another seed, other bytes ---
run_gen "$tmp/a" --seed 7 --samples 9
run_gen "$tmp/b" --seed 7 --samples 9
run_gen "$tmp/c" --seed 8 --samples 9
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "seed 7 twice gave different outputs"
if diff -r "$tmp/a" "$tmp/c" >/dev/null; then
	fail "seeds 7 and 8 gave the same outputs"
fi

# --- the sample sheet: the header and one row per file, each file present ---
sheet="$tmp/a/gdc_sample_sheet.tsv"
header=$(head -n 1 "$sheet")
expected=$(printf 'File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type')
[ "$header" = "$expected" ] || fail "sample sheet header is \"$header\""
rows=$(($(wc -l <"$sheet") - 1))
[ "$rows" -eq 9 ] || fail "sample sheet has $rows rows, expected 9"
tail -n +2 "$sheet" | awk -F '\t' '
	$5 != "DEMO-OSCC" || $6 !~ /^DEMO-OSCC-P[0-9][0-9][0-9][0-9]$/ { bad = 1 }
	$7 != $6 "-01A" && $7 != $6 "-11A" { bad = 1 }
	($7 ~ /-01A$/ && $8 != "Primary Tumor") || ($7 ~ /-11A$/ && $8 != "Solid Tissue Normal") { bad = 1 }
	{
		# a version 4 UUID (no {n} in the regex: mawk lacks it)
		if (split($1, u, "-") != 5 || length(u[1]) != 8 || length(u[2]) != 4 ||
			length(u[3]) != 4 || length(u[4]) != 4 || length(u[5]) != 12 ||
			$1 !~ /^[0-9a-f-]+$/ || u[3] !~ /^4/ || u[4] !~ /^[89ab]/)
			bad = 1
	}
	seen[$7]++ > 0 { bad = 1 }
	END { exit bad }' || fail "sample sheet rows malformed or sample IDs repeated"
files=0
tail -n +2 "$sheet" | cut -f 1,2 >"$tmp/list"
while IFS='	' read -r id name; do
	f="$tmp/a/expression/$id/$name"
	if [ ! -f "$f" ]; then
		fail "sample sheet names $id/$name, which was not written"
		continue
	fi
	check_star "$f" 2000 || fail "$f is not a well-formed STAR file"
	files=$((files + 1))
done <"$tmp/list"
[ "$files" -eq 9 ] || fail "found $files of 9 STAR files"
n=$(find "$tmp/a/expression" -type f | wc -l)
[ "$n" -eq 9 ] || fail "$n files under expression/, expected 9"

# --- --gzip: the same content, compressed ---
run_gen "$tmp/z" --seed 7 --samples 9 --gzip
sed 's/\.gz	/	/' "$tmp/z/gdc_sample_sheet.tsv" | cmp -s - "$sheet" ||
	fail "--gzip sample sheet differs beyond the .gz suffix"
while IFS='	' read -r id name; do
	gzip -dc "$tmp/z/expression/$id/$name.gz" | cmp -s - "$tmp/a/expression/$id/$name" ||
		fail "--gzip $id/$name.gz does not decompress to the plain file"
done <"$tmp/list"

# --- refuses a non-empty directory unless --force ---
"$ONCOLOAD" generate --output "$tmp/a" --seed 7 --samples 9 >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "writing into a non-empty directory exited $rc, expected 2"
run_gen "$tmp/a" --seed 7 --samples 9 --force
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "--force rewrite changed the output"

# --- the GENCODE v36 gene model: 60,660 genes in file order ---
gtf="$ONC_SHARED_DIR/reference/gencode.v36.annotation.genes.gtf.gz"
if [ -r "$gtf" ]; then
	run_gen "$tmp/g" --seed 1 --samples 2 --genes "$gtf"
	tail -n +2 "$tmp/g/gdc_sample_sheet.tsv" | cut -f 1,2 >"$tmp/glist"
	gzip -dc "$gtf" | awk -F '\t' '$3 == "gene"' |
		sed 's/.*gene_id "\([^"]*\)".*/\1/' >"$tmp/gtf_ids"
	while IFS='	' read -r id name; do
		f="$tmp/g/expression/$id/$name"
		check_star "$f" 60660 || fail "$f is not a well-formed STAR file"
		tail -n +7 "$f" | cut -f 1 | cmp -s - "$tmp/gtf_ids" ||
			fail "$f: gene IDs differ from the GTF's, in order"
		n=$(grep -c '_PAR_Y	' "$f")
		[ "$n" -eq 44 ] || fail "$f: $n _PAR_Y genes, expected 44"
		grep -q '^ENSG00000141510\.18	TP53	protein_coding	' "$f" ||
			fail "$f: no TP53 row"
	done <"$tmp/glist"
else
	echo "note: generate: $gtf not found, GENCODE check skipped"
fi

if [ "$failures" -gt 0 ]; then
	echo "generate: $failures failure(s)"
	exit 1
fi
echo "PASS: generate"
exit 0
