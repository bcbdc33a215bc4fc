/*
 * dims.c: specimen resolution through the warehouse.ensure_* functions and
 * a client-side gene map (see dims.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "db.h"
#include "dims.h"
#include "strmap.h"

struct genemap
{
	strmap	   *ensembl;		/* ENSG... -> key */
	strmap	   *entrez;			/* "7157" -> key or GENE_AMBIGUOUS */
	strmap	   *symbol;			/* primary symbols */
	strmap	   *synonym;		/* synonyms */
	bool		ensembl_loaded;
	bool		names_loaded;
};

/*
 * One statement resolves a specimen at every level it names: the patient
 * (when known), the sample, and the aliquot (when the ID is one), so that a
 * specimen costs one round trip, and a batch of them one per pipeline.
 * OFFSET 0 keeps the sample's subquery (and its volatile function) from
 * being pulled up and evaluated twice.
 */
static const char specimen_sql[] =
"SELECT s.k, CASE WHEN $12::text IS NULL THEN NULL ELSE "
"warehouse.ensure_aliquot($1::int, s.k, $12, $13, $14, $15, $16, $2::bigint) END "
"FROM (SELECT warehouse.ensure_sample($1::int, $7, "
"CASE WHEN $3::text IS NULL THEN NULL ELSE "
"warehouse.ensure_patient($1::int, $3, $4, $5, $6, $2::bigint) END, "
"$8, $9, $10, $11::boolean, $2::bigint) AS k OFFSET 0) s";

#define SPECIMEN_NPARAMS 16

/* The statement's parameters for one specimen; they point into *bc and *buf. */
typedef struct specimen_args
{
	tcga_barcode bc;
	tcga_barcode pb;
	char		vial[2];
	char		analyte[2];
	const char *params[SPECIMEN_NPARAMS];
} specimen_args;

static void
specimen_params(const load_ctx *ctx, const char *id, const char *patient_id,
				const char *sample_type, specimen_args *a)
{
	tcga_barcode *bc = &a->bc;
	bool		tcga = tcga_barcode_parse(id, bc);
	const char *sample_id = id;
	bool		ptcga;
	bool		vial_less;

	memset(a->vial, 0, sizeof(a->vial));
	memset(a->analyte, 0, sizeof(a->analyte));
	if (tcga && bc->level >= TCGA_SAMPLE)
	{
		sample_id = bc->sample_id;
		if (!patient_id)
			patient_id = bc->patient_id;
		if (!sample_type)
			sample_type = tcga_sample_type_name(bc->sample_type);
		a->vial[0] = bc->vial;
		a->analyte[0] = bc->analyte;
	}
	else if (tcga && bc->level == TCGA_PATIENT)
		tcga = false;			/* a patient barcode naming a sample: use as is */
	ptcga = patient_id && tcga_barcode_parse(patient_id, &a->pb) && a->pb.level == TCGA_PATIENT;
	vial_less = tcga && bc->level == TCGA_SAMPLE && bc->vial == '\0';

	a->params[0] = ctx->study_key_text;
	a->params[1] = ctx->load_id_text;
	a->params[2] = patient_id;
	a->params[3] = ptcga ? a->pb.project : NULL;
	a->params[4] = ptcga ? a->pb.tss : NULL;
	a->params[5] = ptcga ? a->pb.participant : NULL;
	a->params[6] = sample_id;
	a->params[7] = sample_type;
	a->params[8] = tcga ? bc->sample_type : NULL;
	a->params[9] = a->vial[0] ? a->vial : NULL;
	a->params[10] = vial_less ? "true" : "false";
	if (tcga && bc->level >= TCGA_PORTION && strcmp(id, bc->sample_id) != 0)
	{
		a->params[11] = id;
		a->params[12] = bc->portion[0] ? bc->portion : NULL;
		a->params[13] = a->analyte[0] ? a->analyte : NULL;
		a->params[14] = bc->plate[0] ? bc->plate : NULL;
		a->params[15] = bc->center[0] ? bc->center : NULL;
	}
	else
		for (int i = 11; i < SPECIMEN_NPARAMS; i++)
			a->params[i] = NULL;
}

/* The keys from one result of specimen_sql; 0 or -1 (printed). */
static int
specimen_keys(const PGresult *res, dims_target *out)
{
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0))
	{
		onc_error("could not resolve a dimension key");
		return -1;
	}
	out->sample_key = atoi(PQgetvalue(res, 0, 0));
	out->aliquot_key = PQgetisnull(res, 0, 1) ? 0 : atoi(PQgetvalue(res, 0, 1));
	return 0;
}

int
dims_resolve_specimen(load_ctx *ctx, const char *id, const char *patient_id,
					  const char *sample_type, dims_target *out)
{
	specimen_args a;
	PGresult   *res;
	int			rc;

	out->sample_key = 0;
	out->aliquot_key = 0;
	specimen_params(ctx, id, patient_id, sample_type, &a);
	res = db_query(ctx->conn, specimen_sql, SPECIMEN_NPARAMS, a.params);
	if (!res)
		return -1;
	rc = specimen_keys(res, out);
	PQclear(res);
	return rc;
}

/*
 * Resolve many specimens (no patient or sample type given) in pipelines of
 * PIPELINE_SPECIMENS statements (db_pipeline): one round trip per pipeline
 * instead of one per specimen.  The pipelines are short so that neither
 * side's socket buffer fills while the other is still writing.
 */
#define PIPELINE_SPECIMENS 256

int
dims_resolve_specimens(load_ctx *ctx, int n, const char *const *ids, dims_target *out)
{
	specimen_args *args = xmalloc(PIPELINE_SPECIMENS * sizeof(specimen_args));
	db_stmt    *stmts = xmalloc(PIPELINE_SPECIMENS * sizeof(db_stmt));
	PGresult  **res = xmalloc(PIPELINE_SPECIMENS * sizeof(PGresult *));
	int			rc = 0;

	for (int from = 0; rc == 0 && from < n; from += PIPELINE_SPECIMENS)
	{
		int			k = n - from < PIPELINE_SPECIMENS ? n - from : PIPELINE_SPECIMENS;

		for (int i = 0; i < k; i++)
		{
			specimen_params(ctx, ids[from + i], NULL, NULL, &args[i]);
			stmts[i].sql = specimen_sql;
			stmts[i].nparams = SPECIMEN_NPARAMS;
			stmts[i].params = args[i].params;
		}
		if (db_pipeline(ctx->conn, k, stmts, res) < 0)
		{
			rc = -1;
			break;
		}
		for (int i = 0; i < k; i++)
		{
			if (rc == 0 && specimen_keys(res[i], &out[from + i]) < 0)
				rc = -1;
			PQclear(res[i]);
		}
	}
	free(args);
	free(stmts);
	free(res);
	return rc;
}

genemap *
genemap_new(void)
{
	genemap    *g = xcalloc(1, sizeof(*g));

	g->ensembl = strmap_new(1024);
	return g;
}

void
genemap_free(genemap *g)
{
	if (!g)
		return;
	strmap_free(g->ensembl);
	strmap_free(g->entrez);
	strmap_free(g->symbol);
	strmap_free(g->synonym);
	free(g);
}

int
genemap_load_ensembl(genemap *g, PGconn *conn)
{
	PGresult   *res;

	if (g->ensembl_loaded)
		return 0;
	res = db_query(conn, "SELECT ensembl_id, gene_key FROM warehouse.gene WHERE ensembl_id IS NOT NULL",
				   0, NULL);
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		strmap_put(g->ensembl, PQgetvalue(res, i, 0), atoi(PQgetvalue(res, i, 1)));
	PQclear(res);
	g->ensembl_loaded = true;
	return 0;
}

/* Add name -> key, marking names that point at two genes ambiguous. */
static void
put_name(strmap *m, const char *name, int key)
{
	int64_t		old;

	if (strmap_get(m, name, &old) && old != key)
		strmap_put(m, name, GENE_AMBIGUOUS);
	else
		strmap_put(m, name, key);
}

int
genemap_load_names(genemap *g, PGconn *conn)
{
	PGresult   *res;

	if (g->names_loaded)
		return 0;
	g->entrez = strmap_new(1024);
	g->symbol = strmap_new(1024);
	g->synonym = strmap_new(1024);
	res = db_query(conn, "SELECT gene_key, entrez_id, symbol FROM warehouse.gene", 0, NULL);
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
	{
		int			key = atoi(PQgetvalue(res, i, 0));

		if (!PQgetisnull(res, i, 1))
			put_name(g->entrez, PQgetvalue(res, i, 1), key);
		if (!PQgetisnull(res, i, 2))
			put_name(g->symbol, PQgetvalue(res, i, 2), key);
	}
	PQclear(res);
	res = db_query(conn, "SELECT gene_key, synonym FROM warehouse.gene_synonym", 0, NULL);
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		put_name(g->synonym, PQgetvalue(res, i, 1), atoi(PQgetvalue(res, i, 0)));
	PQclear(res);
	g->names_loaded = true;
	return 0;
}

int
genemap_ensembl(const genemap *g, const char *ensembl)
{
	int64_t		v;

	return strmap_get(g->ensembl, ensembl, &v) ? (int) v : GENE_UNKNOWN;
}

void
genemap_add_ensembl(genemap *g, const char *ensembl, int key)
{
	strmap_put(g->ensembl, ensembl, key);
}

int
genemap_entrez(const genemap *g, const char *entrez)
{
	int64_t		v;

	if (!g->entrez)
		return GENE_UNKNOWN;
	return strmap_get(g->entrez, entrez, &v) ? (int) v : GENE_UNKNOWN;
}

int
genemap_symbol(const genemap *g, const char *symbol)
{
	int64_t		v;

	if (!g->symbol)
		return GENE_UNKNOWN;
	if (strmap_get(g->symbol, symbol, &v))
		return (int) v;
	if (strmap_get(g->synonym, symbol, &v))
		return (int) v;
	return GENE_UNKNOWN;
}

void
genemap_add_gene(genemap *g, int key, const char *ensembl, const char *entrez,
				 const char *symbol, const char *synonyms)
{
	if (!g->entrez)
	{
		g->entrez = strmap_new(1024);
		g->symbol = strmap_new(1024);
		g->synonym = strmap_new(1024);
	}
	g->ensembl_loaded = g->names_loaded = true;
	if (ensembl && *ensembl)
		strmap_put(g->ensembl, ensembl, key);
	if (entrez && *entrez)
		put_name(g->entrez, entrez, key);
	if (symbol && *symbol)
		put_name(g->symbol, symbol, key);
	for (const char *p = synonyms; p && *p;)
	{
		const char *bar = strchr(p, '|');
		size_t		n = bar ? (size_t) (bar - p) : strlen(p);
		char	   *syn = xstrndup(p, n);

		if (*syn && strcmp(syn, "-") != 0)
			put_name(g->synonym, syn, key);
		free(syn);
		p = bar ? bar + 1 : p + n;
	}
}
