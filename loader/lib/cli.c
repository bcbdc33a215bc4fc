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
	const char *arg = argv[optind - 1];

	if (optopt && (!arg || arg[0] != '-' || arg[1] == '-' || strlen(arg) <= 2))
	{
		if (arg && strncmp(arg, "--", 2) == 0)
			return cli_usage_error(cmd, "option \"%s\" requires an argument or is invalid", arg);
		return cli_usage_error(cmd, "invalid option or missing argument: -%c", optopt);
	}
	return cli_usage_error(cmd, "unrecognized option \"%s\"", arg ? arg : "?");
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
