/*
 * cmd_mutations.c: oncoload mutations -- load mutation calls from MAFs (GDC
 * per-aliquot and project-level, cBioPortal, older TCGA; plain or gzipped),
 * each file one audited load.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cbio_meta.h"
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
	printf("oncoload mutations loads mutation calls from MAF files into the warehouse.\n\n"
		   "Usage:\n  oncoload mutations [OPTION]... FILE|DIR...\n\n"
		   "Layouts (read by column name, plain or gzipped): GDC per-aliquot masked and\n"
		   "project-level somatic MAFs, cBioPortal MAFs, older TCGA MAFs.  Each line is a\n"
		   "mutation of a tumour sample (aliquot); its variant joins the variant dimension\n"
		   "shared with VCFs.  Folders are searched for *.maf, *.maf.gz and data_mutations*\n"
		   "files.  Each file is one load: all of it or nothing.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     database (else the PG* variables)\n"
		   "      --study=ID            study (default: the cBioPortal meta file's\n"
		   "                            cancer_study_identifier)\n"
		   "      --build=BUILD         genome build of lines whose NCBI_Build is empty\n"
		   "                            (GRCh37, hg19, 37, GRCh38, hg38, 38)\n"
		   "      --workflow=NAME       caller or pipeline (default: from the file name or\n"
		   "                            layout); MAFs of other workflows never supersede\n"
		   "      --sample-map=N=ID,... use ID for the sample barcode N\n"
		   "      --input-format=FMT    gdc-aliquot-maf, gdc-somatic-maf, cbioportal-maf or\n"
		   "                            tcga-maf (recorded; the columns are read by name)\n"
		   "      --max-rejects=N       rejected lines allowed per file (default 0)\n"
		   "      --force               load files whose bytes were loaded before\n"
		   "      --output=text|json    outcome per file as text or one JSON object a line\n"
		   "      --quiet               print only warnings and errors\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}


/* Files a folder walk finds that are MAFs. */
static bool
is_maf_name(const char *path)
{
	char		base[512];

	files_base(path, base, sizeof(base));
	return str_isuffix(base, ".maf") || str_isuffix(base, ".maf.gz") ||
		str_isuffix(base, ".maf.txt") || (str_iprefix(base, "data_mutations") && !str_isuffix(base, ".md5"));
}

/* Load one file; returns its exit code. */
static int
load_one(PGconn *conn, const varload_opts *o, const char *path, genemap *genes, filehash_job *hash,
		 load_status *status)
{
	maf_job		job;
	load_spec	spec;
	cbio_meta  *meta = NULL;
	const char *study = o->c.study;
	int			rc;

	memset(&job, 0, sizeof(job));
	job.genes = genes;
	job.workflow = o->workflow;
	job.format = o->format;
	job.samples = &o->samples;
	*status = LOAD_FAILED;
	job.reader = maf_open(path, o->build, &job.open_error, &job.open_io);
	if (!study && (meta = cbio_meta_find_for(path)) != NULL)
		study = cbio_meta_get(meta, "cancer_study_identifier");
	if (!study)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no study is known for this file");
		onc_hint("Give --study, or keep the cBioPortal meta file beside the MAF.");
		if (hash)
		{
			char		hex[129];

			filehash_finish(hash, hex, sizeof(hex), NULL);
		}
		maf_close(job.reader);
		free(job.open_error);
		cbio_meta_free(meta);
		return ONC_EXIT_USAGE;
	}
	if (job.reader && !maf_reader_info(job.reader)->has_build && !o->build)
	{
		onc_msg(ONC_ERROR, path, 0, 0, "no genome build: the file has no NCBI_Build column");
		onc_hint("Give the build with --build (GRCh37 or GRCh38).");
		if (hash)
		{
			char		hex[129];

			filehash_finish(hash, hex, sizeof(hex), NULL);
		}
		maf_close(job.reader);
		cbio_meta_free(meta);
		return ONC_EXIT_USAGE;
	}
	memset(&spec, 0, sizeof(spec));
	spec.command = "mutations";
	spec.path = path;
	spec.study_id = study;
	spec.data_type = "mutation";
	spec.input_format = job.reader ? (o->format ? o->format :
									  maf_format_name(maf_reader_info(job.reader)->layout)) : NULL;
	spec.workflow = job.reader ? (o->workflow ? o->workflow : maf_reader_info(job.reader)->workflow) : NULL;
	spec.force = o->c.force;
	spec.max_rejects = o->c.max_rejects;
	spec.json = o->c.json;
	spec.hash = hash;
	rc = load_run(conn, &spec, maf_load_body, &job, status);
	maf_close(job.reader);
	free(job.open_error);
	cbio_meta_free(meta);
	return rc;
}

int
cmd_mutations(int argc, char **argv)
{
	static const char *const formats[] = {"gdc-aliquot-maf", "gdc-somatic-maf", "cbioportal-maf", "tcga-maf", NULL};
	static const varload_cmd cmd = {"mutations", usage, formats, false, false, is_maf_name, load_one};

	return varload_main(&cmd, argc, argv);
}
