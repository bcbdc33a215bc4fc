/*
 * cmd_ingest.c: oncoload ingest -- load whatever a drop folder, a GDC
 * download or a cBioPortal study folder holds, in dependency order, each
 * file by its own command in a child process (so one failing file never
 * stops the others), for cron and systemd timers.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cbio_meta.h"
#include "cli.h"
#include "db.h"
#include "filehash.h"
#include "files.h"
#include "ingest.h"
#include "ingest_run.h"
#include "samplesheet.h"

/*
 * Advisory lock class of ingest runs (first key of the two-key form; the
 * loads' classes are 0x6f6e6301..03 in audit.c).  Held for the whole run on
 * a session of its own, so runs on other hosts against the same warehouse
 * exclude each other too.
 */
#define LOCK_INGEST 0x6f6e6349

static void
usage(void)
{
	printf("oncoload ingest loads every file of a folder or GDC manifest, in order.\n\n"
		   "Usage:\n  oncoload ingest [OPTION]... DIR|MANIFEST\n\n"
		   "DIR is a drop folder (walked recursively), a GDC download with its sample\n"
		   "sheet or manifest (gdc_manifest*.txt, MANIFEST.txt), or a cBioPortal study\n"
		   "folder with its meta files; MANIFEST loads only the files it lists.  Files\n"
		   "are classified by content and loaded gene references first, then clinical,\n"
		   "biospecimen, genomic (mutations, variants, copy number) and expression, each\n"
		   "by its own command as a separate load.  Files already loaded are skipped; a\n"
		   "file whose MD5 differs from the manifest's fails without loading.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study, passed to every loader (default: what\n"
		   "                            each file or its sample sheet says)\n"
		   "      --sample-sheet=FILE   GDC sample sheet (default: gdc_sample_sheet* found)\n"
		   "      --build=BUILD         genome build for files that state none\n"
		   "      --max-rejects=N       rejects allowed per file (default 0)\n"
		   "      --min-age=SECONDS     leave files modified less than SECONDS ago for a\n"
		   "                            later run (default 0: take everything)\n"
		   "      --archive=DIR         move loaded and skipped files here (same relative path)\n"
		   "      --quarantine=DIR      move failed files here (same relative path)\n"
		   "      --log=FILE            append one JSON line per file\n"
		   "      --dry-run             print the plan, in load order, and load nothing\n"
		   "      --quiet               print only warnings, errors and failed files\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_STUDY = 1001,
	OPT_SHEET,
	OPT_BUILD,
	OPT_MAX_REJECTS,
	OPT_MIN_AGE,
	OPT_ARCHIVE,
	OPT_QUARANTINE,
	OPT_LOG,
	OPT_DRY_RUN
};

typedef struct options
{
	const char *dbname;
	const char *study;
	const char *sheet;
	const char *build;
	const char *max_rejects;
	long		min_age;		/* seconds; 0 takes every file */
	const char *archive;
	const char *quarantine;
	const char *log;
	bool		dry_run;
} options;

/* -------------------------------------------------------- child loads */

/* Is path listed in the sample sheet (by its File ID folder or name)? */
static bool
in_sheet(const samplesheet *ss, const char *path)
{
	char		base[PATH_MAX],
				parent[PATH_MAX];

	if (!ss)
		return false;
	files_base(path, base, sizeof(base));
	files_parent(path, parent, sizeof(parent));
	return samplesheet_find(ss, parent, base) != NULL;
}

/* The command line that loads f. */
static void
build_command(ingest_argv *a, const options *o, const ingest_plan *p,
			  const samplesheet *ss, const ingest_file *f)
{
	ingest_kind k = f->kind;

	ingest_argv_push(a, "oncoload");
	ingest_argv_push(a, ingest_kind_command(k));
	if (o->dbname)
	{
		ingest_argv_push(a, "-d");
		ingest_argv_push(a, o->dbname);
	}
	ingest_argv_push(a, "--output");
	ingest_argv_push(a, "json");
	if (onc_quiet)
		ingest_argv_push(a, "--quiet");
	if (k != INGEST_GENES)
	{
		const char *study = o->study;

		/* a MAF names no study: the sheet's one project, unless a meta file says */
		if (!study && (k == INGEST_MUTATIONS || k == INGEST_VARIANTS) && p->sheet_project)
		{
			cbio_meta  *m = cbio_meta_find_for(f->path);

			if (m)
				cbio_meta_free(m);
			else
				study = p->sheet_project;
		}
		if (study)
		{
			ingest_argv_push(a, "--study");
			ingest_argv_push(a, study);
		}
	}
	/* with a sheet the loaders take only what it lists: pass it for those */
	if ((k == INGEST_EXPRESSION || k == INGEST_COPYNUMBER) && in_sheet(ss, f->path))
	{
		ingest_argv_push(a, "--sample-sheet");
		ingest_argv_push(a, p->sample_sheet);
	}
	if (o->build && (k == INGEST_MUTATIONS || k == INGEST_VARIANTS || k == INGEST_COPYNUMBER))
	{
		ingest_argv_push(a, "--build");
		ingest_argv_push(a, o->build);
	}
	if (o->max_rejects)
	{
		ingest_argv_push(a, "--max-rejects");
		ingest_argv_push(a, o->max_rejects);
	}
	ingest_argv_push(a, "--");
	ingest_argv_push(a, f->path);
}

/* -------------------------------------------------------------- locks */

/*
 * Lock the folder (flock) and the warehouse (an advisory lock on a session
 * held for the run).  Returns ONC_EXIT_OK, ONC_EXIT_LOCKED or another exit
 * code after printing.
 */
static int
take_locks(const options *o, const ingest_plan *p, int *dirfd, PGconn **conn)
{
	char		cls[16];
	const char *params[1] = {cls};
	char	   *got;

	*dirfd = open(p->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*dirfd < 0)
	{
		onc_msg(ONC_ERROR, p->root, 0, 0, "cannot open folder: %s", strerror(errno));
		return ONC_EXIT_IO;
	}
	if (flock(*dirfd, LOCK_EX | LOCK_NB) != 0)
	{
		onc_msg(ONC_ERROR, p->root, 0, 0, "another ingest run is working on this folder");
		onc_hint("It holds a lock (flock) on the folder; this run stops without loading.");
		return ONC_EXIT_LOCKED;
	}
	*conn = db_connect(o->dbname, "ingest");
	if (!*conn)
		return ONC_EXIT_DB;
	snprintf(cls, sizeof(cls), "%d", LOCK_INGEST);
	got = db_value(*conn, "SELECT pg_catalog.pg_try_advisory_lock($1::int, 0)", 1, params, NULL);
	if (!got)
		return ONC_EXIT_DB;
	if (strcmp(got, "t") != 0)
	{
		char	   *who = db_value(*conn,
								   "SELECT format('backend pid %s, %s, from %s since %s', a.pid, "
								   "coalesce(nullif(a.application_name, ''), 'no application name'), "
								   "coalesce(a.client_hostname, host(a.client_addr), 'a local socket'), "
								   "to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')) "
								   "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a USING (pid) "
								   "WHERE l.locktype = 'advisory' AND l.granted "
								   "AND l.classid = $1::int::oid AND l.objid = 0 AND l.objsubid = 2 LIMIT 1",
								   1, params, NULL);

		onc_error("another ingest run holds the warehouse's ingest lock; not starting");
		if (who)
			onc_detail("held by %s", who);
		onc_hint("Runs exclude each other through advisory lock (%#x, 0); this run loaded nothing.",
				 (unsigned) LOCK_INGEST);
		free(who);
		free(got);
		return ONC_EXIT_LOCKED;
	}
	free(got);
	return ONC_EXIT_OK;
}

/* -------------------------------------------------------------- main */

static void
print_plan(const ingest_plan *p, const samplesheet *ss, const options *o)
{
	int			step = 0;

	for (size_t i = 0; i < p->n; i++)
	{
		const ingest_file *f = &p->files[i];

		if (f->missing)
			printf("   -  %-12s %s (missing: listed in the manifest)\n", "failed", f->rel);
		else if (ingest_kind_command(f->kind))
		{
			ingest_argv a = {0};
			char	   *cmd;

			build_command(&a, o, p, ss, f);
			cmd = ingest_argv_join(&a);
			printf("%4d  %-12s %s (%s)\n      %s\n", ++step, ingest_kind_name(f->kind), f->rel,
				   f->format ? f->format : "?", cmd);
			free(cmd);
			ingest_argv_free(&a);
		}
		else
			printf("   -  %-12s %s (%s%s%s)\n", ingest_kind_name(f->kind), f->rel,
				   f->format ? f->format : "", f->format ? ": " : "", f->note ? f->note : "");
	}
}

/* Full path of a directory option, created unless dry; NULL after printing. */
static char *
prepare_dir(const char *dir, bool dry)
{
	char	   *real;

	if (dry)
	{
		real = realpath(dir, NULL);
		return real ? real : xstrdup(dir);
	}
	if (ingest_mkdirs(dir) < 0)
	{
		onc_msg(ONC_ERROR, dir, 0, 0, "cannot create folder: %s", strerror(errno));
		return NULL;
	}
	real = realpath(dir, NULL);
	if (!real)
		onc_msg(ONC_ERROR, dir, 0, 0, "cannot resolve folder: %s", strerror(errno));
	return real;
}

/*
 * A file modified less than min_age seconds ago may still be being written:
 * true (r filled: ignored this time) when it is left for a later run.
 */
static bool
too_young(const ingest_file *f, long min_age, ingest_result *r)
{
	struct stat st;
	time_t		now = time(NULL);

	if (min_age <= 0 || stat(f->path, &st) != 0 || st.st_mtime <= now - min_age)
		return false;
	r->out = INGEST_OUT_IGNORED;
	r->message = xasprintf("modified %lds ago (--min-age %ld): left for a later run",
						   (long) (now - st.st_mtime), min_age);
	return true;
}

/* Check f against the manifest's MD5; false (r filled) when it fails. */
static bool
md5_ok(const ingest_file *f, ingest_result *r)
{
	char		hex[65];

	if (!f->md5)
		return true;
	if (filehash(f->path, "md5", hex, sizeof(hex), NULL) < 0)
	{
		r->out = INGEST_OUT_FAILED;
		r->exit_code = ONC_EXIT_IO;
		r->message = xasprintf("cannot read the file for its MD5: %s", strerror(errno));
		return false;
	}
	if (strcmp(hex, f->md5) != 0)
	{
		r->out = INGEST_OUT_FAILED;
		r->exit_code = ONC_EXIT_INPUT;
		r->message = xasprintf("MD5 %s differs from the manifest's %s: not loaded", hex, f->md5);
		return false;
	}
	return true;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
ingest(const options *o, const char *arg)
{
	ingest_plan p;
	samplesheet *ss = NULL;
	char	   *archive = NULL,
			   *quarantine = NULL;
	const char *exclude[3] = {NULL, NULL, NULL};
	FILE	   *log = NULL;
	PGconn	   *conn = NULL;
	int			dirfd = -1;
	int			rc = ONC_EXIT_OK;
	int			count[4] = {0, 0, 0, 0};
	bool		data_left = false;
	double		t0 = now_s();

	memset(&p, 0, sizeof(p));
	if (o->archive && !(archive = prepare_dir(o->archive, o->dry_run)))
		return ONC_EXIT_IO;
	if (o->quarantine && !(quarantine = prepare_dir(o->quarantine, o->dry_run)))
	{
		free(archive);
		return ONC_EXIT_IO;
	}
	exclude[0] = archive ? archive : quarantine;
	exclude[1] = archive ? quarantine : NULL;
	if (ingest_plan_build(&p, arg, o->sheet, exclude) < 0)
	{
		rc = ONC_EXIT_IO;
		goto done;
	}
	if (p.sample_sheet)
	{
		if (!(ss = cli_read_samplesheet(p.sample_sheet)))
		{
			rc = ONC_EXIT_INPUT;
			goto done;
		}
	}
	if (o->dry_run)
	{
		print_plan(&p, ss, o);
		goto done;
	}
	if (o->log && !(log = fopen(o->log, "ae")))
	{
		onc_msg(ONC_ERROR, o->log, 0, 0, "cannot open the log: %s", strerror(errno));
		rc = ONC_EXIT_IO;
		goto done;
	}
	if ((rc = take_locks(o, &p, &dirfd, &conn)) != ONC_EXIT_OK)
		goto done;

	for (size_t i = 0; i < p.n; i++)
	{
		ingest_file *f = &p.files[i];
		ingest_result r = {INGEST_OUT_IGNORED, -1, 0, NULL, NULL};
		const char *cmd = ingest_kind_command(f->kind);

		if (f->missing)
		{
			char	   *was = archive ? xasprintf("%s/%s", archive, f->rel) : NULL;

			/* an earlier run archived it: the manifest is still here */
			if (was && access(was, F_OK) == 0)
			{
				r.out = INGEST_OUT_SKIPPED;
				r.message = xstrdup("listed in the manifest; archived by an earlier run");
			}
			else
			{
				r.out = INGEST_OUT_FAILED;
				r.exit_code = ONC_EXIT_IO;
				r.message = xstrdup("listed in the manifest, not found on disk");
			}
			free(was);
		}
		else if (!cmd)
			r.message = f->note ? xstrdup(f->note) : NULL;
		else if (too_young(f, o->min_age, &r))
			data_left = true;
		else if (md5_ok(f, &r))
		{
			ingest_argv a = {0};

			build_command(&a, o, &p, ss, f);
			r.command = ingest_argv_join(&a);
			ingest_run_child(&a, &r);
			ingest_argv_free(&a);
		}

		/* where the file goes */
		if (!f->missing && cmd)
		{
			const char *to = r.out == INGEST_OUT_FAILED ? quarantine :
				r.out == INGEST_OUT_IGNORED ? NULL : archive;

			if (to && ingest_move(&p, f, to, false) < 0)
			{
				if (r.out != INGEST_OUT_FAILED)
				{
					char	   *m = xasprintf("%s%scannot move it to %s", r.message ? r.message : "",
											  r.message ? "; " : "", to);

					free(r.message);
					r.message = m;
				}
				data_left = true;
			}
			else if (!to && r.out != INGEST_OUT_IGNORED)
				data_left = true;
		}

		count[r.out]++;
		ingest_log_line(log, f, &r);
		if (r.out == INGEST_OUT_FAILED)
			onc_msg(ONC_ERROR, f->path, 0, 0, "%s file failed: %s", ingest_kind_label(f),
					r.message ? r.message : "?");
		if (!onc_quiet)
		{
			printf("%-8s %-12s %s", ingest_outcome_name(r.out), ingest_kind_label(f), f->rel);
			if (r.load_id > 0)
				printf(" (load %lld)", r.load_id);
			else if (r.out == INGEST_OUT_IGNORED && r.message)
				printf(" (%s)", r.message);
			printf("\n");
			fflush(stdout);
		}
		free(r.command);
		free(r.message);
	}

	/*
	 * Sample sheets, manifests and meta files go with their data: copied
	 * beside what was archived or quarantined, and removed once no data file
	 * of theirs is left in the drop folder.
	 */
	if (archive || quarantine)
		for (size_t i = 0; i < p.n; i++)
		{
			ingest_file *f = &p.files[i];

			if (f->kind != INGEST_AUXILIARY)
				continue;
			if (archive && count[INGEST_OUT_LOADED] + count[INGEST_OUT_SKIPPED] > 0)
				ingest_move(&p, f, archive, true);
			if (quarantine && count[INGEST_OUT_FAILED] > 0)
				ingest_move(&p, f, quarantine, true);
			if (!data_left && unlink(f->path) == 0)
				ingest_prune(p.root, f->path);
		}

	if (!onc_quiet || count[INGEST_OUT_FAILED] > 0)
		printf("ingest %s: %zu file(s) found: %d loaded, %d skipped, %d failed, %d ignored "
			   "in %.1f s\n", arg, p.n, count[INGEST_OUT_LOADED], count[INGEST_OUT_SKIPPED],
			   count[INGEST_OUT_FAILED], count[INGEST_OUT_IGNORED], now_s() - t0);
	rc = count[INGEST_OUT_FAILED] > 0 ? ONC_EXIT_PARTIAL : ONC_EXIT_OK;

done:
	if (conn)
		PQfinish(conn);			/* ends the session: the advisory lock goes */
	if (dirfd >= 0)
		close(dirfd);
	if (log && fclose(log) != 0)
	{
		onc_msg(ONC_ERROR, o->log, 0, 0, "cannot write the log: %s", strerror(errno));
		if (rc == ONC_EXIT_OK)
			rc = ONC_EXIT_IO;
	}
	samplesheet_free(ss);
	ingest_plan_free(&p);
	free(archive);
	free(quarantine);
	return rc;
}

int
cmd_ingest(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"study", required_argument, NULL, OPT_STUDY},
		{"sample-sheet", required_argument, NULL, OPT_SHEET},
		{"build", required_argument, NULL, OPT_BUILD},
		{"max-rejects", required_argument, NULL, OPT_MAX_REJECTS},
		{"min-age", required_argument, NULL, OPT_MIN_AGE},
		{"archive", required_argument, NULL, OPT_ARCHIVE},
		{"quarantine", required_argument, NULL, OPT_QUARANTINE},
		{"log", required_argument, NULL, OPT_LOG},
		{"dry-run", no_argument, NULL, OPT_DRY_RUN},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	options		o;
	int			c;
	long		n;

	memset(&o, 0, sizeof(o));
	if (cli_wants_help(argc, argv))
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_STUDY:
				o.study = optarg;
				break;
			case OPT_SHEET:
				o.sheet = optarg;
				break;
			case OPT_BUILD:
				o.build = optarg;
				break;
			case OPT_MAX_REJECTS:
				if (!cli_parse_count(optarg, &n))
					return cli_usage_error("ingest", "--max-rejects needs a whole number, not \"%s\"", optarg);
				o.max_rejects = optarg;
				break;
			case OPT_MIN_AGE:
				if (!cli_parse_count(optarg, &o.min_age))
					return cli_usage_error("ingest", "--min-age needs a whole number of seconds, not \"%s\"", optarg);
				break;
			case OPT_ARCHIVE:
				o.archive = optarg;
				break;
			case OPT_QUARANTINE:
				o.quarantine = optarg;
				break;
			case OPT_LOG:
				o.log = optarg;
				break;
			case OPT_DRY_RUN:
				o.dry_run = true;
				break;
			default:
				{
					int			r = cli_common_option("ingest", c, argv, &o.dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("ingest", "no folder or manifest given");
	if (optind + 1 < argc)
		return cli_usage_error("ingest", "one folder or manifest at a time, not %d", argc - optind);
	return ingest(&o, argv[optind]);
}
