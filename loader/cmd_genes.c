/*
 * cmd_genes.c: oncoload genes -- load gene references (GENCODE GTF, NCBI
 * gene_info) into the gene dimension, each file one audited load.
 */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "progress.h"
#include "refgene.h"

static void
usage(void)
{
	printf("oncoload genes loads gene reference files into the gene dimension.\n\n"
		   "Usage:\n  oncoload genes [OPTION]... FILE...\n\n"
		   "Formats (detected from content; plain or gzipped): GENCODE GTF (gene\n"
		   "records: Ensembl ID and version, symbol, type, position) and NCBI gene_info\n"
		   "(Entrez ID, symbol, synonyms and the Ensembl cross-reference).  Load the GTF\n"
		   "first: gene_info then adds Entrez IDs and synonyms to the Ensembl genes.\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO   database (else the PG* variables)\n"
		   "      --max-rejects=N     malformed lines allowed per file (default 0)\n"
		   "      --force             load files whose bytes were loaded before\n"
		   "      --output=text|json  outcome per file as text or one JSON object a line\n"
		   "      --quiet             print only warnings and errors\n"
		   "  -V, --version           print the version and exit\n"
		   "  -?, --help              print this help and exit\n\n");
	fputs(onc_exit_help, stdout);
}

enum
{
	OPT_MAX_REJECTS = 1001,
	OPT_FORCE,
	OPT_OUTPUT
};

static const char stage_sql[] =
"CREATE TEMP TABLE gene_stage (lineno bigint, ensembl_id text, ensembl_version text, symbol text, "
"entrez_id bigint, gene_type text, chromosome text, start_position bigint, end_position bigint, "
"strand text, description text, synonyms text) ON COMMIT DROP";

/* GTF: upsert on the Ensembl ID (the first line of a repeated ID wins). */
static const char merge_gtf_sql[] =
"INSERT INTO warehouse.gene AS g (ensembl_id, ensembl_version, symbol, gene_type, chromosome, "
"  start_position, end_position, strand, source, created_load_id) "
"SELECT DISTINCT ON (ensembl_id) ensembl_id, nullif(ensembl_version, ''), symbol, gene_type, chromosome, "
"  start_position, end_position, strand, 'gencode-gtf', $1::bigint "
"FROM pg_temp.gene_stage WHERE ensembl_id IS NOT NULL ORDER BY ensembl_id, lineno "
"ON CONFLICT (ensembl_id) DO UPDATE SET ensembl_version = EXCLUDED.ensembl_version, "
"  symbol = coalesce(EXCLUDED.symbol, g.symbol), gene_type = coalesce(EXCLUDED.gene_type, g.gene_type), "
"  chromosome = EXCLUDED.chromosome, start_position = EXCLUDED.start_position, "
"  end_position = EXCLUDED.end_position, strand = EXCLUDED.strand";

/*
 * gene_info: an Entrez gene whose Ensembl ID is known fills that gene (the
 * first Entrez gene naming an Ensembl ID does); every other one is matched
 * on its Entrez ID or added without an Ensembl ID.  Then synonyms.
 */
static const char merge_info_sql[] =
"WITH first AS ("
"  SELECT DISTINCT ON (ensembl_id) lineno FROM pg_temp.gene_stage "
"  WHERE ensembl_id IS NOT NULL ORDER BY ensembl_id, lineno), "
"by_ensembl AS ("
"  UPDATE warehouse.gene g SET entrez_id = s.entrez_id, symbol = coalesce(g.symbol, s.symbol), "
"    description = s.description, gene_type = coalesce(g.gene_type, s.gene_type) "
"  FROM pg_temp.gene_stage s JOIN first f USING (lineno) "
"  WHERE g.ensembl_id = s.ensembl_id RETURNING s.lineno) "
"SELECT count(*) FROM by_ensembl";

/* Entrez genes not matched: added, with their Ensembl ID when no gene has it. */
static const char merge_info_rest_sql[] =
"WITH rest AS ("
"  SELECT s.* FROM pg_temp.gene_stage s "
"  WHERE s.entrez_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM warehouse.gene g WHERE g.entrez_id = s.entrez_id)), "
"first AS ("
"  SELECT DISTINCT ON (ensembl_id) lineno FROM rest WHERE ensembl_id IS NOT NULL "
"  AND NOT EXISTS (SELECT 1 FROM warehouse.gene g WHERE g.ensembl_id = rest.ensembl_id) "
"  ORDER BY ensembl_id, lineno), "
"ins AS ("
"  INSERT INTO warehouse.gene (ensembl_id, entrez_id, symbol, gene_type, chromosome, description, source, created_load_id) "
"  SELECT CASE WHEN f.lineno IS NOT NULL THEN r.ensembl_id END, r.entrez_id, r.symbol, r.gene_type, "
"    r.chromosome, r.description, 'ncbi-gene-info', $1::bigint "
"  FROM rest r LEFT JOIN first f USING (lineno) "
"  RETURNING 1) "
"SELECT count(*) FROM ins";

static const char merge_synonyms_sql[] =
"INSERT INTO warehouse.gene_synonym (gene_key, synonym) "
"SELECT DISTINCT g.gene_key, syn FROM pg_temp.gene_stage s "
"JOIN warehouse.gene g ON g.entrez_id = s.entrez_id "
"CROSS JOIN LATERAL unnest(string_to_array(s.synonyms, '|')) AS syn "
"WHERE s.synonyms IS NOT NULL AND syn <> '' AND syn IS DISTINCT FROM g.symbol "
"ON CONFLICT DO NOTHING";

typedef struct genes_job
{
	refgene_reader *reader;
	char	   *open_error;
} genes_job;

/* Run sql ($1 = the load id when it has a $1); rows affected or count(*). */
static int64_t
exec_count(load_ctx *ctx, const char *sql, bool count_rows)
{
	const char *params[1] = {ctx->load_id_text};
	PGresult   *res = db_query(ctx->conn, sql, strstr(sql, "$1") ? 1 : 0, params);
	int64_t		n;

	if (!res)
		return -1;
	n = count_rows ? strtoll(PQcmdTuples(res), NULL, 10) : strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return n;
}

static void
stage_row(db_copy *c, const refgene *g)
{
	db_copy_row(c, 12);
	db_copy_int8(c, g->lineno);
	db_copy_text(c, g->ensembl_id);
	db_copy_text(c, g->ensembl_version);
	db_copy_text(c, g->symbol);
	if (g->entrez_id > 0)
		db_copy_int8(c, g->entrez_id);
	else
		db_copy_null(c);
	db_copy_text(c, g->gene_type);
	db_copy_text(c, g->chromosome);
	if (g->start > 0)
		db_copy_int8(c, g->start);
	else
		db_copy_null(c);
	if (g->end > 0)
		db_copy_int8(c, g->end);
	else
		db_copy_null(c);
	if (g->strand)
	{
		char		s[2] = {g->strand, 0};

		db_copy_text(c, s);
	}
	else
		db_copy_null(c);
	db_copy_text(c, g->description);
	db_copy_text(c, g->synonyms);
}

static int
genes_body(load_ctx *ctx, void *arg)
{
	genes_job  *job = arg;
	refgene_format fmt;
	db_copy		copy;
	refgene		g;
	char	   *err = NULL;
	int			got,
				rc = ONC_EXIT_DB;
	int64_t		n1,
				n2;

	if (!job->reader)
	{
		onc_msg(ONC_ERROR, ctx->spec->path, 0, 0, "%s", job->open_error ? job->open_error : "cannot read");
		return ONC_EXIT_INPUT;
	}
	fmt = refgene_reader_format(job->reader);
	load_set_format(ctx, refgene_format_name(fmt), NULL);
	memset(&copy, 0, sizeof(copy));
	if (load_lock_genes(ctx) < 0 || db_exec(ctx->conn, stage_sql) < 0 ||
		db_copy_begin(&copy, ctx->conn,
					  "COPY pg_temp.gene_stage FROM STDIN (FORMAT binary)") < 0)
		goto done;
	while ((got = refgene_next(job->reader, &g, &err)) != 0)
	{
		if (got < 0)
		{
			bool		ok = load_reject(ctx, refgene_lines_read(job->reader), 0, "malformed_line",
										 NULL, "%s", err ? err : "malformed line");

			free(err);
			err = NULL;
			ctx->records_rejected++;
			if (refgene_io_error(job->reader))
			{
				onc_msg(ONC_ERROR, ctx->spec->path, refgene_lines_read(job->reader), 0, "%s",
						refgene_io_error(job->reader));
				rc = ONC_EXIT_INPUT;
				goto done;
			}
			if (!ok)
			{
				rc = ONC_EXIT_INPUT;
				goto done;
			}
			continue;
		}
		stage_row(&copy, &g);
		ctx->records_loaded++;
		if (db_copy_flush_if_full(&copy) < 0)
			goto done;
	}
	if (refgene_io_error(job->reader))
	{
		onc_msg(ONC_ERROR, ctx->spec->path, refgene_lines_read(job->reader), 0, "%s",
				refgene_io_error(job->reader));
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	if (db_copy_end(&copy, NULL) < 0)
		goto done;
	ctx->records_read = refgene_lines_read(job->reader);
	ctx->records_filtered = ctx->records_read - ctx->records_loaded - ctx->records_rejected;
	if (fmt == REFGENE_GTF)
	{
		if ((n1 = exec_count(ctx, merge_gtf_sql, true)) < 0)
			goto done;
		ctx->facts_written = n1;
	}
	else
	{
		if ((n1 = exec_count(ctx, merge_info_sql, false)) < 0 ||
			(n2 = exec_count(ctx, merge_info_rest_sql, false)) < 0)
			goto done;
		ctx->facts_written = n1 + n2;
		{
			PGresult   *res = db_query(ctx->conn, merge_synonyms_sql, 0, NULL);

			if (!res)
				goto done;
			load_meta_int(ctx, "synonyms_added", strtoll(PQcmdTuples(res), NULL, 10));
			PQclear(res);
		}
		load_meta_int(ctx, "genes_matched_by_ensembl", n1);
		load_meta_int(ctx, "genes_added", n2);
	}
	rc = ONC_EXIT_OK;
done:
	if (copy.active)
		db_copy_end(&copy, "load failed");
	db_copy_free(&copy);
	return rc;
}

int
cmd_genes(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"max-rejects", required_argument, NULL, OPT_MAX_REJECTS},
		{"force", no_argument, NULL, OPT_FORCE},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, CLI_OPT_HELP},
		{NULL, 0, NULL, 0}
	};
	const char *dbname = NULL;
	load_spec	spec;
	PGconn	   *conn;
	int			c,
				nok = 0,
				nfailed = 0,
				first_fail = 0;

	memset(&spec, 0, sizeof(spec));
	spec.command = "genes";
	spec.data_type = "gene_reference";
	if (cli_wants_help(argc, argv))
	{
		usage();
		return ONC_EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qV", long_opts, NULL)) != -1)
	{
		switch (c)
		{
			case OPT_MAX_REJECTS:
				if (!cli_parse_count(optarg, &spec.max_rejects))
					return cli_usage_error("genes", "--max-rejects needs a whole number, not \"%s\"", optarg);
				break;
			case OPT_FORCE:
				spec.force = true;
				break;
			case OPT_OUTPUT:
				if (!cli_output_option("genes", optarg, &spec.json))
					return ONC_EXIT_USAGE;
				break;
			default:
				{
					int			r = cli_common_option("genes", c, argv, &dbname, usage);

					if (r != CLI_GO_ON)
						return r;
				}
				break;
		}
	}
	if (optind >= argc)
		return cli_usage_error("genes", "no files given");
	audit_set_arguments(argc, argv);
	conn = audit_connect(dbname, "genes");
	if (!conn)
		return ONC_EXIT_DB;
	for (int i = optind; i < argc; i++)
	{
		genes_job	job = {NULL, NULL};
		load_status st;
		int			rc;

		progress_begin(argv[i]);
		job.reader = refgene_open(argv[i], &job.open_error);
		spec.path = argv[i];
		spec.input_format = job.reader ? refgene_format_name(refgene_reader_format(job.reader)) : NULL;
		rc = load_run(conn, &spec, genes_body, &job, &st);
		progress_end();
		refgene_close(job.reader);
		free(job.open_error);
		if (rc == ONC_EXIT_OK)
			nok++;
		else
		{
			nfailed++;
			if (!first_fail)
				first_fail = rc;
		}
	}
	PQfinish(conn);
	if (nfailed == 0)
		return ONC_EXIT_OK;
	return nok == 0 ? first_fail : ONC_EXIT_PARTIAL;
}
