/*
 * driver.c: the shared file loop of the loading commands (see driver.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "driver.h"
#include "files.h"
#include "progress.h"

/*
 * Files and folders of the command line; failures counted in *nfailed.
 * (*named)[i] says whether file i was named rather than found in a folder.
 */
static void
collect(const driver *d, int argc, char **argv, int first, file_list *fl,
		bool **named, int *nfailed, int *first_fail)
{
	for (int i = first; i < argc; i++)
	{
		size_t		before = fl->n;

		if (files_add(fl, argv[i]) < 0)
		{
			(*nfailed)++;
			if (!*first_fail)
				*first_fail = ONC_EXIT_IO;
			continue;
		}
		*named = xrealloc(*named, (fl->n ? fl->n : 1) * sizeof(bool));
		/* files found in folders: only what the command loads */
		for (size_t j = before; j < fl->n;)
		{
			(*named)[j] = strcmp(fl->paths[j], argv[i]) == 0;
			if (!(*named)[j] && d->keep && !d->keep(fl->paths[j], d->arg))
			{
				free(fl->paths[j]);
				memmove(&fl->paths[j], &fl->paths[j + 1], (fl->n - j - 1) * sizeof(char *));
				fl->n--;
			}
			else
				j++;
		}
	}
}

int
driver_run(const driver *d, int argc, char **argv, int first)
{
	file_list	fl = {0};
	PGconn	   *conn = NULL;
	filehash_job *next_hash = NULL;
	bool	   *named = NULL;
	int			nok = 0,
				nfailed = 0,
				first_fail = 0,
				rc;

	collect(d, argc, argv, first, &fl, &named, &nfailed, &first_fail);
	if (fl.n == 0)
	{
		if (nfailed == 0)
			onc_info("no files found; nothing to load");
		rc = first_fail;
		goto done;
	}
	audit_set_arguments(argc, argv);
	conn = audit_connect(d->dbname, d->cmd);
	if (!conn)
	{
		rc = ONC_EXIT_DB;
		goto done;
	}
	/* each file's checksum is computed in the background while the one before loads */
	next_hash = filehash_start(fl.paths[0], "sha256");
	for (size_t i = 0; i < fl.n; i++)
	{
		load_status st = LOAD_FAILED;
		filehash_job *hash = next_hash;
		int			frc;

		next_hash = i + 1 < fl.n ? filehash_start(fl.paths[i + 1], "sha256") : NULL;
		progress_begin(fl.paths[i]);
		frc = d->load(conn, fl.paths[i], named[i], hash, d->arg, &st);
		progress_end();
		if (frc == ONC_EXIT_OK)
		{
			nok++;
			continue;
		}
		nfailed++;
		if (!first_fail)
			first_fail = frc;
		if (st == LOAD_FAILED && d->reset)
			d->reset(d->arg);
		if (PQstatus(conn) != CONNECTION_OK)
		{
			onc_error("lost the database connection; stopping");
			break;
		}
	}
	if (next_hash)
	{
		char		hex[129];

		filehash_finish(next_hash, hex, sizeof(hex), NULL);
	}
	if (nfailed == 0)
		rc = ONC_EXIT_OK;
	else if (nok == 0)
		rc = first_fail;
	else
		rc = ONC_EXIT_PARTIAL;
	if (fl.n > 1)
		onc_info("%zu file(s): %d loaded or skipped, %d failed", fl.n, nok, nfailed);
done:
	PQfinish(conn);
	files_free(&fl);
	free(named);
	return rc;
}
