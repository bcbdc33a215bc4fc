/*
 * ingest.h: what "oncoload ingest" plans before it loads anything: the files
 * of a drop folder, a GDC download (sample sheet, manifest) or a cBioPortal
 * study folder, each classified by the loaders' own detectors and put in
 * dependency order.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stdbool.h>
#include <stddef.h>

/* In load order: a kind loads after every kind above it. */
typedef enum ingest_kind
{
	INGEST_GENES,				/* GENCODE GTF, NCBI gene_info */
	INGEST_CLINICAL,
	INGEST_BIOSPECIMEN,
	INGEST_MUTATIONS,			/* MAF */
	INGEST_VARIANTS,			/* VCF, BCF */
	INGEST_COPYNUMBER,
	INGEST_EXPRESSION,
	INGEST_AUXILIARY,			/* sample sheet, manifest, meta files, case lists */
	INGEST_IGNORED				/* not a kind oncoload loads */
} ingest_kind;

/* "genes", "clinical", ... "auxiliary", "ignored". */
const char *ingest_kind_name(ingest_kind k);

/* The oncoload command that loads k, or NULL for the last two. */
const char *ingest_kind_command(ingest_kind k);

/* Load order of k: 0 gene references, 1 clinical, 2 biospecimen, 3 genomic, 4 expression. */
int			ingest_kind_rank(ingest_kind k);

typedef struct ingest_file
{
	char	   *path;			/* as found (root joined with rel) */
	char	   *rel;			/* relative to the plan's root */
	ingest_kind kind;
	char	   *format;			/* detected format, or what the file is; NULL if unknown */
	char	   *note;			/* why it is not loaded, or NULL */
	char	   *md5;			/* MD5 a GDC manifest gives, or NULL */
	bool		missing;		/* listed in the manifest, not on disk */
} ingest_file;

typedef struct ingest_plan
{
	char	   *root;			/* the folder (a manifest's own folder) */
	ingest_file *files;			/* in load order; auxiliary and ignored last */
	size_t		n;
	size_t		cap;
	char	   *sample_sheet;	/* GDC sample sheet found, or NULL */
	char	   *manifest;		/* GDC manifest used for MD5s, or NULL */
	char	   *sheet_project;	/* the sheet's Project ID when it names one only */
} ingest_plan;

/*
 * Classify one file by content with the loaders' detectors (a cBioPortal
 * meta file beside it first).  *format and *note get new strings or NULL
 * (free()).
 */
ingest_kind ingest_classify(const char *path, char **format, char **note);

/*
 * Build the plan for arg, a folder (walked recursively) or a GDC manifest
 * (only the files it lists).  sheet is a sample sheet given on the command
 * line, or NULL to look for one.  Paths whose real path starts with one of
 * the NULL-terminated exclude list (archive and quarantine folders) are
 * left out.  Returns 0, or -1 after printing an error (arg unreadable, a
 * manifest without its columns).
 */
int			ingest_plan_build(ingest_plan *p, const char *arg, const char *sheet,
							  const char *const *exclude);
void		ingest_plan_free(ingest_plan *p);

#endif							/* INGEST_H */
