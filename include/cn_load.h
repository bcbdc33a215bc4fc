/*
 * cn_load.h: writing one copy-number file into the warehouse, inside the
 * load lifecycle (audit.h): segments into warehouse.copy_number_segment,
 * gene-level values packed into warehouse.gene_copy_number.
 */
#ifndef CN_LOAD_H
#define CN_LOAD_H

#include "audit.h"
#include "cn_format.h"

typedef struct genemap genemap;

typedef struct cn_job
{
	cn_reader  *reader;			/* open reader, or NULL when opening failed */
	char	   *open_error;		/* why opening failed ("LINE[:COL]: text") */
	int			open_errno;		/* nonzero when it was I/O */
	cn_build	build;			/* segments: the build to store (decided by the caller) */
	const char *build_source;	/* "meta file", "file name", "format", "--build", "study" */
	const char *sample_id;		/* single-specimen files: --sample or the sample sheet */
	const char *patient_id;		/* the sheet's Case ID, or NULL */
	const char *sample_type;	/* the sheet's Sample Type, or NULL */
	const char *sheet_file_id;	/* the sheet's File ID, for the record */
	genemap    *genes;			/* shared across the files of one run */
	void	   *chunks;			/* known gene chunk ids, shared across files */
} cn_job;

/* load_body for load_run(): arg is a cn_job whose reader reads segments. */
int			cn_load_segments_body(load_ctx *ctx, void *arg);

/* load_body for load_run(): arg is a cn_job whose reader reads gene-level lines. */
int			cn_load_genes_body(load_ctx *ctx, void *arg);

/* Free the run-wide cache kept in job->chunks (after a failed load too:
 * its rollback may have removed chunks the cache lists). */
void		cn_load_free_caches(cn_job *job);

#endif							/* CN_LOAD_H */
