/*
 * vcf.h: VCF and BCF files (plain, bgzipped or BCF, through htslib; a
 * region through a .tbi/.csi index), each record split into its alternate
 * alleles normalised to MAF coordinates, with the samples' calls counted per
 * allele and VEP CSQ / SnpEff ANN consequences matched to the alleles.
 */
#ifndef VCF_H
#define VCF_H

#include <stdbool.h>
#include <stdint.h>

#include "maf.h"

typedef struct vcf_reader vcf_reader;

typedef struct vcf_info
{
	const char *format;			/* vcf, vcf-bgzf, bcf */
	const char *fileformat;		/* VCFv4.2 ... */
	int			nsamples;
	char	  **samples;		/* sample column names */
	char	  **sample_names;	/* ##SAMPLE=<ID=col,NAME=...> NAME per column, or NULL */
	const char *build;			/* GRCh37 / GRCh38 from the header, or NULL */
	const char *build_from;		/* the header evidence: "contig lengths", "##reference" ... */
	char	   *build_text;		/* what the header said when it named an unknown build */
	char	   *source;			/* ##source */
	char	   *reference;		/* ##reference */
	const char *annotation;		/* vep-csq, snpeff-ann, or NULL */
	int			nann_fields;
	char	  **ann_fields;		/* the annotation's field names, from its Description */
	long		header_lines;
	bool		indexed;		/* reading a --region through the index */
} vcf_info;

/* A transcript consequence (one CSQ/ANN entry), fields by role. */
typedef enum vcf_csq_field
{
	VCF_CSQ_ALLELE,
	VCF_CSQ_CONSEQUENCE,
	VCF_CSQ_IMPACT,
	VCF_CSQ_SYMBOL,
	VCF_CSQ_GENE,
	VCF_CSQ_FEATURE_TYPE,
	VCF_CSQ_FEATURE,
	VCF_CSQ_BIOTYPE,
	VCF_CSQ_HGVSC,
	VCF_CSQ_HGVSP,
	VCF_CSQ_CANONICAL,
	VCF_CSQ_MANE,
	VCF_CSQ_PICK,
	VCF_CSQ_ALLELE_NUM,
	VCF_CSQ_SIFT,
	VCF_CSQ_POLYPHEN,
	VCF_CSQ_EXISTING,
	VCF_CSQ_ENTREZ,
	VCF_CSQ_NFIELDS
} vcf_csq_field;

typedef struct vcf_csq
{
	const char *f[VCF_CSQ_NFIELDS];	/* NULL when empty */
	const char *extra;			/* the other fields, a JSON object, or NULL */
	int			allele;			/* 1-based ALT it belongs to, 0 when none matched */
} vcf_csq;

typedef enum vcf_allele_status
{
	VCF_ALLELE_OK,
	VCF_ALLELE_SYMBOLIC,		/* <DEL>, <NON_REF>, breakends */
	VCF_ALLELE_STAR,			/* "*": spanning deletion */
	VCF_ALLELE_NO_CHANGE		/* the same as REF, or "." */
} vcf_allele_status;

typedef struct vcf_allele
{
	int			index;			/* 1-based ALT index */
	vcf_allele_status status;
	maf_variant var;			/* when OK */
	int			carriers,
				hom_ref,
				no_call,
				other;
	bool		has_af;
	double		af;				/* INFO/AF of this allele */
	int		   *csq;			/* indices into the record's csq */
	int			ncsq,
				capcsq;
	int			preferred;		/* index into csq[] of the preferred entry, -1 when none */
} vcf_allele;

typedef struct vcf_record
{
	long		lineno;			/* physical line (VCF); record number (BCF, --region) */
	const char *raw;			/* the line as read, NULL for BCF (for rejects) */
	bool		blank;
	const char *error_code;		/* the record is rejected, or NULL */
	char		error[256];

	char		chrom[64];		/* normalised */
	int64_t		pos;
	const char *id;				/* NULL for "." */
	bool		has_qual;
	float		qual;
	const char *filter;			/* "PASS", "a;b", or NULL for "." */
	const char *ref;
	int			nalt;
	vcf_allele *alt;
	const char *info_json;		/* INFO except CSQ/ANN, or NULL */
	int			ncsq;
	vcf_csq    *csq;
} vcf_record;

/* A sample's call of one allele (only carriers are facts). */
typedef struct vcf_call
{
	char		gt[64];
	bool		has_depth,
				has_ref_depth,
				has_alt_depth,
				has_vaf,
				has_gq;
	int32_t		depth,
				ref_depth,
				alt_depth,
				gq;
	double		vaf;
	const char *ft;				/* FORMAT/FT, or NULL */
	const char *extra;			/* the other FORMAT fields, a JSON object, or NULL */
} vcf_call;

/*
 * Open a VCF/BCF; region ("chr17:7,661,779-7,687,538", commas allowed) reads
 * only that part through the file's index.  On failure NULL, *err set (free
 * with free(); "LINE: text" when a header line is at fault) and *is_io true
 * for I/O errors.
 */
vcf_reader *vcf_reader_open(const char *path, const char *region, char **err, bool *is_io);
const vcf_info *vcf_reader_info(const vcf_reader *r);

/*
 * Next record: 1 with *rec set (check rec->blank and rec->error_code), 0 at
 * the end, -1 when reading cannot go on (*err set; free with free()).
 */
int			vcf_reader_next(vcf_reader *r, vcf_record **rec, char **err);

/*
 * The call of sample s for ALT allele (1-based) of the current record: 1
 * and *out filled when the sample carries it, 0 when it does not.  out's
 * strings are valid until the next call.
 */
int			vcf_sample_call(vcf_reader *r, int s, int allele, vcf_call *out);

void		vcf_reader_close(vcf_reader *r);

/* ------------------------------------------------- annotations (vcf_csq.c) */

/*
 * Field names of a CSQ ("... Format: Allele|Consequence|...") or ANN
 * ("Functional annotations: 'Allele | Annotation | ...'") Description; a new
 * array of n new strings (free each and the array), or NULL.
 */
char	  **vcf_ann_fields(const char *description, int *n);

/* The role of an annotation field name, or -1 (kept in extra). */
int			vcf_csq_role(const char *name);

/* HGVS without its "ENST...:" / "ENSP...:" prefix, "%3D" as "=" (into out). */
const char *vcf_hgvs_bare(const char *hgvs, char *out, size_t cap);

/* p.Met43Leu -> p.M43L (into out); NULL when hgvsp is not a protein change. */
const char *vcf_hgvsp_short(const char *hgvsp, char *out, size_t cap);

#endif							/* VCF_H */
