/*
 * gen_maf.c: mutations for the demo cohort ("oncoload generate") in the
 * GDC's per-aliquot masked MAF layout: GRCh38 calls in the genes oral
 * cancers mutate (TP53, CDKN2A, PIK3CA, NOTCH1, FAT1, CASP8, HRAS ...) with
 * their hotspots, and passengers in long genes.  Random numbers come from
 * stream 20 (genrng.h), so the generator's other files keep their bytes.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "cli.h"
#include "gen_maf.h"
#include "genrng.h"
#include "onc.h"
#include "samplesheet.h"
#include "textutil.h"

#define MAF_STREAM 20
#define MAF_FLUSH_AT (1024 * 1024)

/* GRCh38 (GENCODE v36) genes; weight: how often the cohort mutates them. */
typedef struct gene
{
	const char *symbol;
	const char *ensembl;
	int			entrez;
	const char *chrom;
	int64_t		start,
				end;
	double		weight;
} gene;

static const gene genes[] = {
	{"TP53", "ENSG00000141510", 7157, "chr17", 7661779, 7687538, 30},
	{"FAT1", "ENSG00000083857", 2195, "chr4", 186587794, 186726722, 12},
	{"CDKN2A", "ENSG00000147889", 1029, "chr9", 21967752, 21995301, 10},
	{"NOTCH1", "ENSG00000148400", 4851, "chr9", 136494433, 136546048, 9},
	{"PIK3CA", "ENSG00000121879", 5290, "chr3", 179148114, 179240093, 9},
	{"KMT2D", "ENSG00000167548", 8085, "chr12", 49018978, 49060794, 7},
	{"CASP8", "ENSG00000064012", 841, "chr2", 201233443, 201287711, 6},
	{"NSD1", "ENSG00000165671", 64324, "chr5", 177133025, 177300213, 5},
	{"HRAS", "ENSG00000174775", 3265, "chr11", 532242, 537287, 4},
	{"AJUBA", "ENSG00000129474", 84962, "chr14", 22971177, 22982551, 3},
	{"ZNF750", "ENSG00000141579", 79755, "chr17", 82829434, 82840022, 3},
	{"TGFBR2", "ENSG00000163513", 7048, "chr3", 30606601, 30694142, 3},
	{"EP300", "ENSG00000100393", 2033, "chr22", 41092592, 41180077, 3},
	{"FBXW7", "ENSG00000109670", 55294, "chr4", 152320544, 152536092, 3},
	{"NFE2L2", "ENSG00000116044", 4780, "chr2", 177227595, 177392697, 2},
	{"PTEN", "ENSG00000171862", 5728, "chr10", 87863625, 87971930, 2},
	{"HLA-A", "ENSG00000206503", 3105, "chr6", 29941260, 29945884, 2},
	{"CUL3", "ENSG00000036257", 8452, "chr2", 224470150, 224585397, 2},
	{"TP63", "ENSG00000073282", 8626, "chr3", 189631389, 189897276, 2},
	{"ARID1A", "ENSG00000117713", 8289, "chr1", 26693236, 26782104, 2},
	{"RB1", "ENSG00000139687", 5925, "chr13", 48303744, 48599436, 2},
	{"KMT2C", "ENSG00000055609", 58508, "chr7", 152134922, 152436003, 3},
	{"FAT4", "ENSG00000196159", 79633, "chr4", 125314918, 125492932, 3},
	{"PIK3R1", "ENSG00000145675", 5295, "chr5", 68215756, 68301821, 1},
	{"KRAS", "ENSG00000133703", 3845, "chr12", 25205246, 25250936, 1},
	{"EGFR", "ENSG00000146648", 1956, "chr7", 55019017, 55211628, 1},
	/* passengers: long genes that collect mutations in every tumour type */
	{"TTN", "ENSG00000155657", 7273, "chr2", 178525989, 178830802, 12},
	{"MUC16", "ENSG00000181143", 94025, "chr19", 8848844, 8981342, 6},
	{"SYNE1", "ENSG00000131018", 23345, "chr6", 152121684, 152637801, 5},
	{"CSMD3", "ENSG00000164796", 114788, "chr8", 112222928, 113436939, 5},
	{"LRP1B", "ENSG00000168702", 53353, "chr2", 140231423, 142131016, 5},
	{"USH2A", "ENSG00000042781", 7399, "chr1", 215622891, 216423448, 4},
	{"RYR2", "ENSG00000198626", 6262, "chr1", 237042184, 237833988, 4},
	{"DNAH5", "ENSG00000039139", 1767, "chr5", 13690331, 13944543, 4},
	{"PCLO", "ENSG00000186472", 27445, "chr7", 82754012, 83162930, 3},
};
#define NGENES ((int) (sizeof(genes) / sizeof(genes[0])))

/* Recurrent changes (GRCh38), drawn for about one mutation in seven. */
typedef struct hotspot
{
	int			gene;			/* index into genes[] */
	int64_t		pos;
	const char *ref;
	const char *alt;
	const char *classification;
	const char *hgvsp_short;
	const char *hgvsp;
	const char *hgvsc;
	double		weight;
} hotspot;

static const hotspot hotspots[] = {
	{0, 7673802, "C", "T", "Missense_Mutation", "p.R273H", "p.Arg273His", "c.818G>A", 4},
	{0, 7675088, "C", "T", "Missense_Mutation", "p.R175H", "p.Arg175His", "c.524G>A", 4},
	{0, 7674220, "C", "T", "Missense_Mutation", "p.R248Q", "p.Arg248Gln", "c.743G>A", 3},
	{0, 7674894, "G", "A", "Nonsense_Mutation", "p.R213*", "p.Arg213Ter", "c.637C>T", 2},
	{4, 179218303, "G", "A", "Missense_Mutation", "p.E545K", "p.Glu545Lys", "c.1633G>A", 3},
	{4, 179234297, "A", "G", "Missense_Mutation", "p.H1047R", "p.His1047Arg", "c.3140A>G", 3},
	{4, 179218294, "G", "A", "Missense_Mutation", "p.E542K", "p.Glu542Lys", "c.1624G>A", 2},
	{8, 534289, "C", "T", "Missense_Mutation", "p.G12S", "p.Gly12Ser", "c.34G>A", 2},
	{8, 533874, "T", "C", "Missense_Mutation", "p.Q61R", "p.Gln61Arg", "c.182A>G", 1},
	{2, 21971187, "G", "A", "Nonsense_Mutation", "p.R80*", "p.Arg80Ter", "c.238C>T", 2},
	{2, 21971120, "G", "A", "Nonsense_Mutation", "p.R58*", "p.Arg58Ter", "c.172C>T", 2},
};
#define NHOTSPOTS ((int) (sizeof(hotspots) / sizeof(hotspots[0])))

/* The 140 columns of the GDC's aliquot ensemble masked MAF, in order. */
static const char *const columns[] = {
	"Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position",
	"End_Position", "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele",
	"Tumor_Seq_Allele1", "Tumor_Seq_Allele2", "dbSNP_RS", "dbSNP_Val_Status", "Tumor_Sample_Barcode",
	"Matched_Norm_Sample_Barcode", "Match_Norm_Seq_Allele1", "Match_Norm_Seq_Allele2",
	"Tumor_Validation_Allele1", "Tumor_Validation_Allele2", "Match_Norm_Validation_Allele1",
	"Match_Norm_Validation_Allele2", "Verification_Status", "Validation_Status", "Mutation_Status",
	"Sequencing_Phase", "Sequence_Source", "Validation_Method", "Score", "BAM_File", "Sequencer",
	"Tumor_Sample_UUID", "Matched_Norm_Sample_UUID", "HGVSc", "HGVSp", "HGVSp_Short", "Transcript_ID",
	"Exon_Number", "t_depth", "t_ref_count", "t_alt_count", "n_depth", "n_ref_count", "n_alt_count",
	"all_effects", "Allele", "Gene", "Feature", "Feature_type", "One_Consequence", "Consequence",
	"cDNA_position", "CDS_position", "Protein_position", "Amino_acids", "Codons", "Existing_variation",
	"DISTANCE", "TRANSCRIPT_STRAND", "SYMBOL", "SYMBOL_SOURCE", "HGNC_ID", "BIOTYPE", "CANONICAL", "CCDS",
	"ENSP", "SWISSPROT", "TREMBL", "UNIPARC", "UNIPROT_ISOFORM", "RefSeq", "MANE", "APPRIS", "FLAGS",
	"SIFT", "PolyPhen", "EXON", "INTRON", "DOMAINS", "1000G_AF", "1000G_AFR_AF", "1000G_AMR_AF",
	"1000G_EAS_AF", "1000G_EUR_AF", "1000G_SAS_AF", "ESP_AA_AF", "ESP_EA_AF", "gnomAD_AF",
	"gnomAD_AFR_AF", "gnomAD_AMR_AF", "gnomAD_ASJ_AF", "gnomAD_EAS_AF", "gnomAD_FIN_AF", "gnomAD_NFE_AF",
	"gnomAD_OTH_AF", "gnomAD_SAS_AF", "MAX_AF", "MAX_AF_POPS", "gnomAD_non_cancer_AF",
	"gnomAD_non_cancer_AFR_AF", "gnomAD_non_cancer_AMI_AF", "gnomAD_non_cancer_AMR_AF",
	"gnomAD_non_cancer_ASJ_AF", "gnomAD_non_cancer_EAS_AF", "gnomAD_non_cancer_FIN_AF",
	"gnomAD_non_cancer_MID_AF", "gnomAD_non_cancer_NFE_AF", "gnomAD_non_cancer_OTH_AF",
	"gnomAD_non_cancer_SAS_AF", "gnomAD_non_cancer_MAX_AF_adj", "gnomAD_non_cancer_MAX_AF_POPS_adj",
	"CLIN_SIG", "SOMATIC", "PUBMED", "TRANSCRIPTION_FACTORS", "MOTIF_NAME", "MOTIF_POS", "HIGH_INF_POS",
	"MOTIF_SCORE_CHANGE", "miRNA", "IMPACT", "PICK", "VARIANT_CLASS", "TSL", "HGVS_OFFSET", "PHENO",
	"GENE_PHENO", "CONTEXT", "tumor_bam_uuid", "normal_bam_uuid", "case_id", "GDC_FILTER", "COSMIC",
	"hotspot", "RNA_Support", "RNA_depth", "RNA_ref_count", "RNA_alt_count", "callers"
};
#define NCOLS ((int) (sizeof(columns) / sizeof(columns[0])))

/* Column numbers the writer fills (0-based). */
enum
{
	C_HUGO = 0, C_ENTREZ = 1, C_CENTER = 2, C_BUILD = 3, C_CHROM = 4, C_START = 5, C_END = 6,
	C_STRAND = 7, C_CLASS = 8, C_TYPE = 9, C_REF = 10, C_T1 = 11, C_T2 = 12, C_DBSNP = 13,
	C_TUMOR = 15, C_NORMAL = 16, C_MUT_STATUS = 25, C_SEQ_SOURCE = 27, C_SEQUENCER = 31,
	C_TUMOR_UUID = 32, C_NORMAL_UUID = 33, C_HGVSC = 34, C_HGVSP = 35, C_HGVSP_SHORT = 36,
	C_T_DEPTH = 39, C_T_REF = 40, C_T_ALT = 41, C_N_DEPTH = 42, C_ALLELE = 46, C_GENE = 47,
	C_FEATURE_TYPE = 49, C_ONE_CONSEQUENCE = 50, C_CONSEQUENCE = 51, C_SYMBOL = 60, C_BIOTYPE = 63,
	C_CANONICAL = 64, C_IMPACT = 121, C_PICK = 122, C_VARIANT_CLASS = 123, C_CASE_ID = 131,
	C_HOTSPOT = 134, C_RNA_SUPPORT = 135, C_CALLERS = 139
};

/* One mutation before writing (sorted by coordinate within a sample). */
typedef struct mut
{
	int			gene;
	int			chrom_rank;
	int64_t		start,
				end;
	char		ref[8],
				alt[8];
	const char *type;
	const char *classification;
	const hotspot *hot;
	int			protein_pos;
	int			t_depth,
				t_alt,
				n_depth;
	int			callers;
} mut;

static int
chrom_rank(const char *c)
{
	if (strcmp(c, "chrX") == 0)
		return 23;
	if (strcmp(c, "chrY") == 0)
		return 24;
	return atoi(c + 3);
}

static int
cmp_mut(const void *a, const void *b)
{
	const mut  *x = a,
			   *y = b;

	if (x->chrom_rank != y->chrom_rank)
		return x->chrom_rank - y->chrom_rank;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int
pick_weighted(gen_rng *r, const double *w, int n)
{
	double		total = 0,
				u;

	for (int i = 0; i < n; i++)
		total += w[i];
	u = rng_uniform(r) * total;
	for (int i = 0; i < n; i++)
	{
		if (u < w[i])
			return i;
		u -= w[i];
	}
	return n - 1;
}

static void
random_bases(gen_rng *r, char *out, int n)
{
	static const char b[] = "ACGT";

	for (int i = 0; i < n; i++)
		out[i] = b[rng_below(r, 4)];
	out[n] = '\0';
}

/* Draw one mutation (a hotspot only when allow_hot). */
static void
draw(gen_rng *r, const double *gw, const double *hw, bool allow_hot, mut *m)
{
	double		u = rng_uniform(r);

	memset(m, 0, sizeof(*m));
	if (u < 0.14 && allow_hot)
	{
		const hotspot *h = &hotspots[pick_weighted(r, hw, NHOTSPOTS)];

		m->hot = h;
		m->gene = h->gene;
		m->start = m->end = h->pos;
		snprintf(m->ref, sizeof(m->ref), "%s", h->ref);
		snprintf(m->alt, sizeof(m->alt), "%s", h->alt);
		m->type = "SNP";
		m->classification = h->classification;
	}
	else
	{
		const gene *g;
		double		v = rng_uniform(r);
		int			len;

		m->gene = pick_weighted(r, gw, NGENES);
		g = &genes[m->gene];
		m->start = g->start + (int64_t) rng_below(r, (uint64_t) (g->end - g->start - 8));
		if (v < 0.85)
		{
			static const char *const cls[] = {"Missense_Mutation", "Silent", "Nonsense_Mutation",
			"Splice_Site", "Intron", "3'UTR"};
			static const double cw[] = {60, 24, 8, 4, 2, 2};

			random_bases(r, m->ref, 1);
			do
				random_bases(r, m->alt, 1);
			while (m->alt[0] == m->ref[0]);
			m->end = m->start;
			m->type = "SNP";
			m->classification = cls[pick_weighted(r, cw, 6)];
		}
		else if (v < 0.93)
		{
			len = 1 + (int) rng_below(r, 3);
			random_bases(r, m->ref, len);
			strcpy(m->alt, "-");
			m->end = m->start + len - 1;
			m->type = "DEL";
			m->classification = len == 3 ? "In_Frame_Del" : "Frame_Shift_Del";
		}
		else if (v < 0.98)
		{
			len = 1 + (int) rng_below(r, 3);
			strcpy(m->ref, "-");
			random_bases(r, m->alt, len);
			m->end = m->start + 1;
			m->type = "INS";
			m->classification = len == 3 ? "In_Frame_Ins" : "Frame_Shift_Ins";
		}
		else
		{
			random_bases(r, m->ref, 2);
			do
				random_bases(r, m->alt, 2);
			while (m->alt[0] == m->ref[0] || m->alt[1] == m->ref[1]);
			m->end = m->start + 1;
			m->type = "DNP";
			m->classification = "Missense_Mutation";
		}
		m->protein_pos = 1 + (int) ((m->start - g->start) / 3 % 2000);
	}
	m->chrom_rank = chrom_rank(genes[m->gene].chrom);
	m->t_depth = 30 + (int) rng_poisson(r, 70);
	m->t_alt = (int) (m->t_depth * (0.05 + 0.55 * rng_uniform(r)) + 0.5);
	if (m->t_alt < 3)
		m->t_alt = 3;
	m->n_depth = 20 + (int) rng_poisson(r, 40);
	{
		/* which of the three callers agree: two or all three */
		static const int sets[] = {3, 5, 6, 7, 7};

		m->callers = sets[rng_below(r, 5)];
	}
}

static const char *
consequence_of(const char *cls)
{
	static const char *const map[][2] = {
		{"Missense_Mutation", "missense_variant"},
		{"Silent", "synonymous_variant"},
		{"Nonsense_Mutation", "stop_gained"},
		{"Splice_Site", "splice_acceptor_variant"},
		{"Intron", "intron_variant"},
		{"3'UTR", "3_prime_UTR_variant"},
		{"Frame_Shift_Del", "frameshift_variant"},
		{"Frame_Shift_Ins", "frameshift_variant"},
		{"In_Frame_Del", "inframe_deletion"},
		{"In_Frame_Ins", "inframe_insertion"},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], cls) == 0)
			return map[i][1];
	return "coding_sequence_variant";
}

static const char *
impact_of(const char *cls)
{
	if (strcmp(cls, "Nonsense_Mutation") == 0 || strcmp(cls, "Splice_Site") == 0 ||
		strncmp(cls, "Frame_Shift", 11) == 0)
		return "HIGH";
	if (strcmp(cls, "Missense_Mutation") == 0 || strncmp(cls, "In_Frame", 8) == 0)
		return "MODERATE";
	if (strcmp(cls, "Silent") == 0)
		return "LOW";
	return "MODIFIER";
}

/* Append one MAF line for m to b. */
static void
put_row(onc_buf *b, gen_rng *r, const gen_maf_sample *s, const char *tumor_uuid,
		const char *normal_uuid, const char *case_uuid, const mut *m)
{
	static const char aa[] = "ACDEFGHIKLMNPQRSTVWY";
	static const char *const caller_names[] = {"muse", "mutect2", "varscan2"};
	const gene *g = &genes[m->gene];
	const char *cell[NCOLS];
	char		start[24],
				end[24],
				td[16],
				tr[16],
				ta[16],
				nd[16],
				entrez[16],
				hs[32],
				hp[48],
				hc[48],
				callers[40],
				t1[8];

	for (int i = 0; i < NCOLS; i++)
		cell[i] = "";
	snprintf(start, sizeof(start), "%" PRId64, m->start);
	snprintf(end, sizeof(end), "%" PRId64, m->end);
	snprintf(td, sizeof(td), "%d", m->t_depth);
	snprintf(tr, sizeof(tr), "%d", m->t_depth - m->t_alt);
	snprintf(ta, sizeof(ta), "%d", m->t_alt);
	snprintf(nd, sizeof(nd), "%d", m->n_depth);
	snprintf(entrez, sizeof(entrez), "%d", g->entrez);
	snprintf(t1, sizeof(t1), "%s", m->ref);
	if (m->hot)
	{
		snprintf(hs, sizeof(hs), "%s", m->hot->hgvsp_short);
		snprintf(hp, sizeof(hp), "%s", m->hot->hgvsp);
		snprintf(hc, sizeof(hc), "%s", m->hot->hgvsc);
	}
	else
	{
		char		a = aa[rng_below(r, 20)],
					z = aa[rng_below(r, 20)];

		if (strcmp(m->classification, "Silent") == 0)
			z = a;
		else if (strcmp(m->classification, "Nonsense_Mutation") == 0)
			z = '*';
		if (strcmp(m->type, "SNP") == 0 || strcmp(m->type, "DNP") == 0)
			snprintf(hs, sizeof(hs), "p.%c%d%c", a, m->protein_pos, z);
		else
			snprintf(hs, sizeof(hs), "p.%c%d%s", a, m->protein_pos,
					 strncmp(m->classification, "Frame", 5) == 0 ? "fs" : strcmp(m->type, "DEL") == 0 ? "del" : "dup");
		snprintf(hp, sizeof(hp), "%s", hs);
		snprintf(hc, sizeof(hc), "c.%d%s", m->protein_pos * 3 - 1, m->type[0] == 'S' ? "A>G" : m->type);
	}
	callers[0] = '\0';
	for (int i = 0; i < 3; i++)
		if (m->callers & (1 << i))
			snprintf(callers + strlen(callers), sizeof(callers) - strlen(callers), "%s%s",
					 callers[0] ? ";" : "", caller_names[i]);
	cell[C_HUGO] = g->symbol;
	cell[C_ENTREZ] = entrez;
	cell[C_CENTER] = "BI";
	cell[C_BUILD] = "GRCh38";
	cell[C_CHROM] = g->chrom;
	cell[C_START] = start;
	cell[C_END] = end;
	cell[C_STRAND] = "+";
	cell[C_CLASS] = m->classification;
	cell[C_TYPE] = m->type;
	cell[C_REF] = m->ref;
	cell[C_T1] = t1;
	cell[C_T2] = m->alt;
	cell[C_TUMOR] = s->tumor;
	cell[C_NORMAL] = s->normal ? s->normal : "";
	cell[C_MUT_STATUS] = "Somatic";
	cell[C_SEQ_SOURCE] = "WXS";
	cell[C_SEQUENCER] = "Illumina HiSeq 2000";
	cell[C_TUMOR_UUID] = tumor_uuid;
	cell[C_NORMAL_UUID] = s->normal ? normal_uuid : "";
	cell[C_HGVSC] = hc;
	cell[C_HGVSP] = hp;
	cell[C_HGVSP_SHORT] = hs;
	cell[C_T_DEPTH] = td;
	cell[C_T_REF] = tr;
	cell[C_T_ALT] = ta;
	cell[C_N_DEPTH] = nd;
	cell[C_ALLELE] = m->alt;
	cell[C_GENE] = g->ensembl;
	cell[C_FEATURE_TYPE] = "Transcript";
	cell[C_ONE_CONSEQUENCE] = consequence_of(m->classification);
	cell[C_CONSEQUENCE] = consequence_of(m->classification);
	cell[C_SYMBOL] = g->symbol;
	cell[C_BIOTYPE] = "protein_coding";
	cell[C_CANONICAL] = "YES";
	cell[C_IMPACT] = impact_of(m->classification);
	cell[C_PICK] = "1";
	cell[C_VARIANT_CLASS] = strcmp(m->type, "SNP") == 0 ? "SNV" : strcmp(m->type, "DEL") == 0 ? "deletion" :
		strcmp(m->type, "INS") == 0 ? "insertion" : "substitution";
	cell[C_CASE_ID] = case_uuid;
	cell[C_HOTSPOT] = m->hot ? "Y" : "N";
	cell[C_RNA_SUPPORT] = "Unknown";
	cell[C_CALLERS] = callers;
	for (int i = 0; i < NCOLS; i++)
	{
		if (i)
			buf_append(b, "\t", 1);
		buf_puts(b, cell[i]);
	}
	buf_append(b, "\n", 1);
}

/* A plain or gzip output. */
typedef struct out
{
	FILE	   *fp;
	gzFile		gz;
	onc_buf		buf;
	bool		ok;
} out;

static bool
out_flush(out *o)
{
	if (o->buf.len == 0 || !o->ok)
		return o->ok;
	if (o->gz)
		o->ok = gzwrite(o->gz, o->buf.data, (unsigned) o->buf.len) == (int) o->buf.len;
	else
		o->ok = fwrite(o->buf.data, 1, o->buf.len, o->fp) == o->buf.len;
	buf_reset(&o->buf);
	return o->ok;
}

int
gen_maf_write(const char *path, uint64_t seed, const gen_maf_sample *samples, long n,
			  long rows_each, bool gz, long *rows)
{
	double		gw[NGENES],
				hw[NHOTSPOTS];
	mut		   *m = NULL;
	long		cap = 0;
	out			o;
	int			rc;

	*rows = 0;
	memset(&o, 0, sizeof(o));
	buf_init(&o.buf);
	o.ok = true;
	if (gz)
		o.gz = gzopen(path, "wb6");
	else
		o.fp = fopen(path, "w");
	if (!o.gz && !o.fp)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "could not create: %s", strerror(errno));
		buf_free(&o.buf);
		return ONC_EXIT_IO;
	}
	for (int i = 0; i < NGENES; i++)
		gw[i] = genes[i].weight;
	for (int i = 0; i < NHOTSPOTS; i++)
		hw[i] = hotspots[i].weight;
	buf_puts(&o.buf, "#version gdc-1.0.0\n#annotation.spec gdc-2.0.0-aliquot-merged-masked\n"
			 "#contigs chr1,chr2,chr3,chr4,chr5,chr6,chr7,chr8,chr9,chr10,chr11,chr12,chr13,chr14,"
			 "chr15,chr16,chr17,chr18,chr19,chr20,chr21,chr22,chrX,chrY,chrM\n"
			 "#sort.order BarcodesAndCoordinate\n#filedate 20240101\n"
			 "#generator oncoload generate (synthetic demo data)\n");
	for (int c = 0; c < NCOLS; c++)
		buf_printf(&o.buf, "%s%s", c ? "\t" : "", columns[c]);
	buf_append(&o.buf, "\n", 1);
	for (long s = 0; s < n && o.ok; s++)
	{
		gen_rng		r;
		long		k;
		char		tumor_uuid[37],
					normal_uuid[37],
					case_uuid[37];

		rng_seed(&r, seed, MAF_STREAM, (uint64_t) s);
		k = rows_each > 0 ? rows_each : 5 + (long) rng_poisson(&r, 45);
		rng_uuid(&r, tumor_uuid);
		rng_uuid(&r, normal_uuid);
		rng_uuid(&r, case_uuid);
		if (k > cap)
		{
			cap = k;
			m = xrealloc(m, (size_t) cap * sizeof(mut));
		}
		for (long i = 0; i < k; i++)
			draw(&r, gw, hw, true, &m[i]);
		/* one mutation per site and tumour: redraw the repeats */
		for (long have = 0; have < k;)
		{
			qsort(m, (size_t) k, sizeof(mut), cmp_mut);
			have = 0;
			for (long i = 0; i < k; i++)
				if (have == 0 || m[i].start != m[have - 1].start || m[i].chrom_rank != m[have - 1].chrom_rank)
					m[have++] = m[i];
			for (long i = have; i < k; i++)
				draw(&r, gw, hw, false, &m[i]);
		}
		for (long i = 0; i < k && o.ok; i++)
		{
			put_row(&o.buf, &r, &samples[s], tumor_uuid, normal_uuid, case_uuid, &m[i]);
			(*rows)++;
			if (o.buf.len >= MAF_FLUSH_AT)
				out_flush(&o);
		}
	}
	out_flush(&o);
	if (o.gz)
		o.ok = gzclose(o.gz) == Z_OK && o.ok;
	else
		o.ok = fclose(o.fp) == 0 && o.ok;
	rc = o.ok ? ONC_EXIT_OK : ONC_EXIT_IO;
	if (!o.ok)
		onc_msg(ONC_ERROR, path, 0, 0, "could not write: %s", strerror(errno));
	free(m);
	buf_free(&o.buf);
	return rc;
}

int
gen_maf(const char *dir, uint64_t seed)
{
	char	   *sheet_path = xasprintf("%s/gdc_sample_sheet.tsv", dir);
	char	   *outdir = xasprintf("%s/mutations", dir);
	char	   *path = NULL;
	samplesheet *ss = cli_read_samplesheet(sheet_path);
	gen_maf_sample *samples = NULL;
	long		n = 0,
				rows = 0;
	size_t		count;
	int			rc = ONC_EXIT_OK;

	if (!ss)
	{
		rc = ONC_EXIT_IO;
		goto done;
	}
	count = samplesheet_count(ss);
	samples = xcalloc(count ? count : 1, sizeof(*samples));
	for (size_t i = 0; i < count; i++)
	{
		const ss_entry *e = samplesheet_entry(ss, i);

		if (!e->sample_type || !str_ieq(e->sample_type, "Primary Tumor"))
			continue;
		samples[n].tumor = e->sample_id;
		for (size_t j = 0; j < count; j++)
		{
			const ss_entry *o = samplesheet_entry(ss, j);

			if (o->case_id && e->case_id && strcmp(o->case_id, e->case_id) == 0 && o->sample_type &&
				str_ieq(o->sample_type, "Solid Tissue Normal"))
				samples[n].normal = o->sample_id;
		}
		n++;
	}
	if (n == 0)
		goto done;				/* no tumours: no MAF */
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
	{
		onc_msg(ONC_ERROR, outdir, 0, 0, "could not create directory: %s", strerror(errno));
		rc = ONC_EXIT_IO;
		goto done;
	}
	path = xasprintf("%s/%s.wxs.aliquot_ensemble_masked.maf.gz", outdir,
					 samplesheet_entry(ss, 0)->project_id ? samplesheet_entry(ss, 0)->project_id : "study");
	rc = gen_maf_write(path, seed, samples, n, 0, true, &rows);
done:
	free(samples);
	samplesheet_free(ss);
	free(sheet_path);
	free(outdir);
	free(path);
	return rc;
}
