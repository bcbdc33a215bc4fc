/*
 * cn_load_internal.h: what the segment and gene-level load bodies share
 * (cn_load.c, cn_gene_load.c): specimens, parts, warnings, the reader's
 * opening error.  Not part of any contract.
 */
#ifndef CN_LOAD_INTERNAL_H
#define CN_LOAD_INTERNAL_H

#include "cn_load.h"
#include "dims.h"

#define CN_WARNINGS_SHOWN 10
#define CN_WARNING_KINDS 8

/* Warnings: loaded lines worth a word (zero-length segments, ...). */
typedef struct cn_warnings
{
	const char *code[CN_WARNING_KINDS];
	int64_t		count[CN_WARNING_KINDS];
	int			shown;
} cn_warnings;

/* Print a warning (the first few of a load) and count it by code. */
void		cn_warn(load_ctx *ctx, cn_warnings *w, long line, int col, const char *code,
					const char *fmt,...) __attribute__((format(printf, 6, 7)));

/* Add the counts as "warnings": {"code": n, ...} to the load's metadata. */
void		cn_warnings_record(load_ctx *ctx, const cn_warnings *w);

/*
 * The specimen a line or column names (id), or the file's one specimen
 * (id NULL): see README, "Loading copy number".  aliquot_column: id comes
 * from a GDC_Aliquot column.  Returns 0, or -1 (printed).
 */
int			cn_resolve_specimen(load_ctx *ctx, const cn_job *job, const char *id,
								bool aliquot_column, dims_target *out);


/* Set audit.load_part.facts for n parts; 0 or -1. */
int			cn_update_part_facts(load_ctx *ctx, const int64_t *ids, const int64_t *facts, int n);

/* Print why the reader could not open the file; returns the exit code. */
int			cn_open_failed(load_ctx *ctx, const cn_job *job);

/* Format, workflow and the reader's findings into the load record. */
void		cn_record_info(load_ctx *ctx, const cn_job *job, const cn_info *info);

/* Reject for a reader problem; false when over the budget (printed). */
bool		cn_reject_problem(load_ctx *ctx, long line, const cn_problem *p, const char *raw);

#endif							/* CN_LOAD_INTERNAL_H */
