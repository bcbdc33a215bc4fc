/*
 * cmd_loads.c: oncoload loads (being written).
 */
#include "config.h"

#include "cli.h"

int
cmd_loads(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	onc_error("oncoload loads is not implemented yet");
	return ONC_EXIT_USAGE;
}
