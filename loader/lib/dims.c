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

static char *
call_key(load_ctx *ctx, const char *sql, int n, const char *const *params)
{
	bool		isnull;
	char	   *v = db_value(ctx->conn, sql, n, params, &isnull);

	if (!v && isnull)
		onc_error("could not resolve a dimension key");
	return v;
}

int
dims_resolve_specimen(load_ctx *ctx, const char *id, const char *patient_id,
					  const char *sample_type, dims_target *out)
{
	tcga_barcode bc;
	bool		tcga = tcga_barcode_parse(id, &bc);
	const char *sample_id = id;
	char		patient_key[16] = "";
	char		vial[2] = {0, 0};
	char		analyte[2] = {0, 0};
	char	   *v;

	out->sample_key = 0;
	out->aliquot_key = 0;
	if (tcga && bc.level >= TCGA_SAMPLE)
	{
		sample_id = bc.sample_id;
		if (!patient_id)
			patient_id = bc.patient_id;
		if (!sample_type)
			sample_type = tcga_sample_type_name(bc.sample_type);
		vial[0] = bc.vial;
		analyte[0] = bc.analyte;
	}
	else if (tcga && bc.level == TCGA_PATIENT)
		tcga = false;			/* a patient barcode naming a sample: use as is */
	if (patient_id)
	{
		tcga_barcode pb;
		bool		ptcga = tcga_barcode_parse(patient_id, &pb) && pb.level == TCGA_PATIENT;
		const char *params[6] = {ctx->study_key_text, patient_id,
			ptcga ? pb.project : NULL, ptcga ? pb.tss : NULL,
		ptcga ? pb.participant : NULL, ctx->load_id_text};

		v = call_key(ctx, "SELECT warehouse.ensure_patient($1::int, $2, $3, $4, $5, $6::bigint)",
					 6, params);
		if (!v)
			return -1;
		snprintf(patient_key, sizeof(patient_key), "%s", v);
		free(v);
	}
	{
		bool		vial_less = tcga && bc.level == TCGA_SAMPLE && bc.vial == '\0';
		const char *params[8] = {ctx->study_key_text, sample_id,
			patient_key[0] ? patient_key : NULL, sample_type,
			tcga ? bc.sample_type : NULL, vial[0] ? vial : NULL,
		vial_less ? "true" : "false", ctx->load_id_text};

		v = call_key(ctx, "SELECT warehouse.ensure_sample($1::int, $2, $3::int, $4, $5, $6, $7::boolean, $8::bigint)",
					 8, params);
		if (!v)
			return -1;
		out->sample_key = atoi(v);
		free(v);
	}
	if (tcga && bc.level >= TCGA_PORTION && strcmp(id, bc.sample_id) != 0)
	{
		char		sk[16];
		const char *params[8] = {ctx->study_key_text, sk, id,
			bc.portion[0] ? bc.portion : NULL, analyte[0] ? analyte : NULL,
			bc.plate[0] ? bc.plate : NULL, bc.center[0] ? bc.center : NULL,
		ctx->load_id_text};

		snprintf(sk, sizeof(sk), "%d", out->sample_key);
		v = call_key(ctx, "SELECT warehouse.ensure_aliquot($1::int, $2::int, $3, $4, $5, $6, $7, $8::bigint)",
					 8, params);
		if (!v)
			return -1;
		out->aliquot_key = atoi(v);
		free(v);
	}
	return 0;
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
