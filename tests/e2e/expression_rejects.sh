#!/bin/sh
# expression_rejects.sh: bad lines and cells become rejects with line, column
# and reason; the reject budget fails the whole load, which then leaves no
# facts but keeps its rejects; unreadable, truncated and missing files get
# their exit codes; several files with one bad one exit 5.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures/e2e
expect_exit 0 "$ONCOLOAD" init

# the gene dimension from a small GTF: 5 genes, one transcript row filtered
expect_exit 0 "$ONCOLOAD" genes "$fx/genes.gtf"
expect_eq "genes" "$(q 'select count(*) from warehouse.gene')" 5
expect_eq "PAR_Y key kept" "$(q "select ensembl_version from warehouse.gene where ensembl_id = 'ENSG00000000003_PAR_Y'")" 7
expect_eq "gene load counts" "$(q "select records_loaded, records_filtered from audit.load where command = 'genes'")" "5|3"

# default budget 0: the first reject fails the load; nothing kept but rejects
expect_exit 1 "$ONCOLOAD" expression --study T "$fx/data_bad_matrix.txt"
case $ONC_STDERR in
	*"data_bad_matrix.txt:3:3: error: "*"invalid_number"*) echo "ok: reject message with line and column" ;;
	*) fail "message: [$ONC_STDERR]" ;;
esac
expect_eq "failed load" "$(q "select status from audit.load where command = 'expression'")" failed
expect_eq "no facts" "$(q 'select count(*) from warehouse.expression')" 0
expect_eq "no parts" "$(q 'select count(*) from audit.load_part')" 0
expect_eq "reject kept" "$(q "select line, col, reason from audit.reject")" "3|3|invalid_number"
expect_eq "failure reason recorded" "$(q "select message like 'more than 0 reject%' from audit.load where status = 'failed'")" t

# a budget of 10: the load succeeds and accounts for every line and cell
expect_exit 0 "$ONCOLOAD" expression --study T --max-rejects 10 "$fx/data_bad_matrix.txt"
id=$(q "select load_id from audit.load where status = 'succeeded' and command = 'expression'")
expect_eq "line counts read|loaded|rejected|filtered" \
	"$(q "select records_read, records_loaded, records_rejected, records_filtered from audit.load where load_id = $id")" "7|2|4|1"
expect_eq "value counts facts|rejected|missing" \
	"$(q "select facts_written, values_rejected, values_missing from audit.load where load_id = $id")" "4|1|4"
expect_eq "rejects" "$(q "select string_agg(line || ':' || coalesce(col::text, '-') || ':' || reason, ' ' order by line) from audit.reject where load_id = $id")" \
	"3:3:invalid_number 4:1:unknown_gene 5:1:duplicate_gene 6:-:column_count 7:1:ambiguous_gene"
expect_eq "raw line kept" "$(q "select raw from audit.reject where load_id = $id and line = 4")" "$(sed -n 4p "$fx/data_bad_matrix.txt")"
expect_eq "facts" "$(q "select string_agg(sample_id || '/' || gene_symbol || '=' || value, ' ' order by sample_id, gene_symbol) from warehouse.v_expression")" \
	"S-1/GENEA=1.5 S-2/GENEA=2.5 S-2/GENEB=3 S-3/GENEB=4"
expect_eq "measure from the file name" "$(q 'select distinct measure from warehouse.v_expression')" bad_matrix
expect_eq "load records sum up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where status in ('succeeded', 'failed') and command = 'expression'")" t

# a truncated gzip file: exit 1, a failed load, nothing kept
tmp=$(onc_tmpdir)
"$ONCOLOAD" generate --seed 3 --samples 1 --output "$tmp/g" >/dev/null || fail generate
star=$(find "$tmp/g/expression" -type f | head -1)
gzip -c "$star" | head -c 20000 >"$tmp/cut.tsv.gz"
expect_exit 1 "$ONCOLOAD" expression --study T --sample S-9 "$tmp/cut.tsv.gz"
case $ONC_STDERR in *"cut.tsv.gz"*"error: "*) echo "ok: truncated file reported" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "truncated: no facts" "$(q "select count(*) from warehouse.v_expression where sample_id = 'S-9'")" 0
expect_eq "truncated: failed" "$(q "select status from audit.load where source_path like '%cut.tsv.gz'")" failed

# a file that does not exist: exit 4
expect_exit 4 "$ONCOLOAD" expression --study T --sample S-9 "$tmp/no-such-file.tsv"

# a file of no known layout: exit 1
printf 'just some text\n' >"$tmp/notes.txt"
expect_exit 1 "$ONCOLOAD" expression --study T --sample S-9 "$tmp/notes.txt"

# several files, one bad: the good ones land, exit 5
expect_exit 5 "$ONCOLOAD" expression --study T --sample S-8 "$star" "$tmp/cut.tsv.gz"
expect_eq "good file landed" "$(q "select count(*) > 0 from warehouse.v_expression where sample_id = 'S-8'")" t

# no study: a usage error
expect_exit 2 "$ONCOLOAD" expression --sample S-7 "$star"
