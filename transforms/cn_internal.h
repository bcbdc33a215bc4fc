/*
 * cn_internal.h: what the copy-number reader's files share: cn_reader.c
 * (opening, detection), cn_header.c (each layout's header) and cn_rows.c
 * (data lines).  Not part of any contract.
 */
#ifndef CN_INTERNAL_H
#define CN_INTERNAL_H

#include "cbio_meta.h"
#include "cn_format.h"
#include "lineio.h"
#include "onc.h"
#include "strmap.h"

/* A significant line read ahead while opening, handed out again. */
typedef struct cn_line
{
	onc_buf		text;
	long		lineno;
	bool		present;
} cn_line;

struct cn_reader
{
	lineio	   *lr;
	char	   *path;
	cn_opts		opts;
	cn_info		info;
	long		lineno;			/* physical line last handled */

	cn_line		head[2];		/* header, and the first data line */
	int			replay;			/* next head[] to hand out as data */
	char		sep;			/* '\t', ',' or ' ' */
	bool		quoted;			/* R wrote it: fields may be quoted */
	int			shift;			/* 1 when data lines lead with a row name */

	/* segment columns, 0-based, -1 when absent */
	int			c_sample,
				c_chrom,
				c_start,
				c_end,
				c_probes,
				c_mean,
				c_cn,
				c_major,
				c_minor;
	cn_build	build;			/* chromosome lengths are checked against */

	/* gene-level columns */
	int			c_symbol,
				c_entrez,
				c_ensembl,
				c_value;		/* long format: Value; c_sample is Sample_Id */
	int			min_fields;		/* long format: fields a line needs */
	int			nvalcols;		/* matrix and GDC gene: value columns */
	int		   *valcol;			/* 0-based column per value */
	int		   *valsample;
	int		   *valmeasure;
	strmap	   *sample_index;	/* long format: sample name -> index */
	int			samplecap;

	/* the current line */
	onc_buf		raw;
	char	  **fields;
	int			fieldcap;
	char		nothing[1];		/* the fields a line left off */
	cn_problem	problems[CN_MAX_PROBLEMS];
	int			nproblems;
	cn_segment	seg;
	cn_gene_row grow;
	int		   *cell_sample;
	int		   *cell_measure;
	int		   *cell_col;
	double	   *values;
	unsigned char *status;
	const char **cells;
	int			cellcap;

	/* strings cn_info points at */
	char	   *study_hint;
	char	   *study_build;
	char	   *meta_path;
	char	   *profile;
	char	   *workflow;
	onc_buf		ignored;
};

/* Remove blanks and one pair of double quotes around s, in place. */
char	   *cn_unquote(char *s);

/*
 * Split line in place at sep (a run of blanks when sep is ' '); stores up
 * to max fields and returns how many there are.
 */
int			cn_split(char *line, char sep, char **fields, int max);

/* The next line that is not blank or a '#' comment, or NULL. */
char	   *cn_next_line(cn_reader *r);

/* The header split on its own copy: lower-cased, unquoted names. */
typedef struct cn_header
{
	char	   *copy;
	char	  **f;				/* as written, unquoted and trimmed */
	char	  **lower;
	int			n;
} cn_header;

void		cn_header_split(cn_header *h, const char *text, char sep);
void		cn_header_free(cn_header *h);

/* The format a header shows (R's quoting and row names tell DNAcopy). */
cn_format	cn_detect_content(const cn_header *h, bool quoted, int shift);

/*
 * Read each layout's header into r: column roles, samples, measures,
 * ignored columns.  false with *err set ("LINE[:COL]: text", free()).
 */
bool		cn_setup_segments(cn_reader *r, const cn_header *h, char **err);
bool		cn_setup_matrix(cn_reader *r, const cn_header *h, const cbio_meta *m, char **err);
bool		cn_setup_long(cn_reader *r, const cn_header *h, char **err);
bool		cn_setup_gdc_gene(cn_reader *r, const cn_header *h, char **err);

/* The base name of path, lower-cased; free with free(). */
char	   *cn_lower_base(const char *path);

/* Make room for n cells in the row arrays. */
void		cn_cells_reserve(cn_reader *r, int n);

#endif							/* CN_INTERNAL_H */
