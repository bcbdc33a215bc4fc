/*
 * cmd_expression.c: oncoload expression (being written).
 */
#include "config.h"

#include "cli.h"

int
cmd_expression(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	onc_error("oncoload expression is not implemented yet");
	return ONC_EXIT_USAGE;
}
