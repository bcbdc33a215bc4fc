#!/bin/sh
# validate_output.sh: what "oncoload validate" prints: the message format and
# the collapse of identical messages, the per-file summary, exit codes 0, 6,
# 1 and 4, --output json (parses, agrees with the text), --report (an HTML
# page headless Chromium renders with the errors and offending lines), the
# expression checks, --genes, a GDC download with its sample sheet, and the
# command line.  No database.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/validate_lib.sh"

fx=$ONC_SRCDIR/tests/fixtures/validate
genes=$ONC_SRCDIR/tests/fixtures/e2e/gene_info.txt
bad=$fx/data_expression_bad.txt
tmp=$(onc_tmpdir)
out=$tmp/out.json

# --- command line ---
out_help=$("$ONCOLOAD" validate --help) || fail "validate --help exited $?"
case $out_help in *"Usage:"*"--report"*"Exit status:"*) echo "ok: validate --help" ;; *) fail "validate --help" ;; esac
expect_exit 2 "$ONCOLOAD" validate
expect_exit 2 "$ONCOLOAD" validate --output=xml "$bad"
expect_exit 2 "$ONCOLOAD" validate --kind=nonsense "$bad"
expect_exit 2 "$ONCOLOAD" validate --no-such-option "$bad"

# --- the expression checks, as text ---
expect_exit 1 "$ONCOLOAD" validate "$bad"
err=$ONC_STDERR
# one message for both "n/d" values of column 3, with its lines
case $err in
	*"oncoload: $bad:3:3: error: a value in column 3 (S-1) is not a number (first: \"n/d\") (lines 3, 4) [expression.invalid_number]"*)
		echo "ok: identical messages collapsed with their lines" ;;
	*) printf '%s\n' "$err" >&2; fail "collapsed invalid_number message" ;;
esac
n=$(printf '%s\n' "$err" | grep -c 'expression.invalid_number')
expect_eq "one invalid_number message" "$n" 1
case $err in *"$bad:5:1: error: a gene appears again"*"[expression.duplicate_gene]"*) echo "ok: duplicate gene" ;; *) fail "duplicate gene" ;; esac
case $err in *"$bad:6: error: expected 5 fields, found 4 [expression.column_count]"*) echo "ok: column count" ;; *) fail "column count" ;; esac
case $err in *"$bad:7:3: warning: empty value"*"[expression.empty_value]"*) echo "ok: empty value in a cBioPortal matrix" ;; *) fail "empty value" ;; esac
case $err in *"info: no gene reference"*) echo "ok: gene checks skipped, said once" ;; *) fail "no gene reference info" ;; esac
summary=$("$ONCOLOAD" validate -q "$bad" 2>/dev/null)
case $summary in
	*"$bad: expression: 7 lines read, 1 with warnings, 4 with errors"*) echo "ok: per-file summary" ;;
	*) fail "summary: [$summary]" ;;
esac
expect_exit 1 "$ONCOLOAD" validate -q "$bad"
case $ONC_STDERR in *"info:"*) fail "--quiet printed information" ;; *) echo "ok: --quiet" ;; esac

# --genes: the gene reference the loader would resolve names against
expect_exit 1 "$ONCOLOAD" validate --genes "$genes" "$bad"
case $ONC_STDERR in
	*"$bad:4:1: error: a gene is not in the gene reference (first: NOSUCHGENE) (lines 4, 7) [expression.unknown_gene]"*)
		echo "ok: unknown genes with --genes" ;;
	*) printf '%s\n' "$ONC_STDERR" >&2; fail "unknown genes" ;;
esac
case $ONC_STDERR in *"no gene reference"*) fail "--genes given, still no reference" ;; esac
expect_exit 3 "$ONCOLOAD" validate -d "host=/nonexistent dbname=x connect_timeout=2" "$bad"
expect_exit 1 "$ONCOLOAD" validate --genes "$bad" "$bad"

# the sample columns: a column twice, a column without a name (the reader refuses both)
printf 'Hugo_Symbol\tEntrez_Gene_Id\tS-1\tS-2\tS-1\nTP53\t7157\t1\t2\t3\n' >"$tmp/data_twice.txt"
printf 'Hugo_Symbol\tEntrez_Gene_Id\tS-1\t \tS-3\nTP53\t7157\t1\t2\t3\n' >"$tmp/data_blank.txt"
val_json "$out" "$tmp/data_twice.txt" "$tmp/data_blank.txt"
expect_eq "sample columns: exit" "$VAL_RC" 1
expect_finding "$out" error expression.sample_twice 1
expect_finding "$out" error expression.blank_sample 1

# collapse caps the lines it lists: 15 identical problems, 10 listed
{
	printf 'Hugo_Symbol\tS-1\n'
	i=1
	while [ $i -le 15 ]; do printf 'G%d\tx\n' $i; i=$((i + 1)); done
} >"$tmp/data_many.txt"
expect_exit 1 "$ONCOLOAD" validate --kind expression "$tmp/data_many.txt"
case $ONC_STDERR in
	*"(lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more) [expression.invalid_number]"*) echo "ok: line list capped" ;;
	*) printf '%s\n' "$ONC_STDERR" >&2; fail "capped line list" ;;
esac

# more than 2,000 different messages in one file: the rest are counted in one more
awk 'BEGIN { print "PATIENT_ID\tSCORE"; for (i = 1; i <= 2100; i++) { print "P" i "\t1"; print "P" i "\t2" } }' \
	>"$tmp/data_clinical_twice.txt"
val_json "$out" "$tmp/data_clinical_twice.txt"
expect_eq "many findings: exit" "$VAL_RC" 1
python3 - "$out" <<'PY' || fail "too many findings"
import json, sys
f = json.load(open(sys.argv[1]))["files"][0]
twice = [x for x in f["findings"] if x["code"] == "clinical.patient_twice"]
rest = [x for x in f["findings"] if x["code"] == "validate.too_many_findings"]
assert len(f["findings"]) == 2001, len(f["findings"])     # 2,000 kept (one is the no-header warning) + 1
assert len(rest) == 1 and len(rest[0]["lines"]) == 2100 - len(twice), (len(twice), rest[0]["lines"][:3])
assert f["summary"]["lines_with_errors"] == 2100, f["summary"]
print("ok: 2,000 different messages kept, the rest counted in one")
PY

# --- exit codes ---
printf 'PATIENT_ID\tAGE\nP-1\t61\n' >"$tmp/data_clinical_patient.txt"
expect_exit 6 "$ONCOLOAD" validate "$tmp/data_clinical_patient.txt"
printf '#Patient Identifier\tScore\n#Patient\tScore\n#STRING\tNUMBER\n#1\t1\nPATIENT_ID\tSOME_SCORE\nP-1\t61\nP-2\tsixty\n' >"$tmp/data_clinical_typed.txt"
expect_exit 1 "$ONCOLOAD" validate "$tmp/data_clinical_typed.txt"
case $ONC_STDERR in *":7:2: error: SOME_SCORE: a value is not a NUMBER value, as the header declares (first: \"sixty\") [clinical.type_mismatch]"*) echo "ok: declared type" ;; *) fail "type mismatch: $ONC_STDERR" ;; esac
sed '$d' "$tmp/data_clinical_typed.txt" >"$tmp/data_clinical_ok.txt"
expect_exit 0 "$ONCOLOAD" validate "$tmp/data_clinical_ok.txt"
expect_exit 4 "$ONCOLOAD" validate "$tmp/no_such_file.txt"
val_json "$out" "$tmp/no_such_file.txt" "$tmp/data_clinical_ok.txt"
expect_eq "a missing file among others: exit" "$VAL_RC" 4
expect_finding "$out" error file.unreadable
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"]))' "$out")
expect_eq "a missing file among others: the others checked" "$n" 2
printf '\037\213\010\000garbage that is not deflate data at all' >"$tmp/data_broken.txt.gz"
expect_exit 4 "$ONCOLOAD" validate "$tmp/data_broken.txt.gz"
case $ONC_STDERR in *"data_broken.txt.gz: error: could not read"*"[file.unreadable]"*) echo "ok: unreadable file" ;; *) fail "unreadable: $ONC_STDERR" ;; esac

# a truncated BCR XML and an XML of no BCR kind: errors, as the clinical load would fail
xml=$(find "$ONC_SHARED_DIR/corpus/tcga/clinical_xml" -name '*.xml' 2>/dev/null | head -1)
if [ -n "$xml" ]; then
	head -n 40 "$xml" >"$tmp/truncated.xml"
	val_json "$out" "$tmp/truncated.xml"
	expect_eq "truncated XML: exit" "$VAL_RC" 1
	expect_finding "$out" error clinical.bad_xml
	expect_exit 0 "$ONCOLOAD" validate "$xml"
else
	echo "skip: no ../shared for the BCR XML cases"
fi
printf '<?xml version="1.0"?>\n<catalog><book id="1"/></catalog>\n' >"$tmp/other.xml"
val_json "$out" "$tmp/other.xml"
expect_eq "XML of no BCR kind: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.bad_xml

# the other clinical layouts, through the loaders' readers: TCGA BCR XML,
# Biotab and GDC TSV files validate clean; a hospital export through its
# mapping gets the error its load rejects (sex 7 is not in the value map)
T=$ONC_SHARED_DIR/corpus/tcga
if [ -d "$T/clinical_xml" ]; then
	val_json "$out" "$T/clinical_xml" "$T/biospecimen_xml" "$T/biotab" "$T/gdc_clinical_tsv"
	expect_eq "TCGA clinical files: exit" "$VAL_RC" 0
	kinds=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted({f["kind"] for f in d["files"]})))' "$out")
	expect_eq "TCGA clinical files: kinds" "$kinds" "biospecimen clinical"
fi
hosp=$ONC_SRCDIR/tests/fixtures/clinical
expect_exit 0 "$ONCOLOAD" validate --mapping "$hosp/hospital_mapping.ini" "$hosp/hospital_export.csv"
sed 's/^KHI-0002,MR-55188,02\/11\/1974,17\/06\/2019,2,/KHI-0002,MR-55188,02\/11\/1974,17\/06\/2019,7,/' \
	"$hosp/hospital_export.csv" >"$tmp/hospital_bad.csv"
val_json "$out" --mapping "$hosp/hospital_mapping.ini" "$tmp/hospital_bad.csv"
expect_eq "hospital export: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.invalid_value 3

# --- JSON: parses and agrees with the text ---
val_json "$out" --genes "$genes" "$bad" "$tmp/data_clinical_patient.txt"
expect_eq "json: exit" "$VAL_RC" 1
"$ONCOLOAD" validate --genes "$genes" "$bad" "$tmp/data_clinical_patient.txt" >"$tmp/text.out" 2>"$tmp/text.err" && fail "text run exited 0"
python3 - "$out" "$tmp/text.err" "$tmp/text.out" <<'PY' || fail "JSON and text disagree"
import json, sys
doc = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read().splitlines()
summ = open(sys.argv[3]).read()
n = 0
for f in doc["files"]:
    for x in f["findings"]:
        n += 1
        place = f["path"]
        if x["lines"]:
            place += ":%d" % x["lines"][0]
            if x["column"]:
                place += ":%d" % x["column"]
        head = "oncoload: %s: %s: %s" % (place, x["level"], x["text"])
        hits = [l for l in err if l.startswith(head) and l.endswith("[%s]" % x["code"])]
        assert len(hits) == 1, (head, hits)
        if len(x["lines"]) > 1:
            assert "(lines %d, %d" % tuple(x["lines"][:2]) in hits[0], hits[0]
    s = f["summary"]
    line = "%s: %s: %d lines read, %d with warnings, %d with errors" % (
        f["path"], f["kind"], s["lines_read"], s["lines_with_warnings"], s["lines_with_errors"])
    assert line in summ, line
assert n == len([l for l in err if l.startswith("oncoload: ")]), "message counts"
assert doc["summary"]["exit"] == 1
assert doc["summary"]["errors"] == sum(f["summary"]["errors"] for f in doc["files"])
print("ok: JSON agrees with the text (%d findings)" % n)
PY

# --- a GDC download with its sample sheet ---
star=$ONC_SHARED_DIR/corpus/tcga/expression/star_counts/test_set_1.final.tsv.gz
if [ -f "$star" ]; then
	g=$tmp/gdc
	mkdir -p "$g/3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21" "$g/ffffffff-0000-0000-0000-000000000000"
	cp "$ONC_SRCDIR/tests/fixtures/expression/gdc_sample_sheet.tsv" "$g/gdc_sample_sheet.2024-01-01.tsv"
	cp "$star" "$g/3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21/3b5a1f9e-0c1d-4e2f-9a8b-7c6d5e4f3a21.rna_seq.augmented_star_gene_counts.tsv"
	cp "$star" "$g/ffffffff-0000-0000-0000-000000000000/stray.rna_seq.augmented_star_gene_counts.tsv"
	val_json "$out" "$g"
	expect_eq "GDC download: exit" "$VAL_RC" 0
	expect_finding "$out" info file.not_in_sample_sheet
	expect_finding "$out" info file.not_loaded
	n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for f in d["files"] if f["kind"]=="expression" and f["summary"]["lines_read"] > 0 and not any(x["code"]=="file.not_in_sample_sheet" for x in f["findings"])))' "$out")
	expect_eq "GDC download: the listed file checked" "$n" 1
fi

# --- HTML report, rendered by headless Chromium ---
printf '#Patient Identifier\tSample Identifier\n#P\tS\n#STRING\tSTRING\n#1\t1\nPATIENT_ID\tSAMPLE_ID\nP-1\t<b>x</b>&amp\n' >"$tmp/data_clinical_html.txt"
report=$tmp/report.html
expect_exit 1 "$ONCOLOAD" validate --genes "$genes" --report "$report" "$bad" "$tmp/data_clinical_html.txt" "$tmp/data_clinical_ok.txt"
[ -s "$report" ] || fail "no report written"
if grep -Eq '<script|<link|src=|href=' "$report"; then fail "report is not self-contained"; fi
echo "ok: report has no scripts or external resources"
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	echo "skip: chromium is not installed (scripts/install-deps installs it)"
	exit 77
fi
dom=$tmp/dom.html
HOME=$tmp timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --dump-dom "file://$report" >"$dom" 2>"$tmp/chromium.err" ||
	{ cat "$tmp/chromium.err" >&2; fail "chromium failed"; }
python3 - "$dom" <<'PY' || fail "the rendered report lacks what it should show"
import html, re, sys
dom = open(sys.argv[1]).read()
text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
text = re.sub(r"\s+", " ", text)
need = [
    "Errors (",                                   # per level
    "a value in column 3 (S-1) is not a number",  # the error
    "expression.invalid_number",                  # its code
    "EGFR",                                       # the offending line ...
    "n/d",
    "NOSUCHGENE",
    "No errors or warnings.",                     # the clean file
    '<b>x</b>&amp',                               # shown as text, not markup
]
for n in need:
    assert n in text, n
assert "<b>x</b>" not in dom, "unescaped markup in the DOM"
assert re.search(r"3:\s*EGFR", text), "line 3 shown with its number"
print("ok: Chromium renders the errors, the offending lines and escaped values")
PY
