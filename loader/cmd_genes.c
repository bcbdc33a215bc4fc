/*
 * cmd_genes.c: oncoload genes (being written).
 */
#include "config.h"

#include "cli.h"

int
cmd_genes(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	onc_error("oncoload genes is not implemented yet");
	return ONC_EXIT_USAGE;
}
