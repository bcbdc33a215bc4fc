/*
 * cmd_clinical.c: oncoload clinical (alias oncoload biospecimen) -- load
 * clinical and biospecimen files (TCGA BCR XML and Biotab, GDC clinical
 * cart TSVs, cBioPortal clinical files, hospital exports with a mapping
 * file), each file one audited load.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "clin.h"
#include "clin_load.h"
#include "clinmap.h"
#include "db.h"
#include "driver.h"
#include "filehash.h"
#include "files.h"
#include "textutil.h"

static void
usage(const char *cmd)
{
	printf("oncoload %s loads clinical and biospecimen files into the warehouse.\n\n"
		   "Usage:\n  oncoload %s [OPTION]... FILE|DIR...\n\n"
		   "Formats (detected from content; plain or gzipped): TCGA BCR clinical and\n"
		   "biospecimen XML, BCR Biotab tables, GDC clinical cart TSVs (current and\n"
		   "2022 layouts), cBioPortal clinical patient and sample files (with or without\n"
		   "the \"#\" header rows), and hospital or biobank exports (CSV or TSV) read\n"
		   "through a mapping file.  Folders are searched; files found there that are\n"
		   "not clinical files are left out.  Each file is one load: all of it or\n"
		   "nothing.  \"oncoload clinical\" and \"oncoload biospecimen\" are the same.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study (default: from the file: the BCR XML's project\n"
		   "                            and disease code, a Biotab file's disease code, the\n"
		   "                            GDC project, the cBioPortal meta file, the mapping)\n"
		   "      --input-format=FMT    bcr-xml, bcr-biotab, gdc-clinical-tsv,\n"
		   "                            cbioportal-clinical or hospital-export\n"
		   "      --mapping=FILE        mapping file of a hospital export (see README.md)\n"
		   "      --max-rejects=N       rejected records or values allowed per file (default 0)\n"
		   "      --force               load files whose bytes were loaded before\n"
		   "      --output=text|json    outcome per file as text or one JSON object a line\n"
		   "      --quiet               print only warnings and errors\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n", cmd, cmd);
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_FORMAT = CLI_OPT_HELP + 1,
	OPT_MAPPING
};

typedef struct options
{
	cli_load_opts c;			/* -d, --study, --max-rejects, --force, --output */
	const char *mapping;
	clin_format format;
} options;

/* Files a folder walk finds that are never clinical data. */
static bool
skip_found_file(const char *path, const char *mapping)
{
	char		base[512];

	files_base(path, base, sizeof(base));
	if (mapping && strcmp(base, strrchr(mapping, '/') ? strrchr(mapping, '/') + 1 : mapping) == 0)
		return true;
	return str_iprefix(base, "meta_") || strcmp(base, "annotations.txt") == 0 ||
		str_iprefix(base, "MANIFEST") || str_isuffix(base, ".md5") ||
		str_isuffix(base, ".log") || str_iprefix(base, "gdc_sample_sheet") ||
		str_isuffix(base, ".html") || str_isuffix(base, ".yml") || str_isuffix(base, ".xsd");
}

static void
finish_hash(filehash_job *hash)
{
	char		hex[129];

	if (hash)
		filehash_finish(hash, hex, sizeof(hex), NULL);
}

/* Load one file; returns its exit code. */
static int
load_one(PGconn *conn, const options *o, const char *path, bool found, clin_cache *cache,
		 filehash_job *hash, load_status *status)
{
	clin_open_opts oo = {o->format, o->mapping};
	clin_job	job;
	load_spec	spec;
	const clin_info *info = NULL;
	const char *study = o->c.study;
	int			rc;

	memset(&job, 0, sizeof(job));
	job.cache = cache;
	*status = LOAD_FAILED;
	job.reader = clin_open(path, &oo, &job.open_error, &job.open_errno);
	if (job.reader)
		info = clin_reader_info(job.reader);
	else if (found && !job.open_errno && o->format == CLIN_FMT_UNKNOWN && !o->mapping &&
			 job.open_error && strstr(job.open_error, "not a clinical or biospecimen file"))
	{
		onc_msg(ONC_INFO, path, 0, 0, "not a clinical or biospecimen file; not loaded");
		finish_hash(hash);
		free(job.open_error);
		*status = LOAD_SKIPPED;
		return ONC_EXIT_OK;
	}
	if (!study && info)
		study = info->study_hint;
	if (!study && info)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no study is known for this file");
		onc_hint("Give --study (or, for cBioPortal files, the meta file beside the data file).");
		finish_hash(hash);
		clin_close(job.reader);
		free(job.open_error);
		return ONC_EXIT_USAGE;
	}
	memset(&spec, 0, sizeof(spec));
	spec.command = "clinical";
	spec.path = path;
	spec.study_id = study;		/* NULL only when the file could not be opened */
	spec.data_type = info ? info->data_type : "clinical";
	spec.input_format = info ? info->format_name : NULL;
	spec.force = o->c.force;
	spec.max_rejects = o->c.max_rejects;
	spec.json = o->c.json;
	spec.hash = hash;
	rc = load_run(conn, &spec, clin_load_body, &job, status);
	if (*status == LOAD_FAILED)
		clin_cache_reset(cache);	/* may hold rows the rollback removed */
	clin_close(job.reader);
	free(job.open_error);
	return rc;
}

/* What the file loop (driver.h) hands to the callbacks below. */
typedef struct run
{
	options		o;
	clin_cache *cache;
} run;

static bool
run_keep(const char *path, void *arg)
{
	return !skip_found_file(path, ((run *) arg)->o.mapping);
}

static int
run_load(PGconn *conn, const char *path, bool named, filehash_job *hash, void *arg,
		 load_status *status)
{
	run		   *r = arg;

	if (!r->cache)
		r->cache = clin_cache_new();
	return load_one(conn, &r->o, path, !named, r->cache, hash, status);
}

int
cmd_clinical(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"input-format", required_argument, NULL, OPT_FORMAT},
		{"mapping", required_argument, NULL, OPT_MAPPING},
		CLI_LOAD_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	const char *cmd = argv[0];
	options		o;
	int			c,
				rc = ONC_EXIT_OK;

	memset(&o, 0, sizeof(o));
	if (cli_wants_help(argc, argv))
	{
		usage(cmd);
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_FORMAT:
				o.format = clin_format_from_name(optarg);
				if (o.format == CLIN_FMT_UNKNOWN)
					return cli_usage_error(cmd, "unknown input format \"%s\"", optarg);
				break;
			case OPT_MAPPING:
				o.mapping = optarg;
				break;
			default:
				if ((rc = cli_load_option(cmd, c, argv, &o.c)) == CLI_SHOW_HELP)
				{
					usage(cmd);
					return ONC_EXIT_OK;
				}
				if (rc != CLI_GO_ON)
					return rc;
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "no files given");
	if (o.format == CLIN_FMT_HOSPITAL && !o.mapping)
		return cli_usage_error(cmd, "--input-format=hospital-export needs --mapping");
	if (o.mapping)
	{
		/* a broken mapping file stops the run before any load */
		char	   *err = NULL;
		clinmap    *m = clinmap_read(o.mapping, &err);

		if (!m)
		{
			long		line;
			const char *text = err_split_place(err, &line, NULL);

			onc_msg(ONC_ERROR, o.mapping, line, 0, "%s", text);
			free(err);
			return ONC_EXIT_INPUT;
		}
		clinmap_free(m);
	}
	{
		run			r = {o, NULL};
		driver		d = {cmd, o.c.dbname, run_keep, run_load, NULL, &r};

		rc = driver_run(&d, argc, argv, optind);
		clin_cache_free(r.cache);
	}
	return rc;
}
