/*
 * expr_load.h: writing one expression file into the warehouse, inside the
 * load lifecycle (audit.h): specimens, parts, genes, packed facts, QC rows.
 */
#ifndef EXPR_LOAD_H
#define EXPR_LOAD_H

#include "audit.h"
#include "expr_format.h"

/* Genes per packed fact row (warehouse.gene_chunk); see sql/001_core.sql. */
#define EXPR_CHUNK_GENES 240

typedef struct genemap genemap;

typedef struct expr_job
{
	expr_reader *reader;		/* open reader, or NULL when opening failed */
	char	   *open_error;		/* why opening failed */
	int			open_errno;		/* nonzero when it was I/O */
	const char *sample_id;		/* single-sample files: the sample or aliquot */
	const char *patient_id;		/* from a sample sheet's Case ID, or NULL */
	const char *sample_type;	/* from a sample sheet, or NULL */
	const char *sheet_file_id;	/* sample sheet File ID, for the record */
	genemap    *genes;			/* shared across the files of one run */
	void	   *chunks;			/* chunk ids the warehouse has (strmap), for the run */
	void	   *order;			/* gene order of an earlier file: a look-up hint */
	void	   *measures;		/* measure name -> key, for the run (strmap) */
} expr_job;

/* load_body for load_run(): arg is an expr_job. */
int			expr_load_body(load_ctx *ctx, void *arg);

/* Free the run-wide caches kept in job->chunks, job->order and job->measures. */
void		expr_load_free_caches(expr_job *job);

#endif							/* EXPR_LOAD_H */
