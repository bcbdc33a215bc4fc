/*
 * oncoload.c: the one front for people.  "oncoload COMMAND [OPTIONS]" runs
 * the command; installed as "oncoload-COMMAND" (a link to this program) it
 * runs that command directly, git style, for cron.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command
{
	const char *name;
	int			(*main) (int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{"init", cmd_init, "create or upgrade the warehouse schema, roles and comments"},
	{"genes", cmd_genes, "load gene references (GENCODE GTF, NCBI gene_info)"},
	{"expression", cmd_expression, "load gene expression (GDC STAR/HTSeq, cBioPortal, Firehose, TSV)"},
	{"clinical", cmd_clinical, "load clinical data (BCR XML and Biotab, GDC TSV, cBioPortal, hospital exports)"},
	{"biospecimen", cmd_clinical, "load biospecimen XML (the same command as clinical)"},
	{"copynumber", cmd_copynumber, "load copy number (segments; gene-level matrices, long format, GDC)"},
	{"mutations", cmd_mutations, "load mutation calls (GDC, cBioPortal and TCGA MAFs)"},
	{"variants", cmd_variants, "load variants and genotypes (VCF, BCF; VEP and SnpEff annotations)"},
	{"ingest", cmd_ingest, "load a drop folder, GDC download or study folder in order (cron)"},
	{"validate", cmd_validate, "check files and study folders without loading them"},
	{"loads", cmd_loads, "list loads and their outcome"},
	{"rollback", cmd_rollback, "remove one load's facts and restore what it replaced"},
	{"drop-study", cmd_dropstudy, "remove a study and everything in it (asks first)"},
	{"generate", cmd_generate, "write the synthetic demo study (deterministic from a seed)"},
	{"show", cmd_show, "show one load: file, counts, timings, supersession, rejects by reason"},
	{"diff", cmd_diff, "what changed in a patient's clinical values between two loads"},
	{"reconcile", cmd_reconcile, "check loads against the warehouse and their files; cross-domain checks"},
	{NULL, NULL, NULL}
};

static void
usage(void)
{
	printf("oncoload loads multi-omic oral cancer data into a PostgreSQL warehouse.\n\n");
	printf("Usage:\n  oncoload COMMAND [OPTIONS] [FILE...]\n\nCommands:\n");
	for (const command *c = commands; c->name; c++)
		printf("  %-12s %s\n", c->name, c->summary);
	printf("\nRun \"oncoload COMMAND --help\" for a command's options.\n");
	printf("Options shared by the commands:\n"
		   "  -d, --dbname=CONNINFO   database (conninfo string, URI or service); else PG* variables\n"
		   "      --study=ID          study the data belongs to\n"
		   "      --output=text|json  how results are printed\n"
		   "      --quiet             only warnings and errors on stderr\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

static const command *
find_command(const char *name)
{
	for (const command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const command *c;

	base = base ? base + 1 : argv[0];
	/* called as oncoload-COMMAND */
	if (strncmp(base, "oncoload-", 9) == 0 && (c = find_command(base + 9)) != NULL)
	{
		argv[0] = (char *) c->name;
		return c->main(argc, argv);
	}
	if (argc < 2)
	{
		onc_error("no command given");
		onc_hint("Try \"oncoload --help\" for the list of commands.");
		return ONC_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0 ||
		strcmp(argv[1], "help") == 0)
	{
		usage();
		return ONC_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
	{
		printf("oncoload (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return ONC_EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c)
	{
		onc_error("unknown command \"%s\"", argv[1]);
		onc_hint("Try \"oncoload --help\" for the list of commands.");
		return ONC_EXIT_USAGE;
	}
	return c->main(argc - 1, argv + 1);
}
