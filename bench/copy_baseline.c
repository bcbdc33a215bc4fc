/*
 * copy_baseline.c: the floor bench/expression measures oncoload against: GDC
 * STAR gene-count files turned into one binary COPY stream (untimed), then
 * only the sending of that stream into a bare table, COMMIT included, timed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#define CB_NFIELDS		8		/* sample, gene and six measures */
#define CB_NMEASURES	6
#define CB_CHUNK		(1024 * 1024)

static const char cb_signature[11] = "PGCOPY\n\377\r\n\0";

static const char cb_create[] =
"CREATE TABLE bench_raw (sample int4, gene int4, unstranded float8, "
"stranded_first float8, stranded_second float8, tpm_unstranded float8, "
"fpkm_unstranded float8, fpkm_uq_unstranded float8)";

static void
usage(void)
{
	printf("copy_baseline times a binary COPY of GDC STAR gene-count files into the\n"
		   "unindexed table bench_raw (dropped and created afresh).\n\n"
		   "Usage:\n  copy_baseline -d CONNINFO -w COPYFILE STAR_FILE...\n\n"
		   "Options:\n"
		   "  -d, --dbname=CONNINFO  database (conninfo string, URI or service)\n"
		   "  -w, --work=COPYFILE    where the binary COPY stream is prepared\n"
		   "  -?, --help             print this help and exit\n\n"
		   "Sample = file index (0-based, argument order), gene = data-row index;\n"
		   "N_* rows are skipped.  Prints one line of key=value figures on stdout.\n"
		   "Exit status: 0 success, 1 unreadable input, 2 usage, 3 database error,\n"
		   "4 I/O error.\n");
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
put_be16(FILE *fp, int16_t v)
{
	uint16_t	u = (uint16_t) v;

	putc((u >> 8) & 0xFF, fp);
	putc(u & 0xFF, fp);
}

static void
put_be32(FILE *fp, int32_t v)
{
	uint32_t	u = (uint32_t) v;

	for (int shift = 24; shift >= 0; shift -= 8)
		putc((u >> shift) & 0xFF, fp);
}

static void
put_float8(FILE *fp, double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof(u));
	put_be32(fp, 8);
	for (int shift = 56; shift >= 0; shift -= 8)
		putc((int) ((u >> shift) & 0xFF), fp);
}

/*
 * Append the gene rows of one STAR file to the COPY stream as sample.
 * Returns the rows written, or -1 after printing "FILE:LINE: error".
 */
static long
append_star_file(FILE *out, const char *path, int32_t sample)
{
	FILE	   *in = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	long		lineno = 0,
				rows = 0;
	bool		header = false;

	if (!in)
	{
		fprintf(stderr, "copy_baseline: %s: error: %s\n", path, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, in)) != -1)
	{
		char	   *field[9];
		int			nf = 0;
		char	   *s = line;

		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (;;)
		{
			char	   *tab = strchr(s, '\t');

			if (nf < 9)
				field[nf] = s;
			nf++;
			if (!tab)
				break;
			*tab = '\0';
			s = tab + 1;
		}
		if (nf != 9)
		{
			fprintf(stderr, "copy_baseline: %s:%ld: error: %d fields, expected 9\n",
					path, lineno, nf);
			goto fail;
		}
		if (!header)
		{
			if (strcmp(field[0], "gene_id") != 0 || strcmp(field[3], "unstranded") != 0)
			{
				fprintf(stderr, "copy_baseline: %s:%ld: error: not a STAR gene-counts header\n",
						path, lineno);
				goto fail;
			}
			header = true;
			continue;
		}
		if (strncmp(field[0], "N_", 2) == 0)
			continue;
		put_be16(out, CB_NFIELDS);
		put_be32(out, 4);
		put_be32(out, sample);
		put_be32(out, 4);
		put_be32(out, (int32_t) rows);
		for (int k = 0; k < CB_NMEASURES; k++)
		{
			const char *v = field[3 + k];
			char	   *end;
			double		d;

			if (*v == '\0')
			{
				put_be32(out, -1);
				continue;
			}
			errno = 0;
			d = strtod(v, &end);
			if (errno || *end)
			{
				fprintf(stderr, "copy_baseline: %s:%ld: error: bad number \"%s\"\n",
						path, lineno, v);
				goto fail;
			}
			put_float8(out, d);
		}
		rows++;
	}
	if (ferror(in))
	{
		fprintf(stderr, "copy_baseline: %s: error: %s\n", path, strerror(errno));
		goto fail;
	}
	free(line);
	fclose(in);
	return rows;
fail:
	free(line);
	fclose(in);
	return -1;
}

/* Run one command that returns no rows; false after printing the error. */
static bool
exec_ok(PGconn *conn, const char *sql)
{
	PGresult   *res = PQexec(conn, sql);
	bool		ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		fprintf(stderr, "copy_baseline: error: %s: %s", sql, PQerrorMessage(conn));
	PQclear(res);
	return ok;
}

/*
 * Send the prepared stream with COPY FROM STDIN, the psql handleCopyIn way.
 * Returns the rows COPY reported, or -1 after printing the error.
 */
static long
send_stream(PGconn *conn, int fd)
{
	PGresult   *res;
	char	   *chunk = malloc(CB_CHUNK);
	ssize_t		n;
	const char *abort_msg = NULL;
	long		rows = -1;

	if (!chunk)
	{
		fprintf(stderr, "copy_baseline: error: out of memory\n");
		return -1;
	}
	res = PQexec(conn, "COPY bench_raw FROM STDIN (FORMAT binary)");
	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		fprintf(stderr, "copy_baseline: error: COPY: %s", PQerrorMessage(conn));
		PQclear(res);
		free(chunk);
		return -1;
	}
	PQclear(res);
	while ((n = read(fd, chunk, CB_CHUNK)) != 0)
	{
		if (n < 0)
		{
			if (errno == EINTR)
				continue;
			abort_msg = "could not read the prepared stream";
			fprintf(stderr, "copy_baseline: error: %s: %s\n", abort_msg, strerror(errno));
			break;
		}
		if (PQputCopyData(conn, chunk, (int) n) != 1)
		{
			fprintf(stderr, "copy_baseline: error: sending COPY data: %s",
					PQerrorMessage(conn));
			abort_msg = "client failed to send";
			break;
		}
	}
	free(chunk);
	if (PQputCopyEnd(conn, abort_msg) != 1)
		fprintf(stderr, "copy_baseline: error: ending COPY: %s", PQerrorMessage(conn));
	while ((res = PQgetResult(conn)) != NULL)
	{
		if (PQresultStatus(res) == PGRES_COMMAND_OK && !abort_msg)
			rows = atol(PQcmdTuples(res));
		else if (PQresultStatus(res) != PGRES_COMMAND_OK)
			fprintf(stderr, "copy_baseline: error: COPY: %s", PQresultErrorMessage(res));
		PQclear(res);
	}
	return rows;
}

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"dbname", required_argument, NULL, 'd'},
		{"work", required_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	const char *conninfo = NULL;
	const char *work = NULL;
	const char *keywords[] = {"dbname", "fallback_application_name", NULL};
	const char *values[] = {NULL, "copy_baseline", NULL};
	FILE	   *out;
	PGconn	   *conn;
	long		rows = 0,
				sent;
	int			c,
				fd;
	double		t0,
				t_prep,
				t_send;
	off_t		bytes;
	static char outbuf[CB_CHUNK];

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0))
	{
		usage();
		return 0;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:w:", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'd':
				conninfo = optarg;
				break;
			case 'w':
				work = optarg;
				break;
			case 'h':
				usage();
				return 0;
			default:
				fprintf(stderr, "copy_baseline: error: invalid option \"%s\"\n"
						"  hint: Try \"copy_baseline --help\".\n", argv[optind - 1]);
				return 2;
		}
	}
	if (!conninfo || !work || optind >= argc)
	{
		fprintf(stderr, "copy_baseline: error: -d, -w and at least one file are required\n"
				"  hint: Try \"copy_baseline --help\".\n");
		return 2;
	}

	/* 1. prepare the stream: not timed */
	t0 = now_seconds();
	if ((out = fopen(work, "wb")) == NULL)
	{
		fprintf(stderr, "copy_baseline: %s: error: %s\n", work, strerror(errno));
		return 4;
	}
	setvbuf(out, outbuf, _IOFBF, sizeof(outbuf));
	fwrite(cb_signature, 1, sizeof(cb_signature), out);
	put_be32(out, 0);			/* flags */
	put_be32(out, 0);			/* header extension length */
	for (int i = optind; i < argc; i++)
	{
		long		n = append_star_file(out, argv[i], (int32_t) (i - optind));

		if (n < 0)
		{
			fclose(out);
			return 1;
		}
		rows += n;
	}
	put_be16(out, -1);			/* trailer */
	if (fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0)
	{
		fprintf(stderr, "copy_baseline: %s: error: %s\n", work, strerror(errno));
		fclose(out);
		return 4;
	}
	bytes = ftello(out);
	fclose(out);
	t_prep = now_seconds() - t0;

	values[0] = conninfo;
	conn = PQconnectdbParams(keywords, values, 1);
	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "copy_baseline: error: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return 3;
	}
	if (!exec_ok(conn, "SET client_min_messages = warning") ||
		!exec_ok(conn, "DROP TABLE IF EXISTS public.bench_raw") ||
		!exec_ok(conn, "SET search_path = public") ||
		!exec_ok(conn, cb_create))
	{
		PQfinish(conn);
		return 3;
	}
	if ((fd = open(work, O_RDONLY)) < 0)
	{
		fprintf(stderr, "copy_baseline: %s: error: %s\n", work, strerror(errno));
		PQfinish(conn);
		return 4;
	}

	/* 2. send it: timed, from BEGIN to COMMIT */
	t0 = now_seconds();
	if (!exec_ok(conn, "BEGIN"))
		sent = -1;
	else
		sent = send_stream(conn, fd);
	if (sent >= 0 && !exec_ok(conn, "COMMIT"))
		sent = -1;
	t_send = now_seconds() - t0;
	close(fd);
	PQfinish(conn);
	if (sent < 0)
		return 3;
	if (sent != rows)
	{
		fprintf(stderr, "copy_baseline: error: COPY reported %ld rows, %ld prepared\n",
				sent, rows);
		return 3;
	}
	printf("files=%d rows=%ld stream_bytes=%lld prepare_seconds=%.3f "
		   "seconds=%.3f rows_per_second=%.0f\n",
		   argc - optind, rows, (long long) bytes, t_prep, t_send,
		   t_send > 0 ? rows / t_send : 0.0);
	return 0;
}
