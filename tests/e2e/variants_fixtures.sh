#!/bin/sh
# variants_fixtures.sh: VCFs of every kind the project's fixtures hold: a
# multi-sample germline VCF with VEP CSQ (multi-allelic, "*", symbolic,
# malformed records), a GDC-style somatic tumour/normal VCF with ##SAMPLE
# lines, a sites-only SnpEff VCF, and the same VCF as an indexed BCF; the
# same SNV, deletion and insertion from a MAF and a VCF meet in one
# v_variant row.
# shellcheck source=/dev/null
. "$ONC_SRCDIR/tests/e2e/lib.sh"
onc_need_cluster
fx=$ONC_SRCDIR/tests/fixtures
vcf=$fx/mutations/variants.vcf
expect_exit 0 "$ONCOLOAD" init
expect_exit 0 "$ONCOLOAD" genes "$fx/e2e/gene_info.txt"
expect_exit 0 "$ONCOLOAD" mutations --study FX --max-rejects 13 "$fx/mutations/rejects.maf"

# the germline VCF: two malformed records are rejects
expect_exit 1 "$ONCOLOAD" variants --study FX "$vcf"
case $ONC_STDERR in
	*"variants.vcf:24: error: the number of columns does not match the samples of the header [malformed_record]"*)
		echo "ok: malformed record reported at its line" ;;
	*) fail "[$ONC_STDERR]" ;;
esac
expect_exit 0 "$ONCOLOAD" variants --study FX --max-rejects 2 "$vcf"
id=$(q "select load_id from audit.load where command = 'variants' and status = 'succeeded'")
expect_eq "read|loaded|rejected|filtered" \
	"$(q "select records_read, records_loaded, records_rejected, records_filtered from audit.load where load_id = $id")" "9|5|2|2"
expect_eq "records read = data lines (awk)" "$(q "select records_read from audit.load where load_id = $id")" "$(grep -vc '^#' "$vcf")"
expect_eq "rejects" "$(q "select string_agg(line || ':' || reason, ' ' order by line) from audit.reject where load_id = $id")" \
	"24:malformed_record 25:invalid_allele"
expect_eq "genotype facts: carriers only" "$(q "select facts_written from audit.load where load_id = $id")" 10
expect_eq "counted, not loaded" "$(q "select metadata->>'alleles_star', metadata->>'alleles_symbolic', metadata->>'records_without_alt' from audit.load where load_id = $id")" "1|1|1"
expect_eq "format|workflow|build" "$(q "select input_format, workflow, metadata->>'genome_build', metadata->>'build_from' from audit.load where load_id = $id")" \
	"vcf|oncoloadTestCaller|GRCh37|contig lengths"

# the MAF's SNV, deletion and insertion are the VCF's: one row each
for pos in 7577120 21971120 55242464; do
	expect_eq "one variant at $pos" "$(q "select count(*) from warehouse.v_variant where start_position = $pos")" 1
	expect_eq "MAF and VCF facts on it at $pos" \
		"$(q "select count(distinct l.command) from warehouse.variant v
			join (select variant_key, load_id from warehouse.mutation union all select variant_key, load_id from warehouse.variant_genotype) f using (variant_key)
			join audit.load l using (load_id) where v.start_position = $pos")" 2
done
expect_eq "v_variant contract columns" \
	"$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_variant' and ordinal_position <= 11")" \
	"genome_build,chromosome,start_position,end_position,reference_allele,alternate_allele,variant_type,gene_symbol,consequence,hgvsc,hgvsp"
expect_eq "the deletion" "$(q "select genome_build, chromosome, start_position, end_position, reference_allele, alternate_allele, variant_type, gene_symbol from warehouse.v_variant where start_position = 21971120")" \
	"GRCh37|9|21971120|21971121|GA|-|DEL|CDKN2A"
expect_eq "the insertion" "$(q "select start_position, end_position, reference_allele, alternate_allele, variant_type from warehouse.v_variant where start_position = 55242464")" \
	"55242464|55242465|-|GGT|INS"
expect_eq "the first annotating load is preferred" "$(q "select annotation_source from warehouse.v_variant where start_position = 7577120")" maf
expect_eq "each load keeps its own annotation" \
	"$(q "select string_agg(src || ':' || coalesce(hgvsp, '-'), ' ' order by load_id) from (
		select annotation_source src, hgvsp, annotation_load_id load_id from warehouse.variant where start_position = 7577120
		union all select a.source, a.hgvsp, a.load_id from warehouse.variant_annotation a join warehouse.variant v using (variant_key) where v.start_position = 7577120) x")" \
	"maf:- vep-csq:p.Arg273His"
expect_eq "all transcripts kept, the canonical one preferred" \
	"$(q "select string_agg(c.transcript_id || ':' || c.is_preferred, ' ' order by ordinal) from warehouse.variant_consequence c join warehouse.variant v using (variant_key) where v.start_position = 7577120")" \
	"ENST00000269305:true ENST00000420246:false"

# multi-allelic: one variant per allele, annotations matched by ALLELE_NUM
expect_eq "multi-allelic split" "$(q "select string_agg(alternate_allele || ':' || variant_classification || ':' || hgvsp, ' ' order by alternate_allele) from warehouse.v_variant where start_position = 7578000")" \
	"C:Missense_Mutation:p.Tyr234Asp G:Nonsense_Mutation:p.Tyr234Ter"
expect_eq "v_variant_genotype contract columns" \
	"$(q "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'warehouse' and table_name = 'v_variant_genotype' and ordinal_position <= 15")" \
	"study_id,patient_id,sample_id,aliquot_id,genome_build,chromosome,start_position,end_position,reference_allele,alternate_allele,genotype,depth,alt_depth,vaf,filter"
expect_eq "genotypes at the multi-allelic site" \
	"$(q "select string_agg(sample_id || ':' || alternate_allele || ':' || genotype || ':' || alt_depth || ':' || round(vaf::numeric, 3) || ':' || filter, ' ' order by sample_id, alternate_allele) from warehouse.v_variant_genotype where start_position = 7578000")" \
	"S1:C:0/1:5:0.333:LowQual S2:C:1/2:6:0.500:LowQual S2:G:1/2:6:0.500:LowQual S5:G:2/3:8:0.667:LowQual"
expect_eq "absence is never ambiguous: site counts" \
	"$(q "select string_agg(allele_index || ':' || samples || '=' || carriers || '+' || hom_ref || '+' || no_call || '+' || other_allele, ' ' order by allele_index) from warehouse.variant_site where load_id = $id and source_line = 21")" \
	"1:5=2+1+1+1 2:5=2+1+1+1"
expect_eq "site counts add up" "$(q "select bool_and(samples = carriers + hom_ref + no_call + other_allele) from warehouse.variant_site")" t
expect_eq "a partly called carrier" "$(q "select genotype, depth is null, alt_depth from warehouse.v_variant_genotype where sample_id = 'S1' and start_position = 7579400")" "./1|t|5"
expect_eq "other FORMAT fields kept" "$(q "select extra->>'PL' from warehouse.variant_genotype where load_id = $id and source_line = 18 and genotype = '1/1'")" "300,30,0"
expect_eq "INFO kept on the site" "$(q "select info->>'DP', info->>'DB', vcf_id, allele_frequency from warehouse.variant_site where load_id = $id and source_line = 18")" "400|true|rs28934576|0.2"

# the GDC somatic VCF: ##SAMPLE names the aliquots; only the tumour carries
som=$fx/mutations/somatic.vcf
expect_exit 0 "$ONCOLOAD" variants --study FX "$som"
expect_eq "somatic: records = bcftools" "$(q "select records_read from audit.load where source_path like '%somatic.vcf' and status = 'succeeded'")" \
	"$(bcftools view -H "$som" 2>/dev/null | wc -l || grep -vc '^#' "$som")"
expect_eq "somatic: the tumour's calls" \
	"$(q "select string_agg(aliquot_id || ':' || start_position || ':' || reference_allele || '>' || alternate_allele || ':' || depth || ':' || vaf, ' ' order by start_position) from warehouse.v_variant_genotype where patient_id = 'TCGA-AA-0003'")" \
	"TCGA-AA-0003-01A-11D-A003-08:7673802:C>T:50:0.4 TCGA-AA-0003-01A-11D-A003-08:7674221:A>-:40:0.375"
expect_eq "somatic: the normal is a part, counted hom-ref" \
	"$(q "select count(*) from audit.load_part lp join warehouse.aliquot a using (aliquot_key) where a.aliquot_id = 'TCGA-AA-0003-10A-01D-A003-08' and lp.data_type = 'variant'")|$(q "select sum(hom_ref) from warehouse.variant_site s join audit.load l using (load_id) where l.source_path like '%somatic.vcf'")" "1|2"
# and the GDC project MAF of the same aliquot meets it (GRCh38)
expect_exit 0 "$ONCOLOAD" mutations --study FX "$fx/mutations/TCGA.HNSC.mutect.0e239d8f.DR-10.0.somatic.maf"
expect_eq "GRCh38: MAF meets VCF" "$(q "select count(*), min(gene_symbol), min(variant_classification) from warehouse.v_variant where genome_build = 'GRCh38' and start_position in (7673802, 7674221)")" \
	"2|TP53|Frame_Shift_Del"
expect_eq "GRCh38: an annotation now where the VCF had none" "$(q "select annotation_source from warehouse.v_variant where start_position = 7673802")" maf

# --sample-map overrides ##SAMPLE; another workflow does not supersede
expect_exit 0 "$ONCOLOAD" variants --study FX2 --force --workflow mapped --sample-map TUMOR=T-1,NORMAL=N-1 "$som"
expect_eq "mapped samples" "$(q "select string_agg(distinct sample_id, ',') from warehouse.v_variant_genotype where study_id = 'FX2'")" T-1

# a sites-only SnpEff VCF: annotations and sites, no facts
ann=$fx/mutations/snpeff.vcf
expect_exit 0 "$ONCOLOAD" variants --study FX "$ann"
expect_eq "snpeff: sites|facts" "$(q "select metadata->>'sites', facts_written, metadata->>'annotation' from audit.load where source_path like '%snpeff.vcf'")" "3|0|snpeff-ann"
expect_eq "snpeff: a sites-only variant is listed" \
	"$(q "select string_agg(alternate_allele || ':' || variant_classification || ':' || hgvsp, ' ' order by alternate_allele) from warehouse.v_variant where start_position = 21971300")" \
	"A:Silent:p.Leu34Leu T:Missense_Mutation:p.Leu34Met"
expect_eq "snpeff: the deletion meets the MAF's and the VEP VCF's" "$(q "select count(*) from warehouse.variant where start_position = 21971120")" 1

# BCF, indexed: all of it, and a region
if command -v bcftools >/dev/null 2>&1; then
	tmp=$(onc_tmpdir)
	bcftools view -O b -o "$tmp/somatic.bcf" "$som" 2>/dev/null || fail "bcftools view"
	bcftools index "$tmp/somatic.bcf" || fail "bcftools index"
	expect_exit 0 "$ONCOLOAD" variants --study BCF "$tmp/somatic.bcf"
	expect_eq "BCF: format, records, facts" "$(q "select input_format, records_read, facts_written from audit.load where study_id = 'BCF'")" "bcf|2|2"
	expect_exit 0 "$ONCOLOAD" variants --study BCF2 --region 17:7,674,000-7,675,000 "$tmp/somatic.bcf"
	expect_eq "BCF region: one record" "$(q "select records_read, workflow from audit.load where study_id = 'BCF2'")" "1|vcf 17:7,674,000-7,675,000"
	expect_exit 1 "$ONCOLOAD" variants --study BCF --input-format vcf "$tmp/somatic.bcf"
else
	echo "note: no bcftools: the BCF checks are left out"
fi

# usage and input errors
expect_exit 1 "$ONCOLOAD" variants --study FX --region 17:1-100 "$vcf"
case $ONC_STDERR in *"--region needs an index"*) echo "ok: region without index" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 2 "$ONCOLOAD" variants "$vcf"
tmp2=$(onc_tmpdir)
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t10\t.\tA\tC\t.\t.\t.\n' >"$tmp2/nobuild.vcf"
expect_exit 2 "$ONCOLOAD" variants --study FX "$tmp2/nobuild.vcf"
case $ONC_STDERR in *"no genome build"*"--build"*) echo "ok: no build" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_exit 0 "$ONCOLOAD" variants --study FX --build GRCh38 "$tmp2/nobuild.vcf"
expect_exit 1 "$ONCOLOAD" variants --study FX --build GRCh38 "$fx/mutations/rejects.maf"
case $ONC_STDERR in *"rejects.maf:1: error: not a VCF"*) echo "ok: a MAF is not a VCF" ;; *) fail "[$ONC_STDERR]" ;; esac
expect_eq "no load left running" "$(q "select count(*) from audit.load where status = 'running'")" 0
