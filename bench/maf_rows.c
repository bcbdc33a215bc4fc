/*
 * maf_rows.c: the MAF bench/mutations loads: N rows in the GDC's per-aliquot
 * masked layout (140 columns) over S tumour aliquots with TCGA barcodes and
 * matched normals, written by the demo generator's own code (gen_maf.h).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_maf.h"
#include "onc.h"

static void
usage(void)
{
	printf("maf_rows writes a synthetic GDC-layout MAF for bench/mutations.\n\n"
		   "Usage:\n  maf_rows [-n ROWS] [-s SAMPLES] [-z] -o FILE\n\n"
		   "  -n ROWS     mutation lines (default 1000000)\n"
		   "  -s SAMPLES  tumour aliquots they are spread over (default 1000)\n"
		   "  -z          gzip the file\n"
		   "  -o FILE     where to write it\n");
}

int
main(int argc, char **argv)
{
	long		rows = 1000000,
				nsamples = 1000,
				written = 0;
	const char *path = NULL;
	bool		gz = false;
	gen_maf_sample *samples;
	char	  **names;
	int			c,
				rc;

	while ((c = getopt(argc, argv, "n:s:zo:h")) != -1)
	{
		switch (c)
		{
			case 'n':
				rows = atol(optarg);
				break;
			case 's':
				nsamples = atol(optarg);
				break;
			case 'z':
				gz = true;
				break;
			case 'o':
				path = optarg;
				break;
			case 'h':
				usage();
				return 0;
			default:
				fprintf(stderr, "maf_rows: error: bad option\nhint: Try \"maf_rows -h\".\n");
				return 2;
		}
	}
	if (!path || rows < 1 || nsamples < 1 || nsamples > 99999 || rows < nsamples)
	{
		fprintf(stderr, "maf_rows: error: give -o FILE, and ROWS >= SAMPLES >= 1 (SAMPLES < 100000)\n");
		return 2;
	}
	samples = xcalloc((size_t) nsamples, sizeof(*samples));
	names = xcalloc((size_t) nsamples * 2, sizeof(char *));
	for (long i = 0; i < nsamples; i++)
	{
		names[2 * i] = xasprintf("TCGA-B%c-%04ld-01A-11D-A%03lX-08", 'A' + (char) (i / 10000), i % 10000, i % 4096);
		names[2 * i + 1] = xasprintf("TCGA-B%c-%04ld-10A-01D-A%03lX-08", 'A' + (char) (i / 10000), i % 10000, i % 4096);
		samples[i].tumor = names[2 * i];
		samples[i].normal = names[2 * i + 1];
	}
	rc = gen_maf_write(path, 42, samples, nsamples, rows / nsamples, gz, &written);
	if (rc == 0)
		printf("rows=%ld samples=%ld\n", written, nsamples);
	for (long i = 0; i < nsamples * 2; i++)
		free(names[i]);
	free(names);
	free(samples);
	return rc;
}
