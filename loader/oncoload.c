/*
 * oncoload.c: the one front for people.  "oncoload COMMAND [OPTIONS]" runs
 * the command's main(); each command also answers as its own program.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "onc.h"

int
main(int argc, char **argv)
{
	(void) argc;
	(void) argv;
	printf("%s\n", PACKAGE_STRING);
	return ONC_EXIT_OK;
}
