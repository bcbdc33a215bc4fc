/*
 * refgene.h: gene reference files for the gene dimension: GENCODE GTF
 * ("gene" records only) and NCBI gene_info.  Streaming: one record at a time.
 */
#ifndef REFGENE_H
#define REFGENE_H

#include <stdbool.h>

typedef enum refgene_format
{
	REFGENE_UNKNOWN = 0,
	REFGENE_GTF,
	REFGENE_GENE_INFO
} refgene_format;

typedef struct refgene
{
	const char *ensembl_id;		/* key: no version, _PAR_Y kept; NULL if none */
	const char *ensembl_version;	/* "" when none */
	const char *symbol;			/* NULL if none */
	long		entrez_id;		/* 0 if none */
	const char *gene_type;		/* gene_type / type_of_gene; NULL if none */
	const char *chromosome;		/* as the source writes it; NULL if none */
	long		start;			/* 1-based, 0 if unknown (GTF only) */
	long		end;
	char		strand;			/* '+', '-', or '\0' */
	const char *synonyms;		/* gene_info: '|'-separated, NULL if "-" */
	const char *description;	/* gene_info; NULL if none */
	int			tax_id;			/* gene_info; 0 for GTF */
	long		lineno;
} refgene;

typedef struct refgene_reader refgene_reader;

/* Open and detect the format from content; NULL with *err set (free()). */
refgene_reader *refgene_open(const char *path, char **err);
refgene_format refgene_reader_format(const refgene_reader *r);
const char *refgene_format_name(refgene_format f);	/* "gencode-gtf", "ncbi-gene-info" */

/*
 * Next gene record: 1 with *g filled (strings valid until the next call),
 * 0 at end, -1 for a malformed line: *err says why (free()) and reading may
 * go on with the next call.  Non-gene GTF records are skipped and counted.
 */
int			refgene_next(refgene_reader *r, refgene *g, char **err);
long		refgene_lines_read(const refgene_reader *r);	/* physical lines */
long		refgene_lines_skipped(const refgene_reader *r); /* comments, non-gene GTF rows */
const char *refgene_io_error(const refgene_reader *r);
void		refgene_close(refgene_reader *r);

#endif							/* REFGENE_H */
