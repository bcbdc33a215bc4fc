/*
 * maf_norm.c: the MAF conventions every variant source is brought to (see
 * maf.h): genome builds, chromosome names, MAF-style alleles and
 * coordinates, Variant_Classification values and the Sequence Ontology map.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "maf.h"
#include "textutil.h"

const char *
maf_build_norm(const char *s)
{
	static const char *const b37[] = {"GRCh37", "hg19", "37", "b37", "GRCh37-lite",
	"hs37d5", "NCBI37", "GRCh37.p13", NULL};
	static const char *const b38[] = {"GRCh38", "hg38", "38", "b38", "GRCh38.p13",
	"GRCh38.p14", "NCBI38", "GRCh38.d1.vd1", NULL};

	if (!s)
		return NULL;
	for (int i = 0; b37[i]; i++)
		if (str_ieq(s, b37[i]))
			return "GRCh37";
	for (int i = 0; b38[i]; i++)
		if (str_ieq(s, b38[i]))
			return "GRCh38";
	return NULL;
}

bool
maf_chrom_norm(const char *s, char *out, size_t cap)
{
	size_t		n;

	if (!s)
		return false;
	if (str_iprefix(s, "chr"))
		s += 3;
	n = strlen(s);
	if (n == 0 || n >= cap || n > 60)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char) *p <= ' ' || *p == 0x7f || *p == ',' || *p == ';' || *p == '"')
			return false;
	if (strcmp(s, "23") == 0 || str_ieq(s, "x"))
		s = "X";
	else if (strcmp(s, "24") == 0 || str_ieq(s, "y"))
		s = "Y";
	else if (str_ieq(s, "M") || str_ieq(s, "MT"))
		s = "MT";
	else if (s[0] == '0' && s[1] >= '1' && s[1] <= '9' && s[2] == '\0')
		s++;					/* "01" -> "1" */
	memcpy(out, s, strlen(s) + 1);
	return true;
}

void
maf_variant_init(maf_variant *v)
{
	memset(v, 0, sizeof(*v));
	buf_init(&v->buf);
}

void
maf_variant_free(maf_variant *v)
{
	buf_free(&v->buf);
}

bool
maf_bases_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		switch (*s)
		{
			case 'A': case 'C': case 'G': case 'T': case 'N':
			case 'a': case 'c': case 'g': case 't': case 'n':
				break;
			default:
				return false;
		}
	return true;
}

const char *
maf_type_of(const char *ref, const char *alt)
{
	size_t		r = strcmp(ref, "-") == 0 ? 0 : strlen(ref);
	size_t		a = strcmp(alt, "-") == 0 ? 0 : strlen(alt);

	if (r == a)
		return r == 1 ? "SNP" : r == 2 ? "DNP" : r == 3 ? "TNP" : "ONP";
	return r < a ? "INS" : "DEL";
}

int
maf_normalise(int64_t pos, const char *ref, const char *alt, maf_variant *v)
{
	size_t		rl,
				al,
				head = 0,
				tail = 0;
	char	   *r,
			   *a;

	if (strcmp(ref, "-") == 0)
		ref = "";
	if (strcmp(alt, "-") == 0)
		alt = "";
	rl = strlen(ref);
	al = strlen(alt);
	if ((rl && !maf_bases_ok(ref)) || (al && !maf_bases_ok(alt)) || (rl == 0 && al == 0) || pos < 1)
		return -1;
	buf_reset(&v->buf);
	buf_reserve(&v->buf, rl + al + 6);
	r = v->buf.data;
	a = r + rl + 3;
	for (size_t i = 0; i < rl; i++)
		r[i] = (char) toupper((unsigned char) ref[i]);
	for (size_t i = 0; i < al; i++)
		a[i] = (char) toupper((unsigned char) alt[i]);
	/* the shared start first (vcf2maf's rule), then the shared end */
	while (head < rl && head < al && r[head] == a[head])
		head++;
	while (tail < rl - head && tail < al - head && r[rl - 1 - tail] == a[al - 1 - tail])
		tail++;
	rl -= head + tail;
	al -= head + tail;
	if (rl == 0 && al == 0)
		return -1;				/* no change */
	memmove(r, r + head, rl);
	memmove(a, a + head, al);
	pos += (int64_t) head;
	if (rl == 0)
	{
		/* insertion before pos: MAF names the base before it and the one after */
		strcpy(r, "-");
		a[al] = '\0';
		v->start = pos - 1;
		v->end = pos;
		if (v->start < 1)
			return -1;
	}
	else
	{
		r[rl] = '\0';
		if (al == 0)
			strcpy(a, "-");
		else
			a[al] = '\0';
		v->start = pos;
		v->end = pos + (int64_t) rl - 1;
	}
	v->ref = r;
	v->alt = a;
	v->type = maf_type_of(r, a);
	return 0;
}

const char *
maf_classification(const char *s)
{
	static const char *const values[] = {
		"Frame_Shift_Del", "Frame_Shift_Ins", "In_Frame_Del", "In_Frame_Ins",
		"Missense_Mutation", "Nonsense_Mutation", "Silent", "Splice_Site",
		"Translation_Start_Site", "Nonstop_Mutation", "3'UTR", "3'Flank", "5'UTR",
		"5'Flank", "IGR", "Intron", "RNA", "Targeted_Region", "Splice_Region",
		"De_novo_Start_InFrame", "De_novo_Start_OutOfFrame", "Unknown",
		"Start_Codon_SNP", "Start_Codon_Del", "Start_Codon_Ins", "Stop_Codon_Del",
		"Stop_Codon_Ins", "Fusion", NULL
	};

	if (!s)
		return NULL;
	for (int i = 0; values[i]; i++)
		if (strcmp(s, values[i]) == 0)
			return values[i];
	for (int i = 0; values[i]; i++)
		if (str_ieq(s, values[i]))
			return values[i];
	return NULL;
}

/*
 * Sequence Ontology terms from the most severe down, as VEP orders them,
 * with SnpEff's own terms placed beside their VEP equivalents.
 */
static const char *const so_terms[] = {
	"transcript_ablation", "exon_loss_variant", "splice_acceptor_variant",
	"splice_donor_variant", "stop_gained", "frameshift_variant", "stop_lost",
	"start_lost", "initiator_codon_variant", "transcript_amplification",
	"feature_elongation", "feature_truncation", "inframe_insertion",
	"disruptive_inframe_insertion", "conservative_inframe_insertion",
	"inframe_deletion", "disruptive_inframe_deletion",
	"conservative_inframe_deletion", "missense_variant",
	"conservative_missense_variant", "rare_amino_acid_variant",
	"protein_altering_variant", "splice_donor_5th_base_variant",
	"splice_region_variant", "splice_donor_region_variant",
	"splice_polypyrimidine_tract_variant", "incomplete_terminal_codon_variant",
	"start_retained_variant", "stop_retained_variant", "synonymous_variant",
	"coding_sequence_variant", "mature_miRNA_variant", "5_prime_UTR_variant",
	"5_prime_UTR_premature_start_codon_gain_variant", "3_prime_UTR_variant",
	"non_coding_transcript_exon_variant", "non_coding_exon_variant", "exon_variant",
	"intron_variant", "intragenic_variant", "NMD_transcript_variant",
	"non_coding_transcript_variant", "nc_transcript_variant",
	"coding_transcript_variant", "upstream_gene_variant",
	"downstream_gene_variant", "TFBS_ablation", "TFBS_amplification",
	"TF_binding_site_variant", "regulatory_region_ablation",
	"regulatory_region_amplification", "regulatory_region_variant",
	"regulatory_region", "intergenic_variant", "intergenic_region",
	"sequence_variant", NULL
};

int
maf_so_rank(const char *term, size_t len)
{
	int			i;

	for (i = 0; so_terms[i]; i++)
		if (strlen(so_terms[i]) == len && strncmp(so_terms[i], term, len) == 0)
			return i;
	return i;
}

/* Does the term (len bytes) contain sub? */
static bool
term_has(const char *t, size_t len, const char *sub)
{
	size_t		n = strlen(sub);

	for (size_t i = 0; i + n <= len; i++)
		if (strncmp(t + i, sub, n) == 0)
			return true;
	return false;
}

/* Is the term among names[]? */
static bool
term_in(const char *t, size_t len, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == len && strncmp(*names, t, len) == 0)
			return true;
	return false;
}

const char *
maf_so_classification(const char *consequence, const char *type, bool inframe)
{
	static const char *const splice_site[] = {"splice_acceptor_variant", "splice_donor_variant",
	"transcript_ablation", "exon_loss_variant", NULL};
	static const char *const missense[] = {"missense_variant", "coding_sequence_variant",
	"conservative_missense_variant", "rare_amino_acid_variant", NULL};
	static const char *const intron[] = {"transcript_amplification", "intron_variant",
	"INTRAGENIC", "intragenic_variant", NULL};
	static const char *const silent[] = {"incomplete_terminal_codon_variant", "synonymous_variant",
	"stop_retained_variant", "NMD_transcript_variant", "start_retained_variant", NULL};
	static const char *const rna[] = {"mature_miRNA_variant", "exon_variant", "non_coding_exon_variant",
		"non_coding_transcript_exon_variant", "non_coding_transcript_variant",
	"nc_transcript_variant", NULL};
	static const char *const igr[] = {"TF_binding_site_variant", "regulatory_region_variant",
		"regulatory_region", "intergenic_variant", "intergenic_region", "TFBS_ablation",
		"TFBS_amplification", "regulatory_region_ablation",
	"regulatory_region_amplification", NULL};
	const char *best = NULL;
	size_t		best_len = 0;
	int			best_rank = 1 << 30;
	bool		ins = type && strcmp(type, "INS") == 0;
	bool		del = type && strcmp(type, "DEL") == 0;

	if (!consequence || !*consequence)
		return "Targeted_Region";
	for (const char *p = consequence; *p;)
	{
		size_t		n = strcspn(p, "&,");
		int			rank = maf_so_rank(p, n);

		if (n > 0 && rank < best_rank)
		{
			best = p;
			best_len = n;
			best_rank = rank;
		}
		p += n;
		if (*p)
			p++;
	}
	if (!best)
		return "Targeted_Region";
	if (term_in(best, best_len, splice_site))
		return "Splice_Site";
	if (best_len == 11 && strncmp(best, "stop_gained", 11) == 0)
		return "Nonsense_Mutation";
	if ((best_len == 18 && strncmp(best, "frameshift_variant", 18) == 0) ||
		(best_len == 24 && strncmp(best, "protein_altering_variant", 24) == 0 && !inframe))
	{
		if (del)
			return "Frame_Shift_Del";
		if (ins)
			return "Frame_Shift_Ins";
		return strncmp(best, "frameshift", 10) == 0 ? "Frame_Shift_Del" : "Missense_Mutation";
	}
	if (best_len == 9 && strncmp(best, "stop_lost", 9) == 0)
		return "Nonstop_Mutation";
	if ((best_len == 10 && strncmp(best, "start_lost", 10) == 0) ||
		(best_len == 23 && strncmp(best, "initiator_codon_variant", 23) == 0))
		return "Translation_Start_Site";
	if (term_has(best, best_len, "inframe_insertion"))
		return "In_Frame_Ins";
	if (term_has(best, best_len, "inframe_deletion"))
		return "In_Frame_Del";
	if (best_len == 24 && strncmp(best, "protein_altering_variant", 24) == 0)
		return ins ? "In_Frame_Ins" : del ? "In_Frame_Del" : "Missense_Mutation";
	if (term_in(best, best_len, missense))
		return "Missense_Mutation";
	if (term_in(best, best_len, intron))
		return "Intron";
	if (strncmp(best, "splice_", 7) == 0)
		return "Splice_Region";
	if (term_in(best, best_len, silent))
		return "Silent";
	if (term_in(best, best_len, rna))
		return "RNA";
	if (strncmp(best, "5_prime_UTR", 11) == 0)
		return "5'UTR";
	if (strncmp(best, "3_prime_UTR", 11) == 0)
		return "3'UTR";
	if (term_in(best, best_len, igr))
		return "IGR";
	if (best_len == 21 && strncmp(best, "upstream_gene_variant", 21) == 0)
		return "5'Flank";
	if (best_len == 23 && strncmp(best, "downstream_gene_variant", 23) == 0)
		return "3'Flank";
	return "Targeted_Region";
}
