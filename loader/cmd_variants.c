/*
 * cmd_variants.c: oncoload variants -- load variants and genotypes from VCF
 * and BCF files (somatic tumour/normal, multi-sample germline, sites-only;
 * VEP and SnpEff annotations), each file one audited load.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "dims.h"
#include "driver.h"
#include "filehash.h"
#include "files.h"
#include "textutil.h"
#include "varload.h"

static void
usage(void)
{
	printf("oncoload variants loads variants and genotypes from VCF and BCF files.\n\n"
		   "Usage:\n  oncoload variants [OPTION]... FILE|DIR...\n\n"
		   "Plain, bgzipped or BCF (through htslib).  Each alternate allele is a variant\n"
		   "in MAF coordinates, shared with MAFs; samples that carry it get a genotype\n"
		   "fact, the others are counted (homozygous reference, no call, another allele).\n"
		   "VEP CSQ and SnpEff ANN annotations are kept per transcript.  Folders are\n"
		   "searched for *.vcf, *.vcf.gz and *.bcf.  Each file is one load.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study the samples belong to (required)\n"
		   "      --build=BUILD         genome build when the header names none\n"
		   "                            (GRCh37, hg19, 37, GRCh38, hg38, 38)\n"
		   "      --region=REGION       only this region, e.g. chr17:7,661,779-7,687,538\n"
		   "                            (needs a .tbi or .csi index; always loads, and a\n"
		   "                            region's load supersedes only that region's)\n"
		   "      --sample-map=COL=ID,...  the sample (aliquot) ID of a sample column\n"
		   "                            (default: ##SAMPLE NAME, else the column name)\n"
		   "      --workflow=NAME       caller or pipeline (default: from the file name\n"
		   "                            or ##source); other workflows never supersede\n"
		   "      --input-format=FMT    vcf or bcf: fail unless the file is that\n"
		   "      --max-rejects=N       rejected records allowed per file (default 0)\n"
		   "      --force               load files whose bytes were loaded before\n"
		   "      --output=text|json    outcome per file as text or one JSON object a line\n"
		   "      --quiet               print only warnings and errors\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_STUDY = 1001,
	OPT_BUILD,
	OPT_REGION,
	OPT_SAMPLE_MAP,
	OPT_WORKFLOW,
	OPT_FORMAT,
	OPT_MAX_REJECTS,
	OPT_FORCE,
	OPT_OUTPUT
};

typedef struct options
{
	const char *dbname;
	const char *study;
	const char *build;
	const char *region;
	const char *workflow;
	const char *format;
	sample_map	samples;
	long		max_rejects;
	bool		force;
	bool		json;
} options;

static bool
is_vcf_name(const char *path)
{
	char		base[512];

	files_base(path, base, sizeof(base));
	return str_isuffix(base, ".vcf") || str_isuffix(base, ".vcf.gz") ||
		str_isuffix(base, ".vcf.bgz") || str_isuffix(base, ".bcf");
}

static void
drop_hash(filehash_job *hash)
{
	char		hex[129];

	if (hash)
		filehash_finish(hash, hex, sizeof(hex), NULL);
}

/* The genome build to load with, or NULL after printing why there is none. */
static const char *
choose_build(const options *o, const char *path, const vcf_info *in)
{
	if (in->build)
	{
		if (o->build && strcmp(o->build, in->build) != 0)
			onc_msg(ONC_WARNING, path, 0, 0, "the header says %s (%s); --build %s is not used",
					in->build, in->build_from, o->build);
		return in->build;
	}
	if (o->build)
	{
		if (in->build_text)
			onc_msg(ONC_WARNING, path, 0, 0, "the header names the reference \"%s\", not GRCh37 or GRCh38; "
					"loading as --build %s", in->build_text, o->build);
		return o->build;
	}
	if (in->build_text)
		onc_msg(ONC_ERROR, path, 0, 0, "the header names the reference \"%s\", not GRCh37 or GRCh38",
				in->build_text);
	else
		onc_msg(ONC_ERROR, path, 0, 0, "no genome build: the header names no reference, assembly or known contig lengths");
	onc_hint("Give the build with --build (GRCh37 or GRCh38).");
	return NULL;
}

static int
load_one(PGconn *conn, const options *o, const char *path, genemap *genes, filehash_job *hash,
		 load_status *status)
{
	vcf_job		job;
	load_spec	spec;
	char		guess[128];
	char	   *workflow = NULL;
	int			rc;

	memset(&job, 0, sizeof(job));
	*status = LOAD_FAILED;
	job.genes = genes;
	job.samples = &o->samples;
	job.reader = vcf_reader_open(path, o->region, &job.open_error, &job.open_io);
	if (job.reader)
	{
		const vcf_info *in = vcf_reader_info(job.reader);

		if (o->format && strncmp(in->format, o->format, 3) != 0)
		{
			onc_msg(ONC_ERROR, path, 0, 0, "the file is %s, not %s (--input-format)", in->format, o->format);
			drop_hash(hash);
			vcf_reader_close(job.reader);
			return ONC_EXIT_INPUT;
		}
		if (!(job.build = choose_build(o, path, in)))
		{
			drop_hash(hash);
			vcf_reader_close(job.reader);
			return ONC_EXIT_USAGE;
		}
		job.workflow = o->workflow ? o->workflow : vcf_workflow_guess(path, in, guess, sizeof(guess));
		if (o->region)
		{
			/* a region's load replaces only that region's earlier load */
			workflow = xasprintf("%s %s", job.workflow, o->region);
			job.workflow = workflow;
		}
	}
	memset(&spec, 0, sizeof(spec));
	spec.command = "variants";
	spec.path = path;
	spec.study_id = o->study;
	spec.data_type = "variant";
	spec.input_format = job.reader ? vcf_reader_info(job.reader)->format : NULL;
	spec.workflow = job.workflow;
	spec.force = o->force || o->region != NULL;
	spec.max_rejects = o->max_rejects;
	spec.json = o->json;
	spec.hash = hash;
	rc = load_run(conn, &spec, vcf_load_body, &job, status);
	vcf_reader_close(job.reader);
	free(job.open_error);
	free(workflow);
	return rc;
}

/* What the file loop (driver.h) hands to the callbacks below. */
typedef struct run
{
	options		o;
	genemap    *genes;
} run;

static bool
run_keep(const char *path, void *arg)
{
	(void) arg;
	return is_vcf_name(path);
}

static int
run_load(PGconn *conn, const char *path, bool named, filehash_job *hash, void *arg,
		 load_status *status)
{
	run		   *r = arg;

	(void) named;
	if (!r->genes)
		r->genes = genemap_new();
	return load_one(conn, &r->o, path, r->genes, hash, status);
}

/* After a failed load: its rollback may have removed genes the run cached. */
static void
run_reset(void *arg)
{
	run		   *r = arg;

	genemap_free(r->genes);
	r->genes = NULL;
}

int
cmd_variants(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"study", required_argument, NULL, OPT_STUDY},
		{"build", required_argument, NULL, OPT_BUILD},
		{"region", required_argument, NULL, OPT_REGION},
		{"sample-map", required_argument, NULL, OPT_SAMPLE_MAP},
		{"workflow", required_argument, NULL, OPT_WORKFLOW},
		{"input-format", required_argument, NULL, OPT_FORMAT},
		{"max-rejects", required_argument, NULL, OPT_MAX_REJECTS},
		{"force", no_argument, NULL, OPT_FORCE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	options		o;
	char	   *err = NULL;
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
			case 'd':
				o.dbname = optarg;
				break;
			case OPT_STUDY:
				o.study = optarg;
				break;
			case OPT_BUILD:
				if (!(o.build = maf_build_norm(optarg)))
				{
					rc = cli_usage_error("variants", "unknown genome build \"%s\" (GRCh37, hg19, 37, GRCh38, hg38, 38)",
										 optarg);
					goto done;
				}
				break;
			case OPT_REGION:
				o.region = optarg;
				break;
			case OPT_SAMPLE_MAP:
				if (!sample_map_parse(optarg, &o.samples, &err))
				{
					rc = cli_usage_error("variants", "--sample-map: %s", err);
					free(err);
					goto done;
				}
				break;
			case OPT_WORKFLOW:
				o.workflow = optarg;
				break;
			case OPT_FORMAT:
				if (strcmp(optarg, "vcf") != 0 && strcmp(optarg, "bcf") != 0)
				{
					rc = cli_usage_error("variants", "unknown input format \"%s\" (vcf or bcf)", optarg);
					goto done;
				}
				o.format = optarg;
				break;
			case OPT_MAX_REJECTS:
				if (!cli_parse_count(optarg, &o.max_rejects))
				{
					rc = cli_usage_error("variants", "--max-rejects needs a whole number, not \"%s\"", optarg);
					goto done;
				}
				break;
			case OPT_FORCE:
				o.force = true;
				break;
			case OPT_OUTPUT:
				if (strcmp(optarg, "json") == 0)
					o.json = true;
				else if (strcmp(optarg, "text") != 0)
				{
					rc = cli_usage_error("variants", "--output must be text or json, not \"%s\"", optarg);
					goto done;
				}
				break;
			case 'q':
				onc_quiet = true;
				break;
			case 'V':
				rc = cli_version("variants");
				goto done;
			case CLI_OPT_HELP:
				usage();
				goto done;
			default:
				rc = cli_bad_option("variants", argv);
				goto done;
		}
	}
	if (optind >= argc)
	{
		rc = cli_usage_error("variants", "no files given");
		goto done;
	}
	if (!o.study)
	{
		rc = cli_usage_error("variants", "no study given (--study)");
		goto done;
	}
	{
		run			r = {o, NULL};
		driver		d = {"variants", o.dbname, run_keep, run_load, run_reset, &r};

		rc = driver_run(&d, argc, argv, optind);
		genemap_free(r.genes);
	}
done:
	sample_map_free(&o.samples);
	return rc;
}
