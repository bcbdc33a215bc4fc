/*
 * cmd_variants.c: oncoload variants -- load variants and genotypes from VCF
 * and BCF files (somatic tumour/normal, multi-sample germline, sites-only;
 * VEP and SnpEff annotations), each file one audited load.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "dims.h"
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
choose_build(const varload_opts *o, const char *path, const vcf_info *in)
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
load_one(PGconn *conn, const varload_opts *o, const char *path, genemap *genes, filehash_job *hash,
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
	spec.study_id = o->c.study;
	spec.data_type = "variant";
	spec.input_format = job.reader ? vcf_reader_info(job.reader)->format : NULL;
	spec.workflow = job.workflow;
	spec.force = o->c.force || o->region != NULL;
	spec.max_rejects = o->c.max_rejects;
	spec.json = o->c.json;
	spec.hash = hash;
	rc = load_run(conn, &spec, vcf_load_body, &job, status);
	vcf_reader_close(job.reader);
	free(job.open_error);
	free(workflow);
	return rc;
}

int
cmd_variants(int argc, char **argv)
{
	static const char *const formats[] = {"vcf", "bcf", NULL};
	static const varload_cmd cmd = {"variants", usage, formats, true, true, is_vcf_name, load_one};

	return varload_main(&cmd, argc, argv);
}
