/*
 * varload_cli.c: what "oncoload mutations" and "oncoload variants" share on
 * the command line -- their options, and a file loop whose files share one
 * gene map (see varload.h).
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "driver.h"
#include "maf.h"
#include "varload.h"

enum
{
	OPT_BUILD = CLI_OPT_HELP + 1,
	OPT_REGION,
	OPT_WORKFLOW,
	OPT_SAMPLE_MAP,
	OPT_FORMAT
};

/* The formats as "a, b or c" for a message. */
static char *
format_list(const char *const *formats)
{
	onc_buf		b;

	buf_init(&b);
	buf_puts(&b, "");
	for (int i = 0; formats[i]; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : formats[i + 1] ? ", " : " or ", formats[i]);
	return b.data;
}

int
varload_options(const varload_cmd *cmd, int argc, char **argv, varload_opts *o)
{
	static const struct option all_opts[] = {
		{"build", required_argument, NULL, OPT_BUILD},
		{"region", required_argument, NULL, OPT_REGION},
		{"workflow", required_argument, NULL, OPT_WORKFLOW},
		{"sample-map", required_argument, NULL, OPT_SAMPLE_MAP},
		{"input-format", required_argument, NULL, OPT_FORMAT},
		CLI_LOAD_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	struct option long_opts[sizeof(all_opts) / sizeof(all_opts[0])];
	const char *name = cmd->name;
	char	   *err = NULL;
	int			c,
				n = 0,
				rc;

	/* --region is an option of the commands that take it only */
	for (size_t i = 0; i < sizeof(all_opts) / sizeof(all_opts[0]); i++)
		if (cmd->region || !all_opts[i].name || strcmp(all_opts[i].name, "region") != 0)
			long_opts[n++] = all_opts[i];
	memset(o, 0, sizeof(*o));
	if (cli_wants_help(argc, argv))
	{
		cmd->usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_BUILD:
				if (!(o->build = maf_build_norm(optarg)))
					return cli_usage_error(name, "unknown genome build \"%s\" (GRCh37, hg19, 37, GRCh38, hg38, 38)",
										   optarg);
				break;
			case OPT_REGION:
				o->region = optarg;
				break;
			case OPT_WORKFLOW:
				o->workflow = optarg;
				break;
			case OPT_SAMPLE_MAP:
				if (!sample_map_parse(optarg, &o->samples, &err))
				{
					rc = cli_usage_error(name, "--sample-map: %s", err);
					free(err);
					return rc;
				}
				break;
			case OPT_FORMAT:
				o->format = NULL;
				for (int i = 0; cmd->formats[i]; i++)
					if (strcmp(optarg, cmd->formats[i]) == 0)
						o->format = cmd->formats[i];
				if (!o->format)
				{
					char	   *list = format_list(cmd->formats);

					rc = cli_usage_error(name, "unknown input format \"%s\" (%s)", optarg, list);
					free(list);
					return rc;
				}
				break;
			default:
				if ((rc = cli_load_option(name, c, argv, &o->c)) == CLI_SHOW_HELP)
				{
					cmd->usage();
					return ONC_EXIT_OK;
				}
				if (rc != CLI_GO_ON)
					return rc;
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error(name, "no files given");
	if (cmd->needs_study && !o->c.study)
		return cli_usage_error(name, "no study given (--study)");
	return -1;
}

/* What the file loop (driver.h) hands to the callbacks below. */
typedef struct run
{
	const varload_cmd *cmd;
	const varload_opts *o;
	genemap    *genes;
} run;

static bool
run_keep(const char *path, void *arg)
{
	return ((const run *) arg)->cmd->keep(path);
}

static int
run_load(PGconn *conn, const char *path, bool named, filehash_job *hash, void *arg,
		 load_status *status)
{
	run		   *r = arg;

	(void) named;
	if (!r->genes)
		r->genes = genemap_new();
	return r->cmd->load(conn, r->o, path, r->genes, hash, status);
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
varload_main(const varload_cmd *cmd, int argc, char **argv)
{
	varload_opts o;
	int			rc = varload_options(cmd, argc, argv, &o);

	if (rc < 0)
	{
		run			r = {cmd, &o, NULL};
		driver		d = {cmd->name, o.c.dbname, run_keep, run_load, run_reset, &r};

		rc = driver_run(&d, argc, argv, optind);
		genemap_free(r.genes);
	}
	sample_map_free(&o.samples);
	return rc;
}
