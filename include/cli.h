/*
 * cli.h: what every command's main() shares: the command table, --help,
 * --version, and the usage-error format ("one line and a hint").
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>

#include "onc.h"

/* Each command's entry point; argv[0] is the command name. */
int			cmd_init(int argc, char **argv);
int			cmd_genes(int argc, char **argv);
int			cmd_expression(int argc, char **argv);
int			cmd_copynumber(int argc, char **argv);
int			cmd_loads(int argc, char **argv);
int			cmd_generate(int argc, char **argv);
int			cmd_clinical(int argc, char **argv);
int			cmd_mutations(int argc, char **argv);
int			cmd_variants(int argc, char **argv);
int			cmd_show(int argc, char **argv);
int			cmd_diff(int argc, char **argv);
int			cmd_reconcile(int argc, char **argv);
int			cmd_ingest(int argc, char **argv);
int			cmd_validate(int argc, char **argv);
int			cmd_rollback(int argc, char **argv);
int			cmd_dropstudy(int argc, char **argv);

/* Print "oncoload COMMAND (oncoload) VERSION" on stdout; returns 0. */
int			cli_version(const char *cmd);

/*
 * Print "oncoload: error: MESSAGE" and the hint to run COMMAND --help on
 * stderr; returns ONC_EXIT_USAGE.
 */
int			cli_usage_error(const char *cmd, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/*
 * Report getopt_long's failure for argv (call when it returned '?' with
 * opterr = 0); returns ONC_EXIT_USAGE.
 */
int			cli_bad_option(const char *cmd, char **argv);

/* getopt_long value of --help (-? is caught by cli_wants_help). */
#define CLI_OPT_HELP 1000

/*
 * The options every command takes: -d (into *dbname; NULL when the command
 * has none), -q, -V, --help (usage printed); any other value getopt_long
 * returned is reported as an unknown option.  Pass what the command does
 * not handle itself.  Returns CLI_GO_ON, or the exit code to return.
 */
int			cli_common_option(const char *cmd, int c, char **argv, const char **dbname,
							  void (*usage) (void));

/* --output text|json into *json; false after printing the usage error. */
bool		cli_output_option(const char *cmd, const char *arg, bool *json);

/*
 * The options every loading command takes: -d, --study, --max-rejects,
 * --force, --output, -q, -V, --help.  Put CLI_LOAD_LONG_OPTIONS in the
 * command's getopt_long table and pass every value it does not handle
 * itself to cli_load_option.
 */
typedef struct cli_load_opts
{
	const char *dbname;			/* -d */
	const char *study;			/* --study */
	long		max_rejects;	/* --max-rejects */
	bool		force;			/* --force */
	bool		json;			/* --output json */
} cli_load_opts;

enum
{
	CLI_OPT_STUDY = CLI_OPT_HELP + 100,
	CLI_OPT_MAX_REJECTS,
	CLI_OPT_FORCE,
	CLI_OPT_OUTPUT
};

#define CLI_LOAD_LONG_OPTIONS \
	{"dbname", required_argument, NULL, 'd'}, \
	{"study", required_argument, NULL, CLI_OPT_STUDY}, \
	{"max-rejects", required_argument, NULL, CLI_OPT_MAX_REJECTS}, \
	{"force", no_argument, NULL, CLI_OPT_FORCE}, \
	{"output", required_argument, NULL, CLI_OPT_OUTPUT}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"version", no_argument, NULL, 'V'}, \
	{"help", no_argument, NULL, CLI_OPT_HELP}

/* What cli_load_option says besides an exit code. */
#define CLI_GO_ON (-1)			/* taken: parse on */
#define CLI_SHOW_HELP (-2)		/* --help: print the usage, exit 0 */

/*
 * Take getopt_long's value c (optarg with it) into *o when it is one of the
 * common options; otherwise report the unknown option.  Returns CLI_GO_ON,
 * CLI_SHOW_HELP, or the exit code to return (--version, a usage error).
 */
int			cli_load_option(const char *cmd, int c, char **argv, cli_load_opts *o);

/* True when argv[1] is --help or -? (checked before getopt, as PostgreSQL does). */
bool		cli_wants_help(int argc, char **argv);

/* Read a GDC sample sheet; NULL after printing why it cannot be read. */
struct samplesheet;
struct samplesheet *cli_read_samplesheet(const char *path);

/* Parse a non-negative whole number option; false when it is not one. */
bool		cli_parse_count(const char *s, long *out);

#endif							/* CLI_H */
