/*
 * ingest_run.h: what an ingest run does with each file of its plan: run its
 * loader in a child process and read the outcome, write its line of the
 * JSON log, move it to the archive or the quarantine.
 */
#ifndef INGEST_RUN_H
#define INGEST_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "ingest.h"

typedef enum ingest_outcome
{
	INGEST_OUT_LOADED,
	INGEST_OUT_SKIPPED,			/* same bytes loaded before */
	INGEST_OUT_FAILED,
	INGEST_OUT_IGNORED
} ingest_outcome;

/* "loaded", "skipped", "failed", "ignored". */
const char *ingest_outcome_name(ingest_outcome o);

/* What happened to one file, for the log and the summary. */
typedef struct ingest_result
{
	ingest_outcome out;
	int			exit_code;		/* -1: no command ran */
	long long	load_id;		/* 0: none */
	char	   *command;		/* the command line run, or NULL (free()) */
	char	   *message;		/* or NULL (free()) */
} ingest_result;

/* A NULL-terminated argument vector being built. */
typedef struct ingest_argv
{
	char	  **v;
	int			n;
	int			cap;
} ingest_argv;

void		ingest_argv_push(ingest_argv *a, const char *s);
void		ingest_argv_free(ingest_argv *a);

/* The command line as one string, words with blanks quoted; free(). */
char	   *ingest_argv_join(const ingest_argv *a);

/*
 * Run a->v (argv[0] "oncoload", then the command and its arguments, one of
 * them "--output json") as this same program (/proc/self/exe): its stderr is
 * ours, its stdout is read for the outcome line the load prints.  Fills
 * r->out, r->exit_code, r->load_id and r->message (a failure's reason).
 */
void		ingest_run_child(const ingest_argv *a, ingest_result *r);

/* The kind as logged: "missing" for a file the manifest lists and the disk lacks. */
const char *ingest_kind_label(const ingest_file *f);

/* Append f's JSON line to log (nothing when log is NULL) and flush it. */
void		ingest_log_line(FILE *log, const ingest_file *f, const ingest_result *r);

/* mkdir -p; 0, or -1 with errno set. */
int			ingest_mkdirs(const char *dir);

/*
 * Move (with keep, copy) f to dir/REL, REL its path below p's root; a name
 * already taken gets ".1", ".2" ...  Folders a move leaves empty in the
 * drop folder are removed.  0, or -1 after printing.
 */
int			ingest_move(const ingest_plan *p, const ingest_file *f, const char *dir, bool keep);

/* Remove path's parent folders below root while they are empty. */
void		ingest_prune(const char *root, const char *path);

#endif							/* INGEST_RUN_H */
