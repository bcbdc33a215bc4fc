/*
 * maf.h: MAF files (GDC, cBioPortal, older TCGA), read by header name, and
 * the MAF conventions the variant dimension keeps for every source: genome
 * builds, chromosome names, alleles trimmed to MAF coordinates, and the
 * Variant_Classification vocabulary (with vcf2maf's Sequence Ontology map).
 */
#ifndef MAF_H
#define MAF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onc.h"

/* ------------------------------------------------------------ conventions */

/* "GRCh37" for GRCh37/hg19/37/b37, "GRCh38" for GRCh38/hg38/38, else NULL. */
const char *maf_build_norm(const char *s);

/*
 * Chromosome name without "chr": 1-22, X, Y, MT (23 -> X, 24 -> Y, M -> MT),
 * other contigs as written with "chr" removed.  Writes into out (cap bytes);
 * false when s is empty or not a plausible name (blanks, control bytes,
 * too long).
 */
bool		maf_chrom_norm(const char *s, char *out, size_t cap);

/*
 * A variant in MAF coordinates: start/end 1-based inclusive; ref "-" for an
 * insertion (end = start + 1), alt "-" for a deletion.  ref and alt point
 * into buf, which the variant owns (maf_variant_free).
 */
typedef struct maf_variant
{
	int64_t		start;
	int64_t		end;
	const char *ref;
	const char *alt;
	const char *type;			/* SNP DNP TNP ONP INS DEL (static) */
	onc_buf		buf;
} maf_variant;

void		maf_variant_init(maf_variant *v);
void		maf_variant_free(maf_variant *v);

/* True when s is all A, C, G, T, N (either case); "" is not. */
bool		maf_bases_ok(const char *s);

/*
 * Normalise a change of ref (starting at 1-based pos) into alt, VCF style
 * (either may be "" or "-" for none): upper case, bases shared at the start
 * trimmed, then bases shared at the end, then MAF coordinates.  Returns 0,
 * or -1 when an allele has other characters or nothing changes.
 */
int			maf_normalise(int64_t pos, const char *ref, const char *alt, maf_variant *v);

/* MAF Variant_Type of two normalised alleles ("-" for none). */
const char *maf_type_of(const char *ref, const char *alt);

/*
 * The canonical spelling of a Variant_Classification value (matched
 * ignoring case), or NULL when s is not one.
 */
const char *maf_classification(const char *s);

/* Severity rank of a Sequence Ontology term (0 most severe; unknown last). */
int			maf_so_rank(const char *term, size_t len);

/*
 * Variant_Classification for a consequence ("&" or "," separated terms: the
 * most severe counts), as vcf2maf maps it; type is the variant's MAF type,
 * inframe whether an indel keeps the frame.  Never NULL.
 */
const char *maf_so_classification(const char *consequence, const char *type, bool inframe);

/* ---------------------------------------------------------------- reader */

/* The columns with a typed home; everything else is kept as text. */
typedef enum maf_field
{
	MAF_HUGO_SYMBOL,
	MAF_ENTREZ_ID,
	MAF_BUILD,
	MAF_CHROMOSOME,
	MAF_START,
	MAF_END,
	MAF_CLASSIFICATION,
	MAF_VARIANT_TYPE,
	MAF_REF_ALLELE,
	MAF_TUMOR_ALLELE1,
	MAF_TUMOR_ALLELE2,
	MAF_DBSNP,
	MAF_TUMOR_SAMPLE,
	MAF_NORMAL_SAMPLE,
	MAF_VERIFICATION,
	MAF_VALIDATION,
	MAF_MUTATION_STATUS,
	MAF_HGVSC,
	MAF_HGVSP,
	MAF_HGVSP_SHORT,
	MAF_PROTEIN_CHANGE,
	MAF_TRANSCRIPT,
	MAF_T_DEPTH,
	MAF_T_REF,
	MAF_T_ALT,
	MAF_N_DEPTH,
	MAF_N_REF,
	MAF_N_ALT,
	MAF_GENE,
	MAF_CONSEQUENCE,
	MAF_ONE_CONSEQUENCE,
	MAF_IMPACT,
	MAF_SIFT,
	MAF_POLYPHEN,
	MAF_EXISTING,
	MAF_FILTER,
	MAF_CALLERS,
	MAF_NFIELDS
} maf_field;

/* Where a column without a typed home goes. */
typedef enum maf_role
{
	MAF_ROLE_TYPED,				/* one of maf_field */
	MAF_ROLE_SAMPLE,			/* per sample: kept with the mutation fact */
	MAF_ROLE_ANNOTATION			/* per variant (VEP fields ...): kept with the annotation */
} maf_role;

typedef struct maf_reader maf_reader;

typedef struct maf_info
{
	int			ncols;
	char	  **names;			/* header names (a repeated name gets ".2", ...) */
	maf_role   *roles;
	int			col[MAF_NFIELDS];	/* 0-based column of each field, -1 absent */
	char	  **header_lines;	/* the '#' lines before the header, trimmed */
	int			nheader_lines;
	const char *layout;			/* gdc-aliquot-masked, gdc-somatic, cbioportal, tcga */
	const char *workflow;		/* from the file's name or '#' lines, or NULL */
	bool		has_build;		/* an NCBI_Build column */
} maf_info;

/* A data line, checked and normalised; valid until the next maf_next. */
typedef struct maf_row
{
	long		lineno;
	const char *raw;			/* the line as read (for rejects) */
	bool		blank;			/* an empty line: nothing else is set */
	/* a line-level problem: the line is rejected */
	const char *error_code;		/* reason code (README), or NULL */
	char		error[512];
	int			error_col;		/* 1-based, 0 for the whole line */

	const char *f[MAF_NFIELDS]; /* cells of the typed fields; NULL when absent, empty or NA */
	char	  **cells;			/* every cell (missing trailing cells are "") */
	const char *build;			/* GRCh37 / GRCh38 */
	char		chrom[64];
	maf_variant var;
	bool		changed;		/* normalising changed the coordinates or alleles */
} maf_row;

/*
 * Open a MAF (plain or gzip) and read its '#' lines and header.  build is
 * the --build value (already normalised) for rows that name none, or NULL.
 * On failure returns NULL with *err set ("LINE: text" when a line is at
 * fault; free with free()) and *is_io true for I/O errors.
 */
maf_reader *maf_open(const char *path, const char *build, char **err, bool *is_io);
const maf_info *maf_reader_info(const maf_reader *r);

/*
 * Next data line: 1 with *row set (check row->blank and row->error_code),
 * 0 at the end, -1 on a read error (*err set; free with free()).
 */
int			maf_next(maf_reader *r, maf_row **row, char **err);

/* Physical lines read so far. */
long		maf_lines_read(const maf_reader *r);

/*
 * A first, quick pass over a MAF opened as r: call each(arg, tumour,
 * normal) for every data line's Tumor_Sample_Barcode and
 * Matched_Norm_Sample_Barcode (trimmed; NULL when empty or NA), so that a
 * load can resolve its samples before it streams.  0, or -1 with *err set
 * (free with free()).
 */
int			maf_scan_samples(const maf_reader *r, void (*each) (void *arg, const char *tumor,
															 const char *normal),
							 void *arg, char **err);
void		maf_close(maf_reader *r);

/* Parse a count cell ("", NA -> missing): 1 a value, 0 missing, -1 invalid. */
int			maf_parse_count(const char *s, int32_t *out);

/* True when a cell means "no value" (empty, NA, N/A, ., [Not Available] ...). */
bool		maf_is_null(const char *s);

#endif							/* MAF_H */
