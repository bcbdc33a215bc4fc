/*
 * cmd_init.c: oncoload init (being written).
 */
#include "config.h"

#include "cli.h"

int
cmd_init(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	onc_error("oncoload init is not implemented yet");
	return ONC_EXIT_USAGE;
}
