/*
 * cmd_validate.c: oncoload validate -- check files and study folders with
 * every loader's own parser and checks, writing nothing to the warehouse.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lib/validate_internal.h"

static void
usage(void)
{
	printf("oncoload validate checks files and study folders the way the loaders would\n"
		   "read them, and writes nothing to the warehouse.\n\n"
		   "Usage:\n  oncoload validate [OPTION]... FILE|DIR...\n\n"
		   "Folders are searched.  A file's kind comes from the cBioPortal meta file that\n"
		   "names it, else from its content (plain or gzipped).  Files of kinds oncoload\n"
		   "does not load are listed as information.  After every file, the cross-file\n"
		   "checks run (samples without clinical data, samples defined twice, ...).\n"
		   "Messages go to stderr as \"oncoload: FILE:LINE[:COL]: LEVEL: text [code]\",\n"
		   "identical ones once with their lines listed; a summary per file goes to stdout.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO     also check against the warehouse (genes, samples)\n"
		   "      --genes=FILE          gene reference (GENCODE GTF or NCBI gene_info) for\n"
		   "                            the gene checks, without a database\n"
		   "      --sample-sheet=FILE   GDC sample sheet naming each file's case and sample\n"
		   "      --mapping=FILE        mapping file: other tables are hospital exports\n"
		   "      --output=text|json    messages as text, or one JSON document on stdout\n"
		   "      --report=FILE.html    also write a self-contained HTML report\n"
		   "      --kind=KIND           read the files named (not those found in folders)\n"
		   "                            as clinical, expression, methylation, rppa, maf,\n"
		   "                            vcf, copynumber or segments\n"
		   "      --quiet               leave out information messages\n"
		   "  -V, --version             print the version and exit\n"
		   "  -?, --help                print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_GENES = 1001,
	OPT_SHEET,
	OPT_MAPPING,
	OPT_OUTPUT,
	OPT_REPORT,
	OPT_KIND
};

int
cmd_validate(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"genes", required_argument, NULL, OPT_GENES},
		{"sample-sheet", required_argument, NULL, OPT_SHEET},
		{"mapping", required_argument, NULL, OPT_MAPPING},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"report", required_argument, NULL, OPT_REPORT},
		{"kind", required_argument, NULL, OPT_KIND},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	val_opts	o;
	int			c;

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
			case OPT_GENES:
				o.genes_file = optarg;
				break;
			case OPT_SHEET:
				o.sheet = optarg;
				break;
			case OPT_MAPPING:
				o.mapping = optarg;
				break;
			case OPT_OUTPUT:
				if (!cli_output_option("validate", optarg, &o.json))
					return ONC_EXIT_USAGE;
				break;
			case OPT_REPORT:
				o.report = optarg;
				break;
			case OPT_KIND:
				if (!val_kind_known(optarg))
					return cli_usage_error("validate", "unknown kind \"%s\"", optarg);
				o.kind = optarg;
				break;
			default:
				{
					int			r = cli_common_option("validate", c, argv, &o.dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", "no files given");
	return val_main(&o, argv + optind, argc - optind);
}
