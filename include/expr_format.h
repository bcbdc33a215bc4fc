/*
 * expr_format.h: reading gene expression files of every layout the
 * expression loader accepts, one data line at a time, with the format
 * detected from content, then the file name, then a cBioPortal meta file.
 *
 *   GDC augmented STAR gene counts  ("# gene-model: GENCODE v36", 9 columns,
 *                                    N_* QC rows, six measures)
 *   legacy GDC HTSeq                (2 columns, no header; __* QC rows;
 *                                    counts, FPKM or FPKM-UQ by file name)
 *   cBioPortal matrix               (Hugo_Symbol and/or Entrez_Gene_Id, then
 *                                    one column per sample, NA missing)
 *   Firehose RSEM matrix            ("Hybridization REF" row, then a row
 *                                    naming each column's value type;
 *                                    genes "TP53|7157")
 *   generic TSV/CSV matrix          (gene ID in the first column)
 *
 * The parser does not resolve genes or samples: it reports what the file
 * says, and per-value and per-line problems, for the loader to decide.
 */
#ifndef EXPR_FORMAT_H
#define EXPR_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum expr_format
{
	EXPR_FMT_UNKNOWN = 0,
	EXPR_FMT_STAR,
	EXPR_FMT_HTSEQ,
	EXPR_FMT_CBIO,
	EXPR_FMT_FIREHOSE,
	EXPR_FMT_GENERIC
} expr_format;

/* "gdc-star-counts", "gdc-htseq", "cbioportal-matrix", "firehose-matrix",
 * "generic-matrix"; expr_format_from_name returns EXPR_FMT_UNKNOWN for others. */
const char *expr_format_name(expr_format f);
expr_format expr_format_from_name(const char *name);

/* Workflow label stored with each load, used for superseding. */
const char *expr_format_workflow(expr_format f);	/* "STAR - Counts", "HTSeq", ... */

typedef struct expr_opts
{
	expr_format force;			/* EXPR_FMT_UNKNOWN: detect */
	const char *measure;		/* --measure, or NULL */
} expr_opts;

typedef struct expr_info
{
	expr_format format;
	const char *detected_by;	/* "content", "file name", "meta file", "option" */
	const char *gene_model;		/* "GENCODE v36" from a "# gene-model:" line, or NULL */
	const char *study_hint;		/* cancer_study_identifier of a meta file, or NULL */
	const char *meta_path;		/* the cBioPortal meta file used, or NULL */
	int			nsamples;		/* 1 for single-sample files */
	char	  **samples;		/* matrix column samples; {NULL} for single-sample */
	int			nmeasures;
	char	  **measures;		/* measure names, e.g. "tpm_unstranded" */
	int			nvalues;		/* value cells per data line */
	int		   *value_sample;	/* per value cell: index into samples */
	int		   *value_measure;	/* per value cell: index into measures */
	int		   *value_col;		/* per value cell: 1-based source column */
	int			ncolumns;		/* fields a data line must have */
	char		sep;			/* '\t' or ',' */
	int			ignored_columns;	/* non-value columns left out (documented) */
} expr_info;

typedef struct expr_row
{
	long		lineno;			/* physical line number */
	const char *line;			/* the raw line, unsplit (for reject rows) */
	const char *error;			/* non-NULL: the whole line is malformed */
	const char *error_code;		/* reason code when error is set */
	bool		is_qc;			/* N_* / __* rows: QC metrics, not genes */
	const char *qc_name;		/* "N_unmapped", "__no_feature", ... */
	const char *gene_id;		/* Ensembl or other ID as printed, or NULL */
	const char *symbol;			/* NULL when absent, empty or "?" */
	const char *entrez;			/* NULL when absent or empty */
	const char *gene_type;		/* STAR's gene_type, or NULL */
	int			gene_col;		/* 1-based column of the gene identifier */
	double	   *values;			/* nvalues parsed values */
	unsigned char *status;		/* num_status per value (textutil.h) */
	const char **raw;			/* raw text per value */
} expr_row;

typedef struct expr_reader expr_reader;

/*
 * Open path and read its headers.  NULL on failure with *err set to a
 * message (free()), prefixed "LINE: " when it concerns a line; *errno_out
 * (may be NULL) is nonzero when the failure was I/O.
 */
expr_reader *expr_open(const char *path, const expr_opts *opts, char **err,
					   int *errno_out);
const expr_info *expr_reader_info(const expr_reader *r);

/*
 * Next data line: 1 with *row set (valid until the next call), 0 at end of
 * file, -1 on a fatal read error (*err set, free()).  Blank and '#' lines
 * are skipped (counted by expr_lines_read).
 */
int			expr_next(expr_reader *r, const expr_row **row, char **err);
long		expr_lines_read(const expr_reader *r);	/* physical lines so far */
uint64_t	expr_offset(const expr_reader *r);	/* compressed bytes consumed */
void		expr_close(expr_reader *r);

#endif							/* EXPR_FORMAT_H */
