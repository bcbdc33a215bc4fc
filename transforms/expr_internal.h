/*
 * expr_internal.h: what expr_format.c (detection, rows) and expr_header.c
 * (reading each layout's header) share.  Not part of any contract.
 */
#ifndef EXPR_INTERNAL_H
#define EXPR_INTERNAL_H

#include "cbio_meta.h"
#include "expr_format.h"
#include "lineio.h"
#include "onc.h"

/* A significant line read while opening, kept for replay. */
typedef struct expr_line
{
	onc_buf		text;
	long		lineno;
	bool		present;
} expr_line;

struct expr_reader
{
	lineio	   *lr;
	char	   *path;
	char	   *opt_measure;	/* copy of opts->measure, or NULL */
	expr_info	info;
	long		lineno;			/* physical line last handled */

	/* the first two significant lines; header lines are consumed */
	expr_line	head[2];
	int			nheader;		/* how many of head[] are header lines */
	int			replay;			/* next head[] to hand out as data */

	/* column roles, 0-based; -1 when the layout has none */
	int			gene_col;		/* Ensembl / generic identifier */
	int			symbol_col;		/* STAR gene_name, cBio Hugo_Symbol */
	int			entrez_col;		/* cBio Entrez_Gene_Id */
	int			type_col;		/* STAR gene_type */

	/* the current row and its storage */
	expr_row	row;
	onc_buf		raw;			/* copy of the unsplit line */
	char		errmsg[128];	/* row->error */
	char	  **fields;
	int			fieldcap;

	/* strings expr_info points at */
	char	   *gene_model;
	char	   *study_hint;
	char	   *meta_path;
	cbio_meta  *meta;			/* while opening only */
};

/*
 * Split a line in place into at most max fields and return the number of
 * fields found: TSV for '\t', CSV with quotes removed for ','.
 */
int			expr_split(char *line, char sep, char **fields, int max);

/* Remove one pair of surrounding double quotes and blanks, in place. */
char	   *expr_unquote(char *s);

/*
 * True when a cBioPortal matrix may have a column so named before its
 * samples; *gene tells whether it is a gene column (Hugo_Symbol,
 * Entrez_Gene_Id) rather than one to ignore (Cytoband, ...).
 */
bool		expr_cbio_lead_column(const char *name, bool *gene);

/*
 * Read the header of each layout from r->head[] and fill r->info and the
 * column roles.  false with *err set ("LINE: text", free()).
 */
bool		expr_setup_star(expr_reader *r, char **err);
bool		expr_setup_htseq(expr_reader *r, char **err);
bool		expr_setup_cbio(expr_reader *r, char **err);
bool		expr_setup_firehose(expr_reader *r, char **err);
bool		expr_setup_generic(expr_reader *r, char **err);

#endif							/* EXPR_INTERNAL_H */
