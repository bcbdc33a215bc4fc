/*
 * audit.h: the load lifecycle every loader shares.  One file is one load:
 * checksum, skip if the same bytes are already loaded, a "running" record
 * committed on its own, then the facts and the finished record in one
 * transaction; on failure nothing of the file stays and the load is recorded
 * as failed (with its rejects) in a transaction of its own.
 */
#ifndef AUDIT_H
#define AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libpq-fe.h>

#include "onc.h"

/* Remember the command line for audit.load.arguments (call from main). */
void		audit_set_arguments(int argc, char **argv);

/*
 * Mark loads whose process died (status running, nobody holding their
 * session lock) as failed.  Returns how many, or -1 on a database error.
 */
int			audit_reap(PGconn *conn);

/*
 * Connect (db_connect) and reap: what every command that reads or writes
 * the warehouse does first.  NULL after printing why.
 */
PGconn	   *audit_connect(const char *conninfo, const char *cmd);

typedef struct load_spec
{
	const char *command;		/* "expression", "genes", ... */
	const char *path;			/* file as given on the command line */
	const char *study_id;		/* NULL for study-less loads (gene references) */
	const char *data_type;		/* "expression", "gene_reference" */
	const char *input_format;	/* may be refined by the body (load_set_format) */
	const char *workflow;
	bool		force;			/* reload the same bytes */
	long		max_rejects;	/* rejects allowed before the load fails */
	bool		json;			/* print the outcome as a JSON line */
	struct filehash_job *hash;	/* SHA-256 already being computed, or NULL */
} load_spec;

typedef struct load_ctx
{
	PGconn	   *conn;
	const load_spec *spec;
	int64_t		load_id;
	char		load_id_text[24];
	int			study_key;		/* 0 for study-less loads */
	char		study_key_text[16];
	char	   *abspath;
	char		sha256[65];		/* "" while the checksum is pending */
	uint64_t	size;
	struct filehash_job *hash;	/* the checksum still being computed, or NULL */
	char	   *input_format;	/* as finally detected */
	char	   *workflow;
	onc_buf		metadata;		/* JSON object members "k":v,... (no braces) */

	int64_t		records_read;
	int64_t		records_loaded;
	int64_t		records_rejected;
	int64_t		records_filtered;
	int64_t		facts_written;
	int64_t		values_rejected;
	int64_t		values_missing;

	int64_t		rejects;		/* reject rows written */
	FILE	   *spool;			/* reject rows, COPY text format */
	bool		genes_locked;
	bool		locked;			/* holds the session lock on load_id */
	bool		sample_parts;	/* load_add_part(s) wrote parts on samples */
	int			messages_shown;
} load_ctx;

/*
 * The body of a load: runs inside the load's transaction, after its locks.
 * Returns ONC_EXIT_OK, or an exit code after printing why (the transaction
 * is then rolled back).
 */
typedef int (*load_body) (load_ctx *ctx, void *arg);

typedef enum load_status
{
	LOAD_SUCCEEDED,
	LOAD_SKIPPED,
	LOAD_FAILED
} load_status;

/*
 * Run one load of spec->path.  Returns the exit code for this file
 * (ONC_EXIT_OK for succeeded and skipped); *status says which.
 */
int			load_run(PGconn *conn, const load_spec *spec, load_body body,
					 void *arg, load_status *status);

/* Set the detected format and workflow (copied). */
void		load_set_format(load_ctx *ctx, const char *format, const char *workflow);

/* Add "key": "value" (string, JSON-escaped) to the load's metadata. */
void		load_meta_str(load_ctx *ctx, const char *key, const char *value);
void		load_meta_int(load_ctx *ctx, const char *key, int64_t value);

/*
 * Record a rejected line (col 0) or cell.  Prints the message (the first
 * few of a load; a count after that).  Returns false when the reject budget
 * (--max-rejects) is exceeded, having said so once: the caller then fails
 * the load with ONC_EXIT_INPUT.  raw may be NULL; it is cut to 4 KB.
 */
bool		load_reject(load_ctx *ctx, long line, int col, const char *reason,
						const char *raw, const char *fmt,...)
			__attribute__((format(printf, 6, 7)));

/*
 * Add an audit.load_part row for this load (data type and workflow from
 * the load) on a sample, an aliquot (0: none) and a measure (0: none).
 * Returns its part_id, or 0 after printing a database error.
 */
int64_t		load_add_part(load_ctx *ctx, int sample_key, int aliquot_key, int measure_key);

/*
 * n parts in one statement: part i for sample_keys[i], aliquot_keys[i] and
 * measure_keys[i] (either array may be NULL; a key of 0 is none), its id in
 * part_ids[i].  The n key triples must differ.  0 or -1 (printed).
 */
int			load_add_parts(load_ctx *ctx, int n, const int *sample_keys,
						   const int *aliquot_keys, const int *measure_keys,
						   int64_t *part_ids);

/* Take the gene dimension lock (last in the lock order); 0 or -1. */
int			load_lock_genes(load_ctx *ctx);

#endif							/* AUDIT_H */
