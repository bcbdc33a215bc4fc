/*
 * clin_load.h: writing one clinical or biospecimen file into the warehouse
 * inside the load lifecycle (audit.h): patients, samples and aliquots
 * resolved, every field a row of warehouse.clinical_fact (typed through
 * the clinical model, else as the source gives it) by binary COPY, earlier
 * values of the same attributes superseded, one audit.load_part per patient.
 */
#ifndef CLIN_LOAD_H
#define CLIN_LOAD_H

#include "audit.h"
#include "clin.h"

/* Keys of patients and samples already resolved in this run, and the model
 * attribute of each field name met. */
typedef struct clin_cache clin_cache;

clin_cache *clin_cache_new(void);
/* Forget every key (after a failed load: its rows were rolled back). */
void		clin_cache_reset(clin_cache *c);
void		clin_cache_free(clin_cache *c);

typedef struct clin_job
{
	clin_reader *reader;		/* open reader, or NULL when opening failed */
	char	   *open_error;		/* why opening failed ("LINE: text" or text) */
	int			open_errno;		/* nonzero when it was I/O */
	clin_cache *cache;
} clin_job;

/* load_body for load_run(): arg is a clin_job. */
int			clin_load_body(load_ctx *ctx, void *arg);

#endif							/* CLIN_LOAD_H */
