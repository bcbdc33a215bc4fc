/*
 * driver.h: the file loop every loading command shares: expand files and
 * folders, connect, mark dead loads failed, load each file (hashing the next
 * one in the background), and turn the outcomes into one exit code.
 */
#ifndef DRIVER_H
#define DRIVER_H

#include <stdbool.h>
#include <libpq-fe.h>

#include "audit.h"
#include "filehash.h"

typedef struct driver
{
	const char *cmd;			/* "expression", ... */
	const char *dbname;			/* -d, or NULL for the PG* variables */

	/*
	 * Keep a file found inside a folder (files named on the command line are
	 * always kept); NULL keeps all.
	 */
	bool		(*keep) (const char *path, void *arg);

	/*
	 * Load one file; named is false for a file found inside a folder.  hash
	 * is its SHA-256 being computed: pass it on in load_spec.hash, or finish
	 * it with filehash_finish() when the file is not loaded.  Returns the
	 * file's exit code; *status says what happened.
	 */
	int			(*load) (PGconn *conn, const char *path, bool named, filehash_job *hash,
						 void *arg, load_status *status);

	/* After a failed load: drop caches its rollback made stale (may be NULL). */
	void		(*reset) (void *arg);
	void	   *arg;
} driver;

/*
 * Run d over the files and folders argv[first..argc-1] (argv is recorded
 * with each load).  Returns ONC_EXIT_OK when every file loaded or was
 * skipped, the first failure's code when all failed, else ONC_EXIT_PARTIAL.
 */
int			driver_run(const driver *d, int argc, char **argv, int first);

#endif							/* DRIVER_H */
