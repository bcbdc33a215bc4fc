/*
 * cmd_generate.c: oncoload generate (being written).
 */
#include "config.h"

#include "cli.h"

int
cmd_generate(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	onc_error("oncoload generate is not implemented yet");
	return ONC_EXIT_USAGE;
}
