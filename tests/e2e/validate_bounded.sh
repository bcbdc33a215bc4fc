#!/bin/sh
# validate_bounded.sh: "oncoload validate" keeps its memory bounded on big
# files and still counts exactly: a finding keeps the first 1,000 of its
# lines and counts the rest ("more"), the lines with errors or warnings are
# counted one by one, and duplicate sample x variant lines are found by a
# Bloom filter and a second read, whatever their number.  No database.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
tmp=$(onc_tmpdir)
maf=$tmp/big.maf

# 1,500 copies of one line (1,499 duplicates of line 2), then 2,500 lines
# whose start is not a number (one collapsed error), then 3,000 distinct
# good lines.
awk 'BEGIN {
	OFS = "\t"
	print "Hugo_Symbol", "NCBI_Build", "Chromosome", "Start_Position", "End_Position",
		"Variant_Classification", "Variant_Type", "Reference_Allele", "Tumor_Seq_Allele1",
		"Tumor_Seq_Allele2", "Tumor_Sample_Barcode"
	for (i = 0; i < 1500; i++)
		print "TP53", "GRCh38", "17", 7675088, 7675088, "Missense_Mutation", "SNP", "C", "C", "T", "S-1"
	for (i = 0; i < 2500; i++)
		print "TP53", "GRCh38", "17", "x", 7675088, "Missense_Mutation", "SNP", "C", "C", "T", "S-2"
	for (i = 0; i < 3000; i++)
		print "GENE", "GRCh38", "1", 1000000 + 10 * i, 1000000 + 10 * i, "Missense_Mutation", "SNP",
			"A", "A", "G", "S-3"
}' >"$maf"

"$ONCOLOAD" validate --output json "$maf" >"$tmp/out.json" 2>"$tmp/err"
rc=$?
expect_eq "exit code: errors" "$rc" 1

python3 - "$tmp/out.json" >"$tmp/facts" <<'EOF' || fail "the JSON document does not parse"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["files"][0]
dup = [x for x in f["findings"] if x["code"] == "maf.duplicate_mutation"]
bad = [x for x in f["findings"] if x["level"] == "error"]
print("dup_findings", len(dup))
print("dup_kept", len(dup[0]["lines"]))
print("dup_more", dup[0]["more"])
print("dup_first", dup[0]["lines"][0])
print("error_findings", len(bad))
print("error_kept", len(bad[0]["lines"]))
print("error_more", bad[0]["more"])
print("warning_lines", f["summary"]["lines_with_warnings"])
print("error_lines", f["summary"]["lines_with_errors"])
EOF
fact() { sed -n "s/^$1 //p" "$tmp/facts"; }
expect_eq "one collapsed duplicate finding" "$(fact dup_findings)" 1
expect_eq "its first 1,000 lines kept" "$(fact dup_kept)" 1000
expect_eq "the other 499 counted" "$(fact dup_more)" 499
expect_eq "the first repeat is line 3" "$(fact dup_first)" 3
expect_eq "one collapsed error finding" "$(fact error_findings)" 1
expect_eq "its first 1,000 lines kept" "$(fact error_kept)" 1000
expect_eq "the other 1,500 counted" "$(fact error_more)" 1500
expect_eq "lines with warnings, each counted" "$(fact warning_lines)" 1499
expect_eq "lines with errors, each counted" "$(fact error_lines)" 2500

# the text form says how many more
"$ONCOLOAD" validate "$maf" >/dev/null 2>"$tmp/text"
grep -q "and 2490 more" "$tmp/text" || fail "the error message does not count the lines beyond those kept: $(cat "$tmp/text")"
grep -q "and 1489 more" "$tmp/text" || fail "the duplicate message does not count the lines beyond those kept"
echo "ok: findings bounded, counts exact"
