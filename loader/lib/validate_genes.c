/*
 * validate_genes.c: the gene reference "oncoload validate --genes FILE"
 * checks gene names against, read from a GENCODE GTF or an NCBI gene_info
 * file with the gene loader's own reader (transforms/refgene.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dims.h"
#include "refgene.h"
#include "validate_internal.h"

genemap *
val_genes_from_file(const char *path, char **err)
{
	refgene_reader *rr = refgene_open(path, err);
	genemap    *g;
	refgene		rg;
	char	   *e = NULL;
	int			got,
				key = 0;

	if (!rr)
		return NULL;
	g = genemap_new();
	while ((got = refgene_next(rr, &rg, &e)) != 0)
	{
		char		entrez[24];

		if (got < 0)
		{
			/* a malformed reference line: the gene load rejects it too */
			free(e);
			e = NULL;
			if (refgene_io_error(rr))
				break;
			continue;
		}
		if (rg.entrez_id > 0)
			snprintf(entrez, sizeof(entrez), "%ld", rg.entrez_id);
		else
			entrez[0] = '\0';
		genemap_add_gene(g, ++key, rg.ensembl_id, entrez, rg.symbol, rg.synonyms);
	}
	if (refgene_io_error(rr))
	{
		*err = xasprintf("could not read: %s", refgene_io_error(rr));
		refgene_close(rr);
		genemap_free(g);
		return NULL;
	}
	refgene_close(rr);
	if (key == 0)
	{
		*err = xstrdup("no genes in the gene reference");
		genemap_free(g);
		return NULL;
	}
	return g;
}
