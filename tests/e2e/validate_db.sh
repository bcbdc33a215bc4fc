#!/bin/sh
# validate_db.sh: "oncoload validate -d" against a warehouse: genes from the
# gene dimension, patients and studies already loaded; and the lines validate
# reports as errors are the lines the loaders reject.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
. "$ONC_SRCDIR/tests/e2e/validate_lib.sh"
onc_need_cluster
onc_need_shared

fx=$ONC_SRCDIR/tests/fixtures
bad=$fx/validate/data_expression_bad.txt
V=$ONC_SHARED_DIR/corpus/cbioportal/validator
I=$ONC_SHARED_DIR/corpus/cbioportal/importer
tmp=$(onc_tmpdir)
out=$tmp/out.json
db="dbname=$PGDATABASE"

expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" genes "$fx/e2e/gene_info.txt"

# genes come from the warehouse; the study is not loaded yet
val_json "$out" -d "$db" "$bad"
expect_eq "expression: exit" "$VAL_RC" 1
expect_finding "$out" error expression.unknown_gene 4 7
expect_no_finding "$out" info validate.no_gene_reference
expect_finding "$out" info study.not_loaded
before=$(q "select count(*) from audit.load")
expect_eq "validate writes nothing" "$before" 1

# the lines validate calls errors are the lines the load rejects
expect_exit 0 "$ONCOLOAD" expression --max-rejects 20 "$bad"
rejected=$(q "select string_agg(distinct line::text, ' ' order by line::text) from audit.reject r join audit.load l using (load_id) where l.source_path like '%data_expression_bad.txt'")
errors=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted({str(l) for f in d["files"] for x in f["findings"] if x["level"]=="error" for l in x["lines"]})))' "$out")
expect_eq "expression: error lines = rejected lines" "$errors" "$rejected"
val_json "$out" -d "$db" "$bad"
expect_finding "$out" info study.loaded

# clinical: a sample defined twice (line 18), against a real load
val_json "$out" "$I/clinical_data_small.txt"
expect_exit 0 "$ONCOLOAD" clinical --study validate_clin --max-rejects 5 "$I/clinical_data_small.txt"
rejected=$(q "select string_agg(distinct line::text, ' ' order by line::text) from audit.reject r join audit.load l using (load_id) where l.source_path like '%clinical_data_small.txt'")
errors=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted({str(l) for f in d["files"] for x in f["findings"] if x["level"]=="error" for l in x["lines"]})))' "$out")
expect_eq "clinical: error lines = rejected lines" "$errors" "$rejected"

# patients: TEST-PAT1 loaded, TEST-PAT4 nowhere.  With -d the missing one is
# an error (the warehouse confirms it), on its line only.
expect_exit 0 "$ONCOLOAD" clinical --study validate_clin "$V/data_clin_missing_patient.txt"
val_json "$out" -d "$db" "$fx/validate/data_clin_samples_pat4.txt"
expect_eq "sample file: exit" "$VAL_RC" 1
expect_finding "$out" error clinical.unknown_patient 7
lines=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(str(l) for f in d["files"] for x in f["findings"] if x["code"]=="clinical.unknown_patient" for l in x["lines"]))' "$out")
expect_eq "only the unknown patient's line" "$lines" 7
