/*
 * cli.c: --version, usage errors and option helpers shared by the commands.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "samplesheet.h"
#include "textutil.h"

int
cli_version(const char *cmd)
{
	printf("oncoload %s (%s) %s\n", cmd, PACKAGE_NAME, PACKAGE_VERSION);
	return ONC_EXIT_OK;
}

int
cli_usage_error(const char *cmd, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	onc_vmsg(ONC_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	onc_hint("Try \"oncoload %s --help\" for more information.", cmd);
	return ONC_EXIT_USAGE;
}

int
cli_bad_option(const char *cmd, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;

	if (optopt > 0 && optopt < 256)
		return cli_usage_error(cmd, "invalid option or missing argument: -%c", optopt);
	if (arg && strncmp(arg, "--", 2) == 0)
	{
		/* unknown long option, or a known one missing its argument */
		return cli_usage_error(cmd, "unrecognized option or missing argument: \"%s\"", arg);
	}
	return cli_usage_error(cmd, "invalid option \"%s\"", arg ? arg : "?");
}

bool
cli_wants_help(int argc, char **argv)
{
	return argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0);
}

bool
cli_parse_count(const char *s, long *out)
{
	char	   *end;
	long		v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

samplesheet *
cli_read_samplesheet(const char *path)
{
	char	   *err = NULL;
	samplesheet *ss = samplesheet_read(path, &err);

	if (!ss)
	{
		long		line;
		const char *text = err_split_place(err ? err : "cannot read the sample sheet", &line, NULL);

		onc_msg(ONC_ERROR, path, line, 0, "%s", text);
	}
	free(err);
	return ss;
}

int
cli_common_option(const char *cmd, int c, char **argv, const char **dbname, void (*usage) (void))
{
	switch (c)
	{
		case 'd':
			if (!dbname)
				break;
			*dbname = optarg;
			return CLI_GO_ON;
		case 'q':
			onc_quiet = true;
			return CLI_GO_ON;
		case 'V':
			return cli_version(cmd);
		case CLI_OPT_HELP:
			if (!usage)
				return CLI_SHOW_HELP;
			usage();
			return ONC_EXIT_OK;
	}
	return cli_bad_option(cmd, argv);
}

bool
cli_output_option(const char *cmd, const char *arg, bool *json)
{
	if (strcmp(arg, "json") == 0)
		*json = true;
	else if (strcmp(arg, "text") != 0)
	{
		cli_usage_error(cmd, "--output must be text or json, not \"%s\"", arg);
		return false;
	}
	return true;
}

int
cli_load_option(const char *cmd, int c, char **argv, cli_load_opts *o)
{
	switch (c)
	{
		case CLI_OPT_STUDY:
			o->study = optarg;
			return CLI_GO_ON;
		case CLI_OPT_MAX_REJECTS:
			if (!cli_parse_count(optarg, &o->max_rejects))
				return cli_usage_error(cmd, "--max-rejects needs a whole number, not \"%s\"", optarg);
			return CLI_GO_ON;
		case CLI_OPT_FORCE:
			o->force = true;
			return CLI_GO_ON;
		case CLI_OPT_OUTPUT:
			return cli_output_option(cmd, optarg, &o->json) ? CLI_GO_ON : ONC_EXIT_USAGE;
	}
	return cli_common_option(cmd, c, argv, &o->dbname, NULL);
}
