#!/bin/sh
# variants_corpus.sh: the GDC VCF of ../shared/corpus (VEP CSQ, no samples)
# and every VCF of Debian's python3-vcf examples (the package
# python-pyvcf-examples; left out when absent): records and genotype facts
# counted against bcftools and awk, malformed files ending in a clean error
# (exit 1, a failed load), never a crash.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_shared
onc_need_cluster
expect_exit 0 "$ONCOLOAD" init

# --- the GDC VCF: sites with the GDC's CSQ layout -----------------------------
ex3=$SHARED/corpus/tcga/vcf/ex3.vcf.gz
expect_exit 0 "$ONCOLOAD" variants --study TCGA-GDC "$ex3"
if command -v bcftools >/dev/null 2>&1; then
	n=$(bcftools view -H "$ex3" | wc -l)
else
	n=$(gzip -dc "$ex3" | grep -vc '^#')
fi
expect_eq "ex3: records = bcftools" "$(q "select records_read, records_loaded, facts_written from audit.load where study_id = 'TCGA-GDC'")" "$n|$n|0"
expect_eq "ex3: build from the contig lengths" "$(q "select metadata->>'genome_build', metadata->>'build_from', metadata->>'annotation' from audit.load where study_id = 'TCGA-GDC'")" \
	"GRCh38|contig lengths|vep-csq"
expect_eq "ex3: sites listed in v_variant" "$(q "select count(*) from warehouse.v_variant")" "$n"
expect_eq "ex3: the first site" \
	"$(q "select chromosome, start_position, reference_allele, alternate_allele, gene_symbol, consequence, hgvsc, hgvsp, variant_classification from warehouse.v_variant where start_position = 10")" \
	"1|10|T|G|PRAMEF27|missense_variant|c.127A>C|p.Met43Leu|Missense_Mutation"
expect_eq "ex3: every CSQ entry kept" "$(q "select count(*) from warehouse.variant_consequence")" \
	"$(gzip -dc "$ex3" | grep -v '^#' | sed 's/.*CSQ=//' | awk -F ',' '{ n += NF } END { print n }')"
expect_eq "ex3: a region through the index" "$(onc_tmp=$("$ONCOLOAD" variants --study TCGA-GDC-R --region chr1:15-35 --output json "$ex3"); printf '%s' "$onc_tmp" | sed 's/.*"records_read":\([0-9]*\).*/\1/')" 2

# --- python3-vcf's examples ---------------------------------------------------
py=/usr/share/doc/python3-vcf/test
if [ ! -r "$py/1kg.vcf.gz" ] || ! command -v bcftools >/dev/null 2>&1; then
	echo "note: $py or bcftools absent (Debian packages python-pyvcf-examples, bcftools): their VCFs are left out"
	exit 0
fi
# carriers FILE: per record and sample, the distinct alternate alleles its GT
# names, leaving out symbolic and "*" alleles and records whose REF is not
# bases (an independent count: bcftools query and awk)
carriers()
{
	bcftools query -f '%REF\t%ALT[\t%GT]\n' "$1" 2>/dev/null | awk -F '\t' '
		toupper($1) !~ /^[ACGTN]+$/ { next }
		{
			na = split($2, alt, ",")
			for (s = 3; s <= NF; s++) {
				n = split($s, a, /[\/|]/); delete seen
				for (i = 1; i <= n; i++) {
					k = a[i]
					if (k == "." || k == "0" || (k in seen) || k > na) continue
					seen[k] = 1
					if (alt[k] ~ /[<>*\[\]]/ || alt[k] ~ /^\./ || alt[k] ~ /\.$/ || toupper(alt[k]) == toupper($1)) continue
					c++
				}
			}
		} END { print c + 0 }'
}
tmp=$(onc_tmpdir)
i=0
for f in "$py"/*.vcf "$py"/*.vcf.gz; do
	i=$((i + 1))
	name=$(basename "$f")
	study="PYVCF-$i"
	"$ONCOLOAD" variants --study "$study" --build GRCh37 --max-rejects 100 -q "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	case $rc in
		0 | 1) ;;
		*) cat "$tmp/err" >&2; fail "$name: exit $rc" ;;
	esac
	if bcftools view -H "$f" >/dev/null 2>&1; then
		# bcftools reads all of it: so must oncoload, to the record
		expect_eq "$name: exit" "$rc" 0
		expect_eq "$name: records = bcftools" "$(q "select records_read from audit.load where study_id = '$study'")" \
			"$(bcftools view -H "$f" 2>/dev/null | wc -l)"
		expect_eq "$name: genotype facts = carriers (bcftools, awk)" \
			"$(q "select facts_written from audit.load where study_id = '$study'")" "$(carriers "$f")"
		expect_eq "$name: site rows carry the same count" \
			"$(q "select coalesce(sum(carriers), 0) from warehouse.variant_site s join audit.load l using (load_id) where l.study_id = '$study'")" \
			"$(carriers "$f")"
	else
		# bcftools stops at a fault: oncoload rejects the record, or refuses the header
		case $rc:$(cat "$tmp/err") in
			0:*"$name:"*": error: "*"[malformed_record]"* | 0:*"$name:"*": error: "*"[invalid_allele]"*) echo "ok: $name: bad records rejected" ;;
			1:*"$name:"[0-9]*": error: "*) echo "ok: $name: refused with the line" ;;
			*) fail "$name: exit $rc [$(cat "$tmp/err")]" ;;
		esac
	fi
done
expect_eq "no load left running" "$(q "select count(*) from audit.load where status = 'running'")" 0
expect_eq "every finished load sums up" "$(q "select bool_and(records_read = records_loaded + records_rejected + records_filtered) from audit.load where status in ('succeeded', 'failed')")" t
