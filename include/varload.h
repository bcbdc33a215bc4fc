/*
 * varload.h: the bodies of a mutation load (a MAF) and a variant load (a
 * VCF or BCF) for load_run(), inside the load lifecycle of audit.h.
 */
#ifndef VARLOAD_H
#define VARLOAD_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "audit.h"
#include "cli.h"
#include "dims.h"
#include "filehash.h"
#include "maf.h"
#include "vcf.h"

/* --sample-map "NAME=ID,NAME=ID": the IDs to use for the names a file gives. */
typedef struct sample_map
{
	int			n;
	char	  **from;
	char	  **to;
} sample_map;

/* Parse spec into m; false with *err set (free with free()) when malformed. */
bool		sample_map_parse(const char *spec, sample_map *m, char **err);
/* The ID for name, or name itself when the map does not list it. */
const char *sample_map_get(const sample_map *m, const char *name);
void		sample_map_free(sample_map *m);

typedef struct maf_job
{
	maf_reader *reader;			/* open reader, or NULL when opening failed */
	char	   *open_error;		/* why opening failed */
	bool		open_io;		/* it was an I/O error */
	const char *workflow;		/* --workflow, else the file's */
	const char *format;			/* --input-format, else the detected layout */
	const sample_map *samples;	/* --sample-map (may be empty) */
	genemap    *genes;			/* shared across the files of one run */
} maf_job;

/* load_body for load_run(): arg is a maf_job. */
int			maf_load_body(load_ctx *ctx, void *arg);

/* Input format name of a MAF layout ("gdc-aliquot-masked" -> "gdc-aliquot-maf"). */
const char *maf_format_name(const char *layout);

typedef struct vcf_job
{
	vcf_reader *reader;			/* open reader, or NULL when opening failed */
	char	   *open_error;
	bool		open_io;
	const char *workflow;		/* --workflow, else the file's */
	const char *build;			/* the header's build, else --build */
	const sample_map *samples;	/* --sample-map (may be empty) */
	genemap    *genes;
} vcf_job;

/* Workflow of a VCF: a caller named in the file name, else ##source's first word. */
const char *vcf_workflow_guess(const char *path, const vcf_info *info, char *out, size_t cap);

/* load_body for load_run(): arg is a vcf_job. */
int			vcf_load_body(load_ctx *ctx, void *arg);

/*
 * Print a reader's error about path in the one message format; a leading
 * "LINE: " in err becomes the message's line.
 */
void		varload_report(const char *path, const char *err);

/* The options "mutations" and "variants" share (varload_cli.c). */
typedef struct varload_opts
{
	cli_load_opts c;			/* -d, --study, --max-rejects, --force, --output */
	const char *build;			/* normalised: GRCh37 or GRCh38 */
	const char *region;			/* variants only */
	const char *workflow;
	const char *format;			/* one of the command's formats */
	sample_map	samples;
} varload_opts;

/* One of the two commands: how it differs. */
typedef struct varload_cmd
{
	const char *name;			/* "mutations", "variants" */
	void		(*usage) (void);
	const char *const *formats; /* --input-format values, NULL-terminated */
	bool		region;			/* takes --region */
	bool		needs_study;	/* --study is required */
	bool		(*keep) (const char *path);	/* a file a folder walk finds is one */
	/* load one file with the run's gene map; its exit code */
	int			(*load) (PGconn *conn, const varload_opts *o, const char *path, genemap *genes,
						 filehash_job *hash, load_status *status);
} varload_cmd;

/*
 * Parse the command line into *o: -1 when files follow (argv[optind...]),
 * else the exit code to return (help, version, a usage error).  Free
 * o->samples either way.
 */
int			varload_options(const varload_cmd *cmd, int argc, char **argv, varload_opts *o);

/* The whole command: options, then every file through the file loop. */
int			varload_main(const varload_cmd *cmd, int argc, char **argv);

/* Add "key": JSON (already valid JSON text) to the load's metadata. */
void		varload_meta_json(load_ctx *ctx, const char *key, const char *json);

#endif							/* VARLOAD_H */
