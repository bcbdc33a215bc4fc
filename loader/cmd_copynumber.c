/*
 * cmd_copynumber.c: oncoload copynumber -- load copy-number segment files
 * (GDC, GDC ASCAT, Firehose, cBioPortal SEG, DNAcopy) and gene-level files
 * (cBioPortal discrete, log2 and continuous matrices, the discrete long
 * format, GDC gene-level TSV), each file one audited load.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cbio_meta.h"
#include "cli.h"
#include "cn_load.h"
#include "db.h"
#include "dims.h"
#include "driver.h"
#include "filehash.h"
#include "files.h"
#include "samplesheet.h"
#include "textutil.h"

static void
usage(void)
{
	printf("oncoload copynumber loads copy-number segments and gene-level copy number.\n\n"
		   "Usage:\n  oncoload copynumber [OPTION]... FILE|DIR...\n\n"
		   "Formats (detected from the header, then a cBioPortal meta file beside the\n"
		   "file, then its name; plain or gzipped):\n"
		   "  segments    GDC (GDC_Aliquot ... Num_Probes Segment_Mean), GDC ASCAT\n"
		   "              (... Copy_Number Major_Copy_Number Minor_Copy_Number),\n"
		   "              Firehose (Sample Chromosome Start End Num_Probes Segment_Mean,\n"
		   "              or Start.bp End.bp Num.Markers Seg.CN), cBioPortal SEG and\n"
		   "              R DNAcopy (ID chrom loc.start loc.end num.mark seg.mean)\n"
		   "  gene level  cBioPortal matrices (Hugo_Symbol and/or Entrez_Gene_Id, one\n"
		   "              column per sample: discrete -2..2, log2 or continuous), the\n"
		   "              cBioPortal discrete long format (Sample_Id, Value), GDC\n"
		   "              gene-level copy number (gene_id ... copy_number)\n"
		   "Folders are searched for copy-number files.  Each file is one load: all of\n"
		   "it or nothing.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study (default: the sample sheet's Project ID or\n"
		   "                            the cBioPortal meta file's cancer_study_identifier)\n"
		   "      --build=BUILD         genome build of segments when the file states none\n"
		   "                            (GRCh37/hg19 or GRCh38/hg38); default: the study's\n"
		   "      --sample-sheet=FILE   GDC sample sheet naming each GDC file's case and sample\n"
		   "      --sample=ID           the sample of a single-sample GDC file\n"
		   "      --input-format=FMT    gdc-seg, gdc-ascat-seg, firehose-seg, cbioportal-seg,\n"
		   "                            dnacopy-seg, cbioportal-cna-matrix,\n"
		   "                            cbioportal-cna-long or gdc-gene-level\n"
		   "      --measure=NAME        what a matrix holds: cn_discrete, cn_log2,\n"
		   "                            cn_continuous or cn_absolute\n"
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
	OPT_MEASURE,
	OPT_BUILD
};

typedef struct options
{
	cli_load_opts c;			/* -d, --study, --max-rejects, --force, --output */
	const char *sheet;
	const char *sample;
	cn_format	format;
	cn_measure	measure;
	cn_build	build;
} options;

/*
 * Files a folder walk finds that are not copy-number values: 0 to load, 1
 * for what is never data (meta files, checksums, the sheet), 2 for data of
 * another kind.
 */
static int
skip_found_file(const char *path, const char *sheet)
{
	char		base[512],
				parent[512],
				lower[512];
	cbio_meta  *m;
	bool		cn;

	files_base(path, base, sizeof(base));
	files_parent(path, parent, sizeof(parent));
	if (sheet && strcmp(base, strrchr(sheet, '/') ? strrchr(sheet, '/') + 1 : sheet) == 0)
		return 1;
	if (str_iprefix(base, "meta_") || str_iprefix(base, "MANIFEST") ||
		str_isuffix(base, ".md5") || str_isuffix(base, ".log") ||
		str_iprefix(base, "gdc_sample_sheet") || strcmp(base, "annotations.txt") == 0 ||
		strcmp(parent, "case_lists") == 0)
		return 1;
	for (size_t i = 0; i < sizeof(lower); i++)
		if ((lower[i] = (char) tolower((unsigned char) base[i])) == '\0')
			break;
	lower[sizeof(lower) - 1] = '\0';
	if (strstr(lower, "pd_annotations"))
		return 2;				/* cBioPortal driver annotations, not values */
	/* a cBioPortal meta file says what it is; else the name must say copy number */
	if ((m = cbio_meta_find_for(path)) != NULL)
	{
		const char *t = cbio_meta_get(m, "genetic_alteration_type");

		cn = t && (str_ieq(t, "COPY_NUMBER_ALTERATION") || str_iprefix(t, "GISTIC_GENES"));
		cbio_meta_free(m);
		return cn ? 0 : 2;
	}
	cn = strstr(lower, "seg") || strstr(lower, "cna") || strstr(lower, "cnv") ||
		strstr(lower, "copy_number") || strstr(lower, "copynumber") || strstr(lower, "gistic");
	return cn ? 0 : 2;
}

/*
 * The build of the study's current segments in the warehouse: *b is set
 * (CN_BUILD_UNKNOWN when none, or when they disagree: *mixed).  0 or -1.
 */
static int
study_build_in_warehouse(PGconn *conn, const char *study, cn_build *b, bool *mixed)
{
	const char *params[1] = {study};
	PGresult   *res = db_query(conn,
							   "SELECT DISTINCT c.genome_build FROM warehouse.copy_number_segment c "
							   "JOIN audit.load_part p ON p.part_id = c.part_id AND p.is_current "
							   "JOIN warehouse.study s ON s.study_key = p.study_key WHERE s.study_id = $1",
							   1, params);

	*b = CN_BUILD_UNKNOWN;
	*mixed = false;
	if (!res)
		return -1;
	if (PQntuples(res) == 1)
		*b = cn_build_parse(PQgetvalue(res, 0, 0));
	*mixed = PQntuples(res) > 1;
	PQclear(res);
	return 0;
}

/*
 * The genome build of a segment file: what it states, else --build, else
 * the study's (meta_study.txt, then its segments already loaded).  Returns
 * ONC_EXIT_OK with job->build set, or an exit code after printing why.
 */
static int
decide_build(PGconn *conn, const options *o, const char *study, const char *path,
			 const cn_info *info, cn_job *job)
{
	cn_build	b;
	bool		mixed = false;

	if (info->build != CN_BUILD_UNKNOWN)
	{
		if (o->build != CN_BUILD_UNKNOWN && o->build != info->build)
		{
			onc_msg(ONC_ERROR, path, 0, 0, "the file is on %s (%s), not %s as --build says",
					cn_build_name(info->build), info->build_source, cn_build_name(o->build));
			return ONC_EXIT_USAGE;
		}
		job->build = info->build;
		job->build_source = info->build_source;
		return ONC_EXIT_OK;
	}
	if (o->build != CN_BUILD_UNKNOWN)
	{
		job->build = o->build;
		job->build_source = "--build";
		return ONC_EXIT_OK;
	}
	if (info->study_build && (b = cn_build_parse(info->study_build)) != CN_BUILD_UNKNOWN)
	{
		job->build = b;
		job->build_source = "study (meta_study.txt)";
		return ONC_EXIT_OK;
	}
	if (study_build_in_warehouse(conn, study, &b, &mixed) < 0)
		return ONC_EXIT_DB;
	if (b != CN_BUILD_UNKNOWN)
	{
		job->build = b;
		job->build_source = "study";
		return ONC_EXIT_OK;
	}
	onc_msg(ONC_ERROR, path, 0, 0, "no genome build is known for this file%s",
			mixed ? " (the study's segments are on more than one)" : "");
	onc_hint("Give --build GRCh37 or --build GRCh38.");
	return ONC_EXIT_USAGE;
}

/* Load one file; returns its exit code. */
static int
load_one(PGconn *conn, const options *o, const samplesheet *ss, const char *path,
		 cn_job *cache, filehash_job **hash, load_status *status)
{
	cn_opts		co = {o->format, o->measure};
	cn_job		job;
	load_spec	spec;
	const cn_info *info = NULL;
	const char *study = o->c.study;
	int			rc;

	memset(&job, 0, sizeof(job));
	job.genes = cache->genes;
	job.chunks = cache->chunks;
	*status = LOAD_FAILED;
	if (ss)
	{
		char		base[512],
					parent[512];
		const ss_entry *e;

		files_base(path, base, sizeof(base));
		files_parent(path, parent, sizeof(parent));
		e = samplesheet_find(ss, parent, base);
		/* the File ID folder of a download may hold other files beside the one listed */
		if (e && e->file_name && *e->file_name && strcmp(e->file_name, base) != 0)
			e = NULL;
		if (!e)
		{
			onc_msg(ONC_INFO, path, 0, 0, "not in the sample sheet; not loaded");
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
	job.reader = cn_open(path, &co, &job.open_error, &job.open_errno);
	if (job.reader)
	{
		info = cn_reader_info(job.reader);
		if (info->format == CN_FMT_GISTIC_GENES)
		{
			onc_msg(ONC_INFO, path, 0, 0, "a GISTIC peak summary, not per-sample copy number; not loaded");
			cn_close(job.reader);
			*status = LOAD_SKIPPED;
			return ONC_EXIT_OK;
		}
		if (!study)
			study = info->study_hint;
	}
	if (!study)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no study is known for this file");
		onc_hint("Give --study, a sample sheet with a Project ID, or a cBioPortal meta file.");
		cn_close(job.reader);
		free(job.open_error);
		return ONC_EXIT_USAGE;
	}
	if (info && cn_format_is_segment(info->format) &&
		(rc = decide_build(conn, o, study, path, info, &job)) != ONC_EXIT_OK)
	{
		cn_close(job.reader);
		return rc;
	}
	memset(&spec, 0, sizeof(spec));
	spec.command = "copynumber";
	spec.path = path;
	spec.study_id = study;
	spec.data_type = !info ? "copy_number" : cn_format_is_segment(info->format)
		? "copy_number_segment" : "copy_number_gene";
	spec.input_format = info ? cn_format_name(info->format) : NULL;
	spec.workflow = info ? info->workflow : NULL;
	spec.force = o->c.force;
	spec.max_rejects = o->c.max_rejects;
	spec.json = o->c.json;
	spec.hash = *hash;			/* load_run finishes it */
	*hash = NULL;
	rc = load_run(conn, &spec, info && !cn_format_is_segment(info->format)
				  ? cn_load_genes_body : cn_load_segments_body, &job, status);
	cache->chunks = job.chunks;
	cn_close(job.reader);
	free(job.open_error);
	return rc;
}

/* What the file loop (driver.h) hands to the callbacks below. */
typedef struct run
{
	options		o;
	samplesheet *ss;
	cn_job		cache;			/* run-wide caches: genes and gene chunks */
	size_t		nleft;			/* files found in folders holding other data */
} run;

static bool
run_keep(const char *path, void *arg)
{
	run		   *r = arg;
	int			skip = skip_found_file(path, r->o.sheet);

	r->nleft += skip == 2;
	return skip == 0;
}

static int
run_load(PGconn *conn, const char *path, bool named, filehash_job *hash, void *arg,
		 load_status *status)
{
	run		   *r = arg;
	int			rc;

	(void) named;
	if (!r->cache.genes)
		r->cache.genes = genemap_new();
	rc = load_one(conn, &r->o, r->ss, path, &r->cache, &hash, status);
	if (hash)
	{
		char		hex[129];

		filehash_finish(hash, hex, sizeof(hex), NULL);
	}
	return rc;
}

/* After a failed load: its rollback may have removed genes and chunks the run cached. */
static void
run_reset(void *arg)
{
	run		   *r = arg;

	genemap_free(r->cache.genes);
	r->cache.genes = NULL;
	cn_load_free_caches(&r->cache);
}

int
cmd_copynumber(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"sample-sheet", required_argument, NULL, OPT_SHEET},
		{"sample", required_argument, NULL, OPT_SAMPLE},
		{"input-format", required_argument, NULL, OPT_FORMAT},
		{"measure", required_argument, NULL, OPT_MEASURE},
		{"build", required_argument, NULL, OPT_BUILD},
		CLI_LOAD_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	options		o;
	samplesheet *ss = NULL;
	int			c,
				rc = ONC_EXIT_OK;

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
				o.format = cn_format_from_name(optarg);
				if (o.format == CN_FMT_UNKNOWN || o.format == CN_FMT_GISTIC_GENES)
					return cli_usage_error("copynumber", "unknown input format \"%s\"", optarg);
				break;
			case OPT_MEASURE:
				o.measure = cn_measure_from_name(optarg);
				if (o.measure == CN_M_NONE)
					return cli_usage_error("copynumber", "unknown measure \"%s\" (cn_discrete, "
										   "cn_log2, cn_continuous or cn_absolute)", optarg);
				break;
			case OPT_BUILD:
				o.build = cn_build_parse(optarg);
				if (o.build == CN_BUILD_UNKNOWN)
					return cli_usage_error("copynumber", "unknown genome build \"%s\" (GRCh37, hg19, "
										   "GRCh38 or hg38)", optarg);
				break;
			default:
				if ((rc = cli_load_option("copynumber", c, argv, &o.c)) == CLI_SHOW_HELP)
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
		return cli_usage_error("copynumber", "no files given");
	if (o.sheet && !(ss = cli_read_samplesheet(o.sheet)))
		return ONC_EXIT_INPUT;
	{
		run			r;
		driver		d = {"copynumber", o.c.dbname, run_keep, run_load, run_reset, &r};

		memset(&r, 0, sizeof(r));
		r.o = o;
		r.ss = ss;
		rc = driver_run(&d, argc, argv, optind);
		if (r.nleft)
			onc_info("%zu file(s) in the folders given hold other data than copy number; left out",
					 r.nleft);
		cn_load_free_caches(&r.cache);
		genemap_free(r.cache.genes);
	}
	samplesheet_free(ss);
	return rc;
}
