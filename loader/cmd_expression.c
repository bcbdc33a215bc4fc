/*
 * cmd_expression.c: oncoload expression -- load gene expression files (GDC
 * STAR and HTSeq, cBioPortal and Firehose matrices, generic TSV/CSV), each
 * file one audited load.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cbio_meta.h"
#include "cli.h"
#include "db.h"
#include "dims.h"
#include "driver.h"
#include "expr_load.h"
#include "filehash.h"
#include "files.h"
#include "samplesheet.h"
#include "textutil.h"

static void
usage(void)
{
	printf("oncoload expression loads gene expression files into the warehouse.\n\n"
		   "Usage:\n  oncoload expression [OPTION]... FILE|DIR...\n\n"
		   "Formats (detected from content, then the file name, then a cBioPortal meta\n"
		   "file beside it; plain or gzipped): GDC augmented STAR gene counts, legacy\n"
		   "GDC HTSeq counts/FPKM/FPKM-UQ, cBioPortal gene x sample matrices, Firehose\n"
		   "RSEM matrices, generic TSV/CSV matrices with a gene ID column.  Folders are\n"
		   "searched for files; with a sample sheet, only the files it lists are loaded.\n"
		   "Each file is one load: all of it or nothing.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study (default: the sheet's Project ID or the\n"
		   "                            cBioPortal meta file's cancer_study_identifier)\n"
		   "      --sample-sheet=FILE   GDC sample sheet naming each file's case and sample\n"
		   "      --sample=ID           the sample (or aliquot) of a single-sample file\n"
		   "      --input-format=FMT    gdc-star-counts, gdc-htseq, cbioportal-matrix,\n"
		   "                            firehose-matrix or generic-matrix\n"
		   "      --measure=NAME        measure of a matrix or HTSeq file (htseq_counts,\n"
		   "                            fpkm, fpkm_uq, rna_seq_v2_mrna, ...)\n"
		   "      --max-rejects=N       rejected lines or values allowed per file (default 0)\n"
		   "      --force               load files whose bytes were loaded before\n"
		   "      --output=text|json    outcome per file as text or one JSON object a line\n"
		   "      --quiet               print only warnings and errors\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_SHEET = CLI_OPT_HELP + 1,
	OPT_SAMPLE,
	OPT_FORMAT,
	OPT_MEASURE
};

typedef struct options
{
	cli_load_opts c;			/* -d, --study, --max-rejects, --force, --output */
	const char *sheet;
	const char *sample;
	const char *measure;
	expr_format format;
} options;

/* Files a folder walk finds that are not expression data. */
static bool
skip_found_file(const char *path, const char *sheet)
{
	char		base[512];

	files_base(path, base, sizeof(base));
	if (sheet && strcmp(base, strrchr(sheet, '/') ? strrchr(sheet, '/') + 1 : sheet) == 0)
		return true;
	return str_iprefix(base, "meta_") || strcmp(base, "annotations.txt") == 0 ||
		str_iprefix(base, "MANIFEST") || str_isuffix(base, ".md5") ||
		str_isuffix(base, ".log") || str_iprefix(base, "gdc_sample_sheet");
}

/* Load one file; returns its exit code. */
static int
load_one(PGconn *conn, const options *o, const samplesheet *ss, const char *path,
		 genemap *genes, expr_job *cache, filehash_job *hash, load_status *status)
{
	expr_opts	eo = {o->format, o->measure};
	expr_job	job;
	load_spec	spec;
	const ss_entry *e = NULL;
	const char *study = o->c.study;
	int			rc;

	memset(&job, 0, sizeof(job));
	job.genes = genes;
	job.chunks = cache->chunks;
	job.order = cache->order;
	job.measures = cache->measures;
	*status = LOAD_FAILED;
	if (ss)
	{
		char		base[512],
					parent[512];

		files_base(path, base, sizeof(base));
		files_parent(path, parent, sizeof(parent));
		e = samplesheet_find(ss, parent, base);
		if (!e)
		{
			onc_msg(ONC_INFO, path, 0, 0, "not in the sample sheet; not loaded");
			if (hash)
				filehash_finish(hash, base, sizeof(base), NULL);
			*status = LOAD_SKIPPED;
			return ONC_EXIT_OK;
		}
		job.sample_id = e->sample_id;
		job.patient_id = e->case_id;
		job.sample_type = e->sample_type;
		job.sheet_file_id = e->file_id;
		if (!study)
			study = e->project_id;
	}
	if (o->sample)
		job.sample_id = o->sample;
	job.reader = expr_open(path, &eo, &job.open_error, &job.open_errno);
	if (!study && job.reader)
		study = expr_reader_info(job.reader)->study_hint;
	if (!study)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no study is known for this file");
		onc_hint("Give --study, a sample sheet with a Project ID, or a cBioPortal meta file.");
		if (hash)
		{
			char		hex[129];

			filehash_finish(hash, hex, sizeof(hex), NULL);
		}
		expr_close(job.reader);
		free(job.open_error);
		return ONC_EXIT_USAGE;
	}
	memset(&spec, 0, sizeof(spec));
	spec.command = "expression";
	spec.path = path;
	spec.study_id = study;
	spec.data_type = "expression";
	spec.input_format = job.reader ? expr_format_name(expr_reader_info(job.reader)->format) : NULL;
	spec.force = o->c.force;
	spec.max_rejects = o->c.max_rejects;
	spec.json = o->c.json;
	spec.hash = hash;
	rc = load_run(conn, &spec, expr_load_body, &job, status);
	cache->chunks = job.chunks;
	cache->order = job.order;
	cache->measures = job.measures;
	if (*status == LOAD_FAILED)
		expr_load_free_caches(cache);	/* may hold rows the rollback removed */
	expr_close(job.reader);
	free(job.open_error);
	return rc;
}

/* What the file loop (driver.h) hands to the callbacks below. */
typedef struct run
{
	options		o;
	samplesheet *ss;
	genemap    *genes;
	expr_job	cache;			/* run-wide caches: chunks, gene order, measures */
} run;

static bool
run_keep(const char *path, void *arg)
{
	return !skip_found_file(path, ((run *) arg)->o.sheet);
}

static int
run_load(PGconn *conn, const char *path, bool named, filehash_job *hash, void *arg,
		 load_status *status)
{
	run		   *r = arg;

	(void) named;
	if (!r->genes)
		r->genes = genemap_new();
	return load_one(conn, &r->o, r->ss, path, r->genes, &r->cache, hash, status);
}

/* After a failed load: its rollback may have removed genes the run cached. */
static void
run_reset(void *arg)
{
	run		   *r = arg;

	genemap_free(r->genes);
	r->genes = NULL;
	expr_load_free_caches(&r->cache);
}

int
cmd_expression(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"sample-sheet", required_argument, NULL, OPT_SHEET},
		{"sample", required_argument, NULL, OPT_SAMPLE},
		{"input-format", required_argument, NULL, OPT_FORMAT},
		{"measure", required_argument, NULL, OPT_MEASURE},
		CLI_LOAD_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	options		o;
	samplesheet *ss = NULL;
	int			c,
				rc;

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
			case OPT_SHEET:
				o.sheet = optarg;
				break;
			case OPT_SAMPLE:
				o.sample = optarg;
				break;
			case OPT_FORMAT:
				o.format = expr_format_from_name(optarg);
				if (o.format == EXPR_FMT_UNKNOWN)
					return cli_usage_error("expression", "unknown input format \"%s\"", optarg);
				break;
			case OPT_MEASURE:
				o.measure = optarg;
				break;
			default:
				if ((rc = cli_load_option("expression", c, argv, &o.c)) == CLI_SHOW_HELP)
				{
					usage();
					return ONC_EXIT_OK;
				}
				if (rc != CLI_GO_ON)
					return rc;
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("expression", "no files given");
	if (o.sheet && !(ss = cli_read_samplesheet(o.sheet)))
		return ONC_EXIT_INPUT;
	{
		run			r;
		driver		d = {"expression", o.c.dbname, run_keep, run_load, run_reset, &r};

		memset(&r, 0, sizeof(r));
		r.o = o;
		r.ss = ss;
		rc = driver_run(&d, argc, argv, optind);
		expr_load_free_caches(&r.cache);
		genemap_free(r.genes);
	}
	samplesheet_free(ss);
	return rc;
}
