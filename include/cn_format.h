/*
 * cn_format.h: reading copy-number files, one data line at a time: segment
 * files (GDC, GDC ASCAT, Firehose in its two dialects, cBioPortal SEG and
 * R DNAcopy's table) and gene-level files (cBioPortal discrete, log2 and
 * continuous matrices, the cBioPortal discrete long format, the GDC
 * gene-level copy number TSV).  Also the normalising the loader shares:
 * chromosomes, genome builds and their chromosome lengths, measures.
 *
 * The reader does not resolve samples or genes: it reports what each line
 * says and what is wrong with it (reason codes), for the loader to decide.
 */
#ifndef CN_FORMAT_H
#define CN_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

/* ---- genome builds and chromosomes ---- */

typedef enum cn_build
{
	CN_BUILD_UNKNOWN = 0,
	CN_BUILD_GRCH37,
	CN_BUILD_GRCH38
} cn_build;

/* "GRCh37", "hg19", "37", "b37", "GRCh37-lite" ... -> CN_BUILD_GRCH37; same
 * for 38 / hg38; CN_BUILD_UNKNOWN for anything else. */
cn_build	cn_build_parse(const char *s);

/* "GRCh37", "GRCh38", or NULL for CN_BUILD_UNKNOWN. */
const char *cn_build_name(cn_build b);

/* The build a file name states (hg19, hg38, grch37, grch38 as a word). */
cn_build	cn_build_from_file_name(const char *path);

/*
 * Normalise a chromosome name: an optional "chr" prefix (any case) is
 * dropped, 23 is X and 24 is Y; 1-22, X and Y are accepted.  out gets
 * "1".."22", "X" or "Y".  false for anything else (M, MT, contigs, blanks).
 */
bool		cn_chrom_normalise(const char *in, char out[4]);

/* Length of a normalised chromosome in a build; 0 when not known. */
int64_t		cn_chrom_length(cn_build b, const char *chrom);

/* ---- measures of gene-level copy number (warehouse.measure names) ---- */

typedef enum cn_measure
{
	CN_M_NONE = 0,
	CN_M_DISCRETE,				/* cn_discrete: -2, -1.5, -1, 0, 1, 2 */
	CN_M_LOG2,					/* cn_log2: log2 ratio */
	CN_M_CONTINUOUS,			/* cn_continuous: linear value */
	CN_M_ABSOLUTE,				/* cn_absolute: total copy number */
	CN_M_ABSOLUTE_MIN,			/* cn_absolute_min */
	CN_M_ABSOLUTE_MAX			/* cn_absolute_max */
} cn_measure;

const char *cn_measure_name(cn_measure m);

/* The measure for a name or alias (discrete, gistic, log2, log2cna,
 * continuous, linear, absolute ...), case-insensitively; CN_M_NONE else. */
cn_measure	cn_measure_from_name(const char *name);

/*
 * Parse a discrete copy-number call: NUM_OK for -2, -1.5, -1, 0, 1 or 2
 * (cBioPortal's values; 2.0 is 2), NUM_MISSING for an empty cell or "NA",
 * NUM_INVALID for anything else (3, 1.5, "N/A", "[Not Available]" ...).
 * Returns a num_status (textutil.h) as an int.
 */
int			cn_parse_discrete(const char *s, double *out);

/* ---- formats ---- */

typedef enum cn_format
{
	CN_FMT_UNKNOWN = 0,
	CN_FMT_GDC_SEG,				/* GDC_Aliquot Chromosome Start End Num_Probes Segment_Mean */
	CN_FMT_GDC_ASCAT_SEG,		/* GDC_Aliquot ... Copy_Number Major_Copy_Number Minor_Copy_Number */
	CN_FMT_FIREHOSE_SEG,		/* Sample Chromosome Start End Num_Probes Segment_Mean,
								 * or Start.bp End.bp Num.Markers Seg.CN */
	CN_FMT_CBIO_SEG,			/* ID chrom loc.start loc.end num.mark seg.mean */
	CN_FMT_DNACOPY_SEG,			/* the same columns as R writes them (quoted, row names) */
	CN_FMT_CBIO_MATRIX,			/* Hugo_Symbol / Entrez_Gene_Id, then one column per sample */
	CN_FMT_CBIO_LONG,			/* Hugo_Symbol Entrez_Gene_Id Sample_Id Value ... */
	CN_FMT_GDC_GENE,			/* gene_id gene_name chromosome start end copy_number ... */
	CN_FMT_GISTIC_GENES			/* GISTIC peak summaries: recognised, never loaded */
} cn_format;

/* "gdc-seg", "gdc-ascat-seg", "firehose-seg", "cbioportal-seg",
 * "dnacopy-seg", "cbioportal-cna-matrix", "cbioportal-cna-long",
 * "gdc-gene-level", "gistic-genes"; from_name gives CN_FMT_UNKNOWN else. */
const char *cn_format_name(cn_format f);
cn_format	cn_format_from_name(const char *name);
bool		cn_format_is_segment(cn_format f);

typedef struct cn_opts
{
	cn_format	force;			/* CN_FMT_UNKNOWN: detect */
	cn_measure	measure;		/* --measure for a matrix, or CN_M_NONE */
} cn_opts;

/* A problem with a line or one of its cells: a reject for the loader. */
typedef struct cn_problem
{
	int			col;			/* 1-based, 0 for the whole line */
	const char *code;			/* reason code (README: Loading copy number) */
	char		text[160];
} cn_problem;

#define CN_MAX_PROBLEMS 8

typedef struct cn_info
{
	cn_format	format;
	const char *detected_by;	/* "content", "meta file", "file name", "option" */
	const char *workflow;		/* "DNAcopy", "ASCAT3", "cBioPortal" ... */
	cn_build	build;			/* what the file says, or CN_BUILD_UNKNOWN */
	const char *build_source;	/* "meta file", "file name", "format" or NULL */
	const char *study_hint;		/* cancer_study_identifier of a meta file */
	const char *study_build;	/* reference_genome of meta_study.txt beside it */
	const char *meta_path;		/* the cBioPortal meta file used */
	const char *profile;		/* the meta file's stable_id */
	long		header_line;	/* physical line of the header */
	int			ncolumns;		/* fields a data line must have */
	int			ignored_columns;	/* columns read past (Cytoband, cbp_driver ...) */
	const char *ignored_names;	/* their names, comma-separated, or NULL */

	/* gene-level files: samples (grow while a long file is read) and measures */
	int			nsamples;
	char	  **samples;		/* NULL entry: the file's one unnamed sample */
	int			nmeasures;
	cn_measure *measures;
} cn_info;

/* One segment; valid until the next call. */
typedef struct cn_segment
{
	long		lineno;
	const char *line;			/* raw line, unsplit */
	int			nproblems;		/* > 0: the line is rejected */
	const cn_problem *problems;
	const char *warning_code;	/* loaded, but worth a warning, or NULL */
	const char *warning;
	bool		all_missing;	/* every value empty or NA: filtered */
	const char *sample;
	int			sample_col;
	char		chrom[4];
	int64_t		start,
				end;
	bool		has_probes,
				has_mean,
				has_cn,
				has_major,
				has_minor;
	int32_t		num_probes;
	double		mean;
	int32_t		cn,
				major,
				minor;
} cn_segment;

/* One gene-level line; valid until the next call. */
typedef struct cn_gene_row
{
	long		lineno;
	const char *line;
	const cn_problem *error;	/* non-NULL: the whole line is rejected */
	const char *symbol;			/* NULL when absent, empty or NA */
	const char *entrez;
	const char *ensembl;		/* GDC gene_id as printed */
	bool		several_genes;	/* "AKT1 /// AKT2" */
	int			gene_col;		/* 1-based column naming the gene */
	int			ncells;
	const int  *cell_sample;	/* index into cn_info.samples */
	const int  *cell_measure;	/* index into cn_info.measures */
	const int  *cell_col;		/* 1-based column */
	const double *values;
	const unsigned char *status;	/* num_status per cell */
	const char *const *raw;		/* cell text */
} cn_gene_row;

typedef struct cn_reader cn_reader;

/*
 * Open path and read its header, detecting the format from the content,
 * then a cBioPortal meta file beside it, then the file name (opts->force
 * overrides).  NULL on failure with *err set (free()), prefixed "LINE: "
 * when it concerns a line; *errno_out (may be NULL) is nonzero for I/O.
 * A GISTIC summary opens (format CN_FMT_GISTIC_GENES) but has no rows.
 */
cn_reader  *cn_open(const char *path, const cn_opts *opts, char **err,
					int *errno_out);
const cn_info *cn_reader_info(const cn_reader *r);

/*
 * The build that segment positions are checked against (chromosome
 * lengths); set it before reading when the file did not state one.
 */
void		cn_set_build(cn_reader *r, cn_build b);

/*
 * Next data line of a segment file / of a gene-level file: 1 with *out set,
 * 0 at end, -1 on a read error (*err set, free()).  Blank and '#' lines
 * are skipped.
 */
int			cn_next_segment(cn_reader *r, const cn_segment **out, char **err);
int			cn_next_gene_row(cn_reader *r, const cn_gene_row **out, char **err);

long		cn_lines_read(const cn_reader *r);
void		cn_close(cn_reader *r);

#endif							/* CN_FORMAT_H */
