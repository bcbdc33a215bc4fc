/*
 * clin_load.c: the body of a clinical or biospecimen load (see clin_load.h).
 * Records stream in; their facts are buffered with the patients, samples
 * and aliquots they name, resolved in batches, and sent by binary COPY;
 * then earlier values are superseded and the parts written.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "barcode.h"
#include "clin_load.h"
#include "copysend.h"
#include "db.h"
#include "dims.h"
#include "strmap.h"
#include "textutil.h"

#define NONE ((size_t) -1)
#define FLUSH_FACTS 20000
#define FIRST_FLUSH_FACTS 2500
#define MAX_TYPED_PER_RECORD 512

struct clin_cache
{
	strmap	   *patients;		/* "study_key\x1fpatient_id" -> patient_key */
	strmap	   *samples;		/* "study_key\x1fsample_id" -> sample_key */
	strmap	   *uuid_at;		/* patient_key -> index into uuids */
	char	  **uuids;			/* the UUID each of those patients has in
								 * the warehouse, or NULL */
	size_t		nuuids,
				capuuids;
	strmap	   *attrs;			/* source letter, "entity\x1fname" -> its
								 * clin_attr (or NULL), as an integer; kept
								 * by a reset */
	onc_buf		attr_key;
};

typedef struct pfact
{
	int			pat;
	int			samp;			/* -1: a patient fact */
	int			pkey,			/* their keys, once resolved */
				skey;
	bool		prior;			/* the patient has facts this one may replace */
	size_t		entity,
				instance,
				attribute,
				value,
				missing,
				source,
				source_value;
	double		num;
	bool		has_num;
	bool		typed;
	unsigned char vtype;
} pfact;

typedef struct ppat
{
	size_t		id;
	int			key;
	int64_t		facts;
	size_t		uuid;			/* a patient UUID the file gives, or NONE */
	bool		withdrawn;
	bool		checked;		/* its earlier facts were looked for */
	bool		prior;			/* it has current facts of earlier loads */
} ppat;

typedef struct psamp
{
	size_t		id;
	size_t		type;
	size_t		uuid;
	int			pat;
	int			key;
} psamp;

typedef struct paliq
{
	size_t		id;
	size_t		uuid;
	size_t		analyte_type;
	int			samp;
	int			key;
} paliq;

/*
 * A batch's facts and their strings, resolved, while the sender's thread
 * encodes and sends them.
 */
typedef struct sendbatch
{
	const struct state *st;
	onc_buf		str;
	pfact	   *facts;
	int			nfacts,
				capfacts;
	int64_t		first_seq;		/* fact_seq of its first fact */
	u64set	   *new_keys;		/* the load's (the sender adds to it meanwhile) */
} sendbatch;

typedef struct state
{
	load_ctx   *ctx;
	clin_job   *job;
	const clin_info *info;
	onc_buf		str;			/* strings of the batch */
	pfact	   *facts;
	int			nfacts,
				capfacts;
	ppat	   *pats;
	int			npats,
				cappats;
	strmap	   *pat_idx;
	psamp	   *samps;
	int			nsamps,
				capsamps;
	strmap	   *samp_idx;
	paliq	   *aliqs;
	int			naliqs,
				capaliqs;

	/* the whole load */
	strmap	   *defined_patients;
	strmap	   *defined_samples;
	strmap	   *instances;		/* "patient\x1fsample\x1fentity\x1finstance" -> record */
	strmap	   *known_patients; /* the study's patients, read when first needed */
	strmap	   *part_idx;		/* patient_key -> index into part_keys */
	int		   *part_keys;
	int64_t    *part_counts;
	int			nparts,
				capparts;
	onc_buf		key;
	onc_buf		puuid_k,
				puuid_v,
				suuid_k,
				suuid_v,
				aliq_k,
				aliq_u,
				aliq_t,
				withdrawn_k;
	int			npuuid,
				nsuuid,
				naliq_upd,
				nwithdrawn;
	onc_buf		prior;			/* array literal: patients with current facts from earlier loads */
	int			nprior;
	strmap	   *prior_set;		/* the same patients' keys, as text */
	int			prior_min,		/* and their range */
				prior_max;
	u64set	   *new_keys;		/* fact_hash() of this load's facts of those patients */
	strmap	   *attrs;			/* attribute names this load wrote */
	onc_buf		attr_list;		/* the same, as an array literal */
	strmap	   *entities;		/* entities this load wrote facts of */
	onc_buf		entity_list;	/* the same, as an array literal */
	onc_buf		last_entity;	/* the entity of the fact before */
	int64_t		typed_facts;
	int64_t		fact_seq;		/* facts sent so far: the low half of fact_id */
	int64_t		samples_total,
				aliquots_total;
	char		analyte_inst[128];
	char		analyte_type[128];
	int			flush_at;		/* facts that make a batch: small at first */
	sendbatch	out;			/* the batch in flight */
	copysend   *sender;			/* encodes and sends it while the next is read */
} state;

/* ------------------------------------------------------------ cache */

clin_cache *
clin_cache_new(void)
{
	clin_cache *c = xcalloc(1, sizeof(*c));

	c->patients = strmap_new(1024);
	c->samples = strmap_new(1024);
	c->uuid_at = strmap_new(1024);
	c->attrs = strmap_new(256);
	buf_init(&c->attr_key);
	return c;
}

static void
free_uuids(clin_cache *c)
{
	for (size_t i = 0; i < c->nuuids; i++)
		free(c->uuids[i]);
	free(c->uuids);
	c->uuids = NULL;
	c->nuuids = c->capuuids = 0;
	strmap_free(c->uuid_at);
}

void
clin_cache_reset(clin_cache *c)
{
	if (!c)
		return;
	strmap_free(c->patients);
	strmap_free(c->samples);
	free_uuids(c);
	c->patients = strmap_new(1024);
	c->samples = strmap_new(1024);
	c->uuid_at = strmap_new(1024);
}

void
clin_cache_free(clin_cache *c)
{
	if (!c)
		return;
	strmap_free(c->patients);
	strmap_free(c->samples);
	free_uuids(c);
	strmap_free(c->attrs);
	buf_free(&c->attr_key);
	free(c);
}

/*
 * The UUID patient key has in the warehouse (uuid: NULL for none), as read
 * when the patient's key was, or as this job set it.
 */
static void
cache_uuid_set(clin_cache *c, int key, const char *uuid)
{
	char		k[16];
	int64_t		i;

	snprintf(k, sizeof(k), "%d", key);
	if (strmap_get(c->uuid_at, k, &i))
	{
		free(c->uuids[i]);
		c->uuids[i] = uuid ? xstrdup(uuid) : NULL;
		return;
	}
	if (c->nuuids == c->capuuids)
	{
		c->capuuids = c->capuuids ? c->capuuids * 2 : 256;
		c->uuids = xrealloc(c->uuids, c->capuuids * sizeof(char *));
	}
	c->uuids[c->nuuids] = uuid ? xstrdup(uuid) : NULL;
	strmap_put(c->uuid_at, k, (int64_t) c->nuuids++);
}

/* Whether patient key is known to have this UUID in the warehouse already. */
static bool
cache_uuid_same(const clin_cache *c, int key, const char *uuid)
{
	char		k[16];
	int64_t		i;

	snprintf(k, sizeof(k), "%d", key);
	if (!strmap_get(c->uuid_at, k, &i))
		return false;
	if (!c->uuids[i] || !uuid)
		return !c->uuids[i] && !uuid;
	return strcmp(c->uuids[i], uuid) == 0;
}

/* ------------------------------------------------------------ helpers */

static size_t
put(state *st, const char *s)
{
	size_t		off;

	if (!s)
		return NONE;
	off = st->str.len;
	buf_append(&st->str, s, strlen(s) + 1);
	return off;
}

static const char *
at(const state *st, size_t off)
{
	return off == NONE ? NULL : st->str.data + off;
}

/* A copy of s with the bytes that are not UTF-8 replaced by '?'; free(). */
static char *
utf8_clean(const char *s)
{
	char	   *c = xstrdup(s);

	utf8_scrub(c);
	return c;
}

/* Reject a record or cell; false when the budget is spent (message printed). */
static bool
reject(state *st, long line, int col, const char *reason, const char *raw, const char *msg)
{
	char	   *clean = raw && !utf8_valid(raw) ? utf8_clean(raw) : NULL;
	char	   *cmsg = !utf8_valid(msg) ? utf8_clean(msg) : NULL;
	bool		ok = load_reject(st->ctx, line, col, reason, clean ? clean : raw, "%s", cmsg ? cmsg : msg);

	free(clean);
	free(cmsg);
	return ok;
}

/* The load-wide key of a patient (or sample) in the run cache. */
static const char *
cache_key(state *st, const char *id)
{
	buf_reset(&st->key);
	buf_printf(&st->key, "%s\x1f%s", st->ctx->study_key_text, id);
	return st->key.data;
}

/* One 64-bit word onto a hash (the mixing steps of MurmurHash3). */
static inline uint64_t
hash_word(uint64_t h, uint64_t w)
{
	w *= 0x87c37b91114253d5ULL;
	w = (w << 31) | (w >> 33);
	h ^= w * 0x4cf5ad432745937fULL;
	h = (h << 27) | (h >> 37);
	return h * 5 + 0x52dce729;
}

/* A text onto h, eight bytes at a time, its length first. */
static uint64_t
hash_text(uint64_t h, const char *s)
{
	size_t		n = strlen(s);
	uint64_t	w;

	h = hash_word(h, n);
	for (; n >= 8; n -= 8, s += 8)
	{
		memcpy(&w, s, 8);
		h = hash_word(h, w);
	}
	w = 0;
	memcpy(&w, s, n);
	return hash_word(h, w);
}

/*
 * The identity a later value replaces an earlier one by: patient, sample
 * (-1: none), entity, instance and attribute, as a 64-bit hash (each text's
 * length in it, so that no two splits of the same bytes meet).  Two
 * different identities share a hash with a chance of about 2^-64 per pair:
 * for a million facts against a million earlier ones, one in ten million.
 * Both sides are hashed in this process and no hash is stored: the
 * function may change.  Eight bytes at a time: hashing every fact of a
 * patient with earlier values was a third of the sender thread's work
 * with FNV-1a byte by byte.
 */
static uint64_t
fact_hash(int pat, int samp, const char *entity, const char *instance, const char *attr)
{
	uint64_t	h = HASH64_INIT;

	h = hash_word(h, ((uint64_t) (uint32_t) pat << 32) | (uint32_t) samp);
	h = hash_text(h, entity ? entity : "");
	h = hash_text(h, instance ? instance : "");
	h = hash_text(h, attr ? attr : "");
	return hash64_final(h);
}

static void
add_prior(state *st, const char *key)
{
	int			k = atoi(key);

	if (st->nprior == 0 || k < st->prior_min)
		st->prior_min = k;
	if (st->nprior == 0 || k > st->prior_max)
		st->prior_max = k;
	buf_printf(&st->prior, "%s%s", st->nprior++ ? "," : "{", key);
	strmap_put(st->prior_set, key, 1);
}

/* ------------------------------------------------------------ batch */

static int
batch_patient(state *st, const char *id)
{
	int64_t		i;
	ppat	   *p;

	if (strmap_get(st->pat_idx, id, &i))
		return (int) i;
	if (st->npats == st->cappats)
	{
		st->cappats = st->cappats ? st->cappats * 2 : 64;
		st->pats = xrealloc(st->pats, (size_t) st->cappats * sizeof(ppat));
	}
	p = &st->pats[st->npats];
	memset(p, 0, sizeof(*p));
	p->id = put(st, id);
	p->uuid = NONE;
	strmap_put(st->pat_idx, id, st->npats);
	return st->npats++;
}

static int
batch_sample(state *st, const char *id, int pat, const char *type)
{
	int64_t		i;
	psamp	   *s;

	if (strmap_get(st->samp_idx, id, &i))
	{
		if (type && st->samps[i].type == NONE)
			st->samps[i].type = put(st, type);
		return (int) i;
	}
	if (st->nsamps == st->capsamps)
	{
		st->capsamps = st->capsamps ? st->capsamps * 2 : 64;
		st->samps = xrealloc(st->samps, (size_t) st->capsamps * sizeof(psamp));
	}
	s = &st->samps[st->nsamps];
	memset(s, 0, sizeof(*s));
	s->id = put(st, id);
	s->type = put(st, type);
	s->uuid = NONE;
	s->pat = pat;
	strmap_put(st->samp_idx, id, st->nsamps);
	return st->nsamps++;
}

static int
batch_aliquot(state *st, const char *id, int samp)
{
	paliq	   *a;

	if (st->naliqs == st->capaliqs)
	{
		st->capaliqs = st->capaliqs ? st->capaliqs * 2 : 64;
		st->aliqs = xrealloc(st->aliqs, (size_t) st->capaliqs * sizeof(paliq));
	}
	a = &st->aliqs[st->naliqs];
	memset(a, 0, sizeof(*a));
	a->id = put(st, id);
	a->uuid = NONE;
	a->analyte_type = NONE;
	a->samp = samp;
	return st->naliqs++;
}

static pfact *
new_fact(state *st)
{
	pfact	   *f;

	if (st->nfacts == st->capfacts)
	{
		st->capfacts = st->capfacts ? st->capfacts * 2 : 256;
		st->facts = xrealloc(st->facts, (size_t) st->capfacts * sizeof(pfact));
	}
	f = &st->facts[st->nfacts++];
	memset(f, 0, sizeof(*f));
	f->value = f->missing = f->source_value = NONE;
	return f;
}

static void
batch_reset(state *st)
{
	buf_reset(&st->str);
	st->nfacts = 0;
	st->npats = 0;
	st->nsamps = 0;
	st->naliqs = 0;
	strmap_free(st->pat_idx);
	strmap_free(st->samp_idx);
	st->pat_idx = strmap_new(256);
	st->samp_idx = strmap_new(256);
}

/* ---------------------------------------------------------- resolving */

static int
resolve_patients(state *st)
{
	load_ctx   *ctx = st->ctx;
	onc_buf		ids,
				proj,
				tss,
				part,
				uuid,
				keys;
	PGresult   *res;
	int			nnew = 0,
				rc = -1;

	buf_init(&ids);
	buf_init(&proj);
	buf_init(&tss);
	buf_init(&part);
	buf_init(&uuid);
	buf_init(&keys);
	buf_puts(&ids, "{");
	buf_puts(&proj, "{");
	buf_puts(&tss, "{");
	buf_puts(&part, "{");
	buf_puts(&uuid, "{");
	for (int i = 0; i < st->npats; i++)
	{
		ppat	   *p = &st->pats[i];
		int64_t		k;
		tcga_barcode bc;
		bool		tcga;

		if (strmap_get(st->job->cache->patients, cache_key(st, at(st, p->id)), &k))
		{
			p->key = (int) k;
			continue;
		}
		tcga = tcga_barcode_parse(at(st, p->id), &bc) && bc.level == TCGA_PATIENT;
		buf_puts(&ids, nnew ? "," : "");
		buf_puts(&proj, nnew ? "," : "");
		buf_puts(&tss, nnew ? "," : "");
		buf_puts(&part, nnew ? "," : "");
		buf_puts(&uuid, nnew ? "," : "");
		db_array_elem(&ids, at(st, p->id));
		db_array_elem(&proj, tcga ? bc.project : NULL);
		db_array_elem(&tss, tcga ? bc.tss : NULL);
		db_array_elem(&part, tcga ? bc.participant : NULL);
		db_array_elem(&uuid, at(st, p->uuid));
		nnew++;
	}
	buf_puts(&ids, "}");
	buf_puts(&proj, "}");
	buf_puts(&tss, "}");
	buf_puts(&part, "}");
	buf_puts(&uuid, "}");
	if (nnew > 0)
	{
		const char *params[7] = {ctx->study_key_text, ctx->load_id_text, ids.data, proj.data,
		tss.data, part.data, uuid.data};

		/*
		 * The keys (new patients created with the UUIDs the file gives)
		 * and the UUIDs the warehouse has, so that only changed ones are
		 * written with the parts (an UPDATE of every patient of a Biotab
		 * table was planned as a scan of all patients, 10 ms at 32,000).
		 * One new patient (a BCR XML file) costs less as one call of
		 * ensure_patient, its UUID set with the parts, which also says
		 * whether the patient has current facts of earlier loads (to
		 * supersede).  The batch function answers that too, probing the
		 * parts only for the patients it did not create (migration 011).
		 */
		if (nnew == 1)
			res = db_query(ctx->conn,
						   "SELECT u.id, k.key, EXISTS (SELECT 1 FROM audit.load_part p WHERE p.patient_key = k.key "
						   "AND p.is_current AND p.load_id <> $2::bigint), "
						   "(SELECT p.patient_uuid FROM warehouse.patient p WHERE p.patient_key = k.key) "
						   "FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, proj, tss, part), "
						   "LATERAL (SELECT warehouse.ensure_patient($1::int, u.id, u.proj, u.tss, u.part, $2::bigint) AS key) k",
						   6, params);
		else
			res = db_query(ctx->conn,
						   "SELECT k.patient_id, k.patient_key, k.has_prior, k.patient_uuid "
						   "FROM warehouse.ensure_patients($1::int, $3::text[], $4::text[], $5::text[], $6::text[], "
						   "$7::text[], $2::bigint) AS k",
						   7, params);
		if (!res)
			goto done;
		for (int r = 0; r < PQntuples(res); r++)
		{
			int64_t		i;
			int			k = atoi(PQgetvalue(res, r, 1));

			if (strmap_get(st->pat_idx, PQgetvalue(res, r, 0), &i))
			{
				st->pats[i].key = k;
				st->pats[i].checked = !PQgetisnull(res, r, 2);
			}
			strmap_put(st->job->cache->patients, cache_key(st, PQgetvalue(res, r, 0)), k);
			cache_uuid_set(st->job->cache, k, PQgetisnull(res, r, 3) ? NULL : PQgetvalue(res, r, 3));
			if (strcmp(PQgetvalue(res, r, 2), "t") == 0)
				add_prior(st, PQgetvalue(res, r, 1));
		}
		PQclear(res);
	}
	/*
	 * The others, known from an earlier batch or file of this run: do
	 * they have current facts of earlier loads?
	 */
	{
		int			nold = 0;

		buf_puts(&keys, "{");
		for (int i = 0; i < st->npats; i++)
			if (!st->pats[i].checked)
				buf_printf(&keys, "%s%d", nold++ ? "," : "", st->pats[i].key);
		buf_puts(&keys, "}");
		if (nold > 0)
		{
			const char *params[2] = {keys.data, ctx->load_id_text};

			res = db_query(ctx->conn,
						   "SELECT DISTINCT p.patient_key FROM audit.load_part p "
						   "WHERE p.patient_key = ANY ($1::int[]) AND p.patient_key IS NOT NULL "
						   "AND p.is_current AND p.load_id <> $2::bigint",
						   2, params);
			if (!res)
				goto done;
			for (int r = 0; r < PQntuples(res); r++)
				if (!strmap_get(st->prior_set, PQgetvalue(res, r, 0), NULL))
					add_prior(st, PQgetvalue(res, r, 0));
			PQclear(res);
		}
	}
	rc = 0;
done:
	buf_free(&ids);
	buf_free(&proj);
	buf_free(&tss);
	buf_free(&part);
	buf_free(&uuid);
	buf_free(&keys);
	return rc;
}

static int
resolve_samples(state *st)
{
	for (int i = 0; i < st->nsamps; i++)
	{
		psamp	   *s = &st->samps[i];
		int64_t		k;
		dims_target t;

		if (strmap_get(st->job->cache->samples, cache_key(st, at(st, s->id)), &k))
		{
			s->key = (int) k;
			continue;
		}
		if (dims_resolve_specimen(st->ctx, at(st, s->id), at(st, st->pats[s->pat].id),
								  at(st, s->type), &t) < 0)
			return -1;
		s->key = t.sample_key;
		strmap_put(st->job->cache->samples, cache_key(st, at(st, s->id)), t.sample_key);
		st->samples_total++;
	}
	return 0;
}

static int
resolve_aliquots(state *st)
{
	load_ctx   *ctx = st->ctx;

	for (int i = 0; i < st->naliqs; i++)
	{
		paliq	   *a = &st->aliqs[i];
		psamp	   *s = &st->samps[a->samp];
		tcga_barcode bc;

		if (tcga_barcode_parse(at(st, a->id), &bc) && bc.level == TCGA_ALIQUOT)
		{
			dims_target t;

			if (dims_resolve_specimen(ctx, at(st, a->id), at(st, st->pats[s->pat].id), NULL, &t) < 0)
				return -1;
			a->key = t.aliquot_key;
		}
		else
		{
			char		sk[16];
			const char *params[4] = {ctx->study_key_text, sk, at(st, a->id), ctx->load_id_text};
			char	   *v;

			snprintf(sk, sizeof(sk), "%d", s->key);
			v = db_value(ctx->conn,
						 "SELECT warehouse.ensure_aliquot($1::int, $2::int, $3, NULL, NULL, NULL, NULL, $4::bigint)",
						 4, params, NULL);
			if (!v)
				return -1;
			a->key = atoi(v);
			free(v);
		}
		st->aliquots_total++;
	}
	return 0;
}

static const char copy_sql[] =
"COPY warehouse.clinical_fact (fact_id, load_id, study_key, patient_key, sample_key, entity, instance, attribute, "
"value, value_num, value_type, missing_reason, typed, source, source_value, is_current) FROM STDIN (FORMAT binary)";

/* Append a key and a text to two array literals under construction. */
static void
side_add(onc_buf *k, onc_buf *v, int *n, int key, const char *value)
{
	buf_printf(k, "%s%d", *n ? "," : "{", key);
	buf_puts(v, *n ? "," : "{");
	db_array_elem(v, value);
	(*n)++;
}


/* A text field (NULL: SQL NULL) of length n. */
static inline unsigned char *
put_text(unsigned char *p, const char *s, size_t n)
{
	if (!s)
		return db_store_be32(p, UINT32_MAX);
	p = db_store_be32(p, (uint32_t) n);
	memcpy(p, s, n);
	return p + n;
}

#define FACT_TEXTS 8

/*
 * Encode a batch's facts into the COPY, in the sender's thread, and note
 * the identities of those that may replace earlier values.  A row is
 * measured, then written into space reserved once (a buffer append per
 * field was most of this thread's work).
 */
static int
encode_batch(void *arg, db_copy *c)
{
	sendbatch  *b = arg;
	const load_ctx *ctx = b->st->ctx;
	const char *str = b->str.data;
	uint64_t	id0 = ((uint64_t) ctx->load_id << 32) + (uint64_t) b->first_seq;

#define S(off) ((off) == NONE ? NULL : str + (off))
	for (int i = 0; i < b->nfacts; i++)
	{
		const pfact *f = &b->facts[i];
		const char *t[FACT_TEXTS] = {S(f->entity), S(f->instance), S(f->attribute), S(f->value),
			clin_vtype_name((clin_vtype) f->vtype), S(f->missing), S(f->source), S(f->source_value)};
		size_t		n[FACT_TEXTS];
		size_t		need = 2 + 2 * 12 + 3 * 8 + 12 + 2 * 5;
		unsigned char *p;

		for (int j = 0; j < FACT_TEXTS; j++)
		{
			n[j] = t[j] ? strlen(t[j]) : 0;
			need += 4 + n[j];
		}
		buf_reserve(&c->buf, need);
		p = (unsigned char *) c->buf.data + c->buf.len;
		*p++ = 0;
		*p++ = 16;				/* fields */
		/* fact_id: the load's range (load_id x 2^32), in the order of the rows */
		p = db_store_be64(db_store_be32(p, 8), id0 + (uint64_t) i);
		p = db_store_be64(db_store_be32(p, 8), (uint64_t) ctx->load_id);
		p = db_store_be32(db_store_be32(p, 4), (uint32_t) ctx->study_key);
		p = db_store_be32(db_store_be32(p, 4), (uint32_t) f->pkey);
		p = f->samp >= 0 ? db_store_be32(db_store_be32(p, 4), (uint32_t) f->skey) : db_store_be32(p, UINT32_MAX);
		for (int j = 0; j < 4; j++)	/* entity, instance, attribute, value */
			p = put_text(p, t[j], n[j]);
		if (f->has_num)
		{
			uint64_t	u;

			memcpy(&u, &f->num, 8);
			p = db_store_be64(db_store_be32(p, 8), u);
		}
		else
			p = db_store_be32(p, UINT32_MAX);
		p = put_text(p, t[4], n[4]);	/* value_type */
		p = put_text(p, t[5], n[5]);	/* missing_reason */
		p = db_store_be32(p, 1);
		*p++ = f->typed ? 1 : 0;
		p = put_text(p, t[6], n[6]);	/* source */
		p = put_text(p, t[7], n[7]);	/* source_value */
		p = db_store_be32(p, 1);
		*p++ = 1;				/* is_current */
		c->buf.len = (size_t) (p - (unsigned char *) c->buf.data);
		c->buf.data[c->buf.len] = '\0';
		c->rows++;
		if (f->prior)
			u64set_add(b->new_keys, fact_hash(f->pkey, f->skey, t[0], t[1], t[2]));
		/* in small pieces: the server inserts them while the rest is encoded */
		if (db_copy_flush_if_over(c, 64 * 1024) < 0)
			return -1;
	}
#undef S
	return 0;
}

/*
 * Resolve the batch's dimension rows and hand its facts to the sender,
 * which encodes and sends them while the next batch is read; the last one
 * is sent at once.
 */
static int
flush(state *st, bool last)
{
	if (st->nfacts == 0 && st->npats == 0 && st->nsamps == 0)
		return 0;
	/* the connection is free again once the previous batch is in */
	if (copysend_wait(st->sender) < 0)
		return -1;
	if (resolve_patients(st) < 0 || resolve_samples(st) < 0 || resolve_aliquots(st) < 0)
		return -1;
	/* which of the batch's patients have values this load may replace */
	for (int i = 0; i < st->npats && st->nprior > 0; i++)
	{
		char		pk[16];

		snprintf(pk, sizeof(pk), "%d", st->pats[i].key);
		st->pats[i].prior = strmap_get(st->prior_set, pk, NULL);
	}
	for (int i = 0; i < st->nfacts; i++)
	{
		pfact	   *f = &st->facts[i];

		f->pkey = st->pats[f->pat].key;
		f->skey = f->samp >= 0 ? st->samps[f->samp].key : -1;
		f->prior = st->pats[f->pat].prior;
		st->pats[f->pat].facts++;
	}
	/* what the dimension rows get from this batch, now that their keys are known */
	for (int i = 0; i < st->npats; i++)
	{
		ppat	   *p = &st->pats[i];
		char		k[16];
		int64_t		j;

		snprintf(k, sizeof(k), "%d", p->key);
		if (!strmap_get(st->part_idx, k, &j))
		{
			if (st->nparts == st->capparts)
			{
				st->capparts = st->capparts ? st->capparts * 2 : 64;
				st->part_keys = xrealloc(st->part_keys, (size_t) st->capparts * sizeof(int));
				st->part_counts = xrealloc(st->part_counts, (size_t) st->capparts * sizeof(int64_t));
			}
			j = st->nparts++;
			st->part_keys[j] = p->key;
			st->part_counts[j] = 0;
			strmap_put(st->part_idx, k, j);
		}
		st->part_counts[j] += p->facts;
		/* a UUID is written only where it changes what the warehouse has */
		if (p->uuid != NONE && !cache_uuid_same(st->job->cache, p->key, at(st, p->uuid)))
		{
			side_add(&st->puuid_k, &st->puuid_v, &st->npuuid, p->key, at(st, p->uuid));
			cache_uuid_set(st->job->cache, p->key, at(st, p->uuid));
		}
		if (p->withdrawn)
			buf_printf(&st->withdrawn_k, "%s%d", st->nwithdrawn++ ? "," : "{", p->key);
	}
	for (int i = 0; i < st->nsamps; i++)
		if (st->samps[i].uuid != NONE)
			side_add(&st->suuid_k, &st->suuid_v, &st->nsuuid, st->samps[i].key, at(st, st->samps[i].uuid));
	for (int i = 0; i < st->naliqs; i++)
	{
		const paliq *a = &st->aliqs[i];

		if (a->uuid == NONE && a->analyte_type == NONE)
			continue;
		side_add(&st->aliq_k, &st->aliq_u, &st->naliq_upd, a->key, at(st, a->uuid));
		buf_puts(&st->aliq_t, st->naliq_upd > 1 ? "," : "{");
		db_array_elem(&st->aliq_t, at(st, a->analyte_type));
	}
	if (st->nfacts > 0)
	{
		sendbatch  *b = &st->out;
		onc_buf		str = b->str;
		pfact	   *facts = b->facts;
		int			cap = b->capfacts;

		/* the batch's facts and strings go to the sender, its spare ones come back */
		b->str = st->str;
		b->facts = st->facts;
		b->nfacts = st->nfacts;
		b->capfacts = st->capfacts;
		b->first_seq = st->fact_seq;
		st->fact_seq += st->nfacts;
		st->str = str;
		st->facts = facts;
		st->capfacts = cap;
		if ((last ? copysend_now(st->sender, encode_batch, b) :
			 copysend_submit(st->sender, encode_batch, b)) < 0)
			return -1;
	}
	batch_reset(st);
	if (st->flush_at < FLUSH_FACTS)
		st->flush_at = st->flush_at * 2 < FLUSH_FACTS ? st->flush_at * 2 : FLUSH_FACTS;
	return 0;
}

/* ------------------------------------------------------------ records */

/* Whether a patient a record refers to (but may not create) is known. */
static bool
patient_known(state *st, const char *id)
{
	if (strmap_get(st->defined_patients, id, NULL) ||
		strmap_get(st->job->cache->patients, cache_key(st, id), NULL))
		return true;
	if (!st->known_patients)
	{
		const char *params[1] = {st->ctx->study_key_text};
		PGresult   *res = copysend_wait(st->sender) < 0 ? NULL :
			db_query(st->ctx->conn,
					 "SELECT patient_id FROM warehouse.patient WHERE study_key = $1::int",
					 1, params);

		st->known_patients = strmap_new(res ? (size_t) PQntuples(res) + 16 : 16);
		for (int i = 0; res && i < PQntuples(res); i++)
			strmap_put(st->known_patients, PQgetvalue(res, i, 0), 1);
		PQclear(res);
	}
	return strmap_get(st->known_patients, id, NULL);
}

/*
 * The model attribute a field fills, or NULL: clin_attr_find once per
 * source, entity and field name of the run (a binary search by name
 * without case, then a scan of the model, was a tenth of the reading
 * thread's work on the GDC tables, where every row repeats the same
 * columns, as every XML file repeats the same elements).
 */
static const clin_attr *
attr_find(state *st, const char *entity, const char *name)
{
	clin_cache *c = st->job->cache;
	char		src = (char) ('@' + st->info->source);	/* a letter: the flags are 1 to 8 */
	int64_t		v;
	const clin_attr *a;

	if (!c || !entity || !name)
		return clin_attr_find(st->info->source, entity, name);
	buf_reset(&c->attr_key);
	buf_append(&c->attr_key, &src, 1);
	buf_puts(&c->attr_key, entity);
	buf_append(&c->attr_key, "\x1f", 1);
	buf_puts(&c->attr_key, name);
	if (strmap_get(c->attrs, c->attr_key.data, &v))
		return (const clin_attr *) (intptr_t) v;
	a = clin_attr_find(st->info->source, entity, name);
	strmap_put(c->attrs, c->attr_key.data, (int64_t) (intptr_t) a);
	return a;
}

typedef struct typed_use
{
	const char *entity;
	const char *instance;
	const char *attr;
} typed_use;

/* One field into a fact, a missing value, or a rejected cell; false when over budget. */
/* NAME into SET and, the first time, onto LIST (an array literal, still open) */
static void
name_set_add(strmap *set, onc_buf *list, const char *name)
{
	if (strmap_get(set, name, NULL))
		return;
	strmap_put(set, name, 1);
	buf_puts(list, strmap_count(set) > 1 ? "," : "{");
	db_array_elem(list, name);
}

static bool
take_field(state *st, const clin_record *rec, const clin_field *f, int pat, int samp,
		   typed_use *used, int *nused, int *nrejected)
{
	load_ctx   *ctx = st->ctx;
	const clin_attr *a = attr_find(st, f->entity, f->name);
	pfact	   *pf;
	clin_value	v;
	char		msg[512];

	if (f->invalid || (f->value && !utf8_valid(f->value)))
	{
		snprintf(msg, sizeof(msg), "%s: the value is not %s", f->name,
				 f->invalid ? f->invalid : "valid UTF-8 text");
		ctx->values_rejected++;
		(*nrejected)++;
		return reject(st, f->line, f->col, "invalid_value", rec->raw, msg);
	}
	if (a)
	{
		/* a second field for the same typed attribute is kept under its own name */
		for (int i = 0; i < *nused; i++)
			if (strcmp(used[i].attr, clin_attr_name(a)) == 0 && strcmp(used[i].entity, f->entity) == 0 &&
				strcmp(used[i].instance, f->instance) == 0)
			{
				a = NULL;
				break;
			}
		if (a && *nused < MAX_TYPED_PER_RECORD)
		{
			used[*nused].entity = f->entity;
			used[*nused].instance = f->instance;
			used[*nused].attr = clin_attr_name(a);
			(*nused)++;
		}
	}
	if (a && f->value)
	{
		clin_status s = clin_normalise(a, f->value, &v);

		if (s == CLIN_INVALID)
		{
			snprintf(msg, sizeof(msg), "%s: \"%.80s\" is not %s (%s)", f->name, f->value, v.why,
					 clin_attr_name(a));
			ctx->values_rejected++;
			(*nrejected)++;
			return reject(st, f->line, f->col, "invalid_value", rec->raw, msg);
		}
		pf = new_fact(st);
		if (s == CLIN_OK)
		{
			pf->value = put(st, v.text);
			pf->num = v.num;
			pf->has_num = v.has_num;
			if (f->raw_value)
				pf->source_value = put(st, f->raw_value);
			else if (v.changed)
				pf->source_value = put(st, f->value);
		}
		else
		{
			const char *m = v.missing;
			size_t		n = strlen(m);

			if (n > 2 && m[0] == '[' && m[n - 1] == ']')
			{
				char	   *t = xstrndup(m + 1, n - 2);

				pf->missing = put(st, t);
				free(t);
			}
			else
				pf->missing = put(st, m);
			pf->source_value = put(st, f->raw_value ? f->raw_value : f->value);
			ctx->values_missing++;
		}
	}
	else
	{
		pf = new_fact(st);
		if (f->value)
		{
			double		num;

			if (!a && f->declared && f->declared_type != CLIN_TEXT)
			{
				if (!clin_check_declared(f->declared_type, f->value, &num))
				{
					st->nfacts--;
					snprintf(msg, sizeof(msg), "%s: \"%.80s\" is not a %s value, as the header declares",
							 f->name, f->value, f->declared_type == CLIN_BOOLEAN ? "BOOLEAN" : "NUMBER");
					ctx->values_rejected++;
					(*nrejected)++;
					return reject(st, f->line, f->col, "invalid_value", rec->raw, msg);
				}
				if (f->declared_type != CLIN_BOOLEAN)
				{
					pf->num = num;
					pf->has_num = true;
				}
			}
			pf->value = put(st, f->value);
			if (f->raw_value)
				pf->source_value = put(st, f->raw_value);
		}
		else
		{
			pf->missing = put(st, f->missing ? f->missing : "empty");
			if (f->raw_value)
				pf->source_value = put(st, f->raw_value);
			ctx->values_missing++;
		}
	}
	pf->pat = pat;
	pf->samp = samp;
	{
		char	   *e = utf8_valid(f->entity) ? NULL : utf8_clean(f->entity);
		char	   *in = utf8_valid(f->instance) ? NULL : utf8_clean(f->instance);
		char	   *nm = a || utf8_valid(f->name) ? NULL : utf8_clean(f->name);
		char	   *sr = !f->source || utf8_valid(f->source) ? NULL : utf8_clean(f->source);

		pf->entity = put(st, e ? e : f->entity);
		/* facts come grouped by entity: the set is looked at when it changes */
		if (!st->last_entity.data || strcmp(st->last_entity.data, at(st, pf->entity)) != 0)
		{
			buf_reset(&st->last_entity);
			buf_puts(&st->last_entity, at(st, pf->entity));
			name_set_add(st->entities, &st->entity_list, st->last_entity.data);
		}
		pf->instance = put(st, in ? in : f->instance);
		pf->attribute = put(st, a ? clin_attr_name(a) : nm ? nm : f->name);
		name_set_add(st->attrs, &st->attr_list, at(st, pf->attribute));
		pf->source = put(st, sr ? sr : f->source);
		free(e);
		free(in);
		free(nm);
		free(sr);
	}
	pf->typed = a != NULL;
	pf->vtype = (unsigned char) (a ? clin_attr_vtype(a) : f->declared ? f->declared_type : CLIN_TEXT);
	if (a && !pf->has_num && (pf->vtype == CLIN_INTEGER || pf->vtype == CLIN_NUMBER) && pf->value != NONE)
		pf->vtype = CLIN_TEXT;
	if (pf->typed)
		st->typed_facts++;
	ctx->facts_written++;

	/* values the dimension rows keep too */
	if (a && pf->value != NONE)
	{
		const char *name = clin_attr_name(a);

		if (strcmp(name, "patient_uuid") == 0)
			st->pats[pat].uuid = pf->value;
		else if (strcmp(name, "withdrawn") == 0 && strcmp(at(st, pf->value), "true") == 0)
			st->pats[pat].withdrawn = true;
		else if (strcmp(name, "sample_uuid") == 0 && samp >= 0 && strcmp(f->entity, "sample") == 0)
			st->samps[samp].uuid = pf->value;
		else if (strcmp(name, "analyte_type") == 0)
		{
			snprintf(st->analyte_inst, sizeof(st->analyte_inst), "%s", f->instance);
			snprintf(st->analyte_type, sizeof(st->analyte_type), "%s", at(st, pf->value));
		}
	}
	return true;
}

/* One record.  Returns 0 to go on, or an exit code. */
static int
take_record(state *st, const clin_record *rec)
{
	load_ctx   *ctx = st->ctx;
	const char *pid = rec->patient_id;
	int			pat,
				samp = -1,
				aliq = -1,
				nrejected = 0,
				nused = 0;
	int64_t		facts_before = ctx->facts_written;
	typed_use  *used;
	char		msg[512];
	const char *prev_entity = NULL,
			   *prev_instance = NULL;
	bool		skip_group = false;

	ctx->records_read++;
	if (rec->error || !pid || !*pid || !utf8_valid(pid) || (rec->sample_id && !utf8_valid(rec->sample_id)))
	{
		const char *code = rec->error_code ? rec->error_code : "malformed_record";

		if (!rec->error && pid && *pid)
			code = "invalid_value";
		ctx->records_rejected++;
		snprintf(msg, sizeof(msg), "%s", rec->error ? rec->error : pid && *pid ?
				 "the patient or sample ID is not valid UTF-8 text" : "no patient ID");
		return reject(st, rec->line, rec->error_col, rec->error ? code : pid && *pid ? code : "patient_missing",
					  rec->raw, msg) ? 0 : ONC_EXIT_INPUT;
	}
	if (rec->defines_patient)
	{
		if (strmap_get(st->defined_patients, pid, NULL))
		{
			ctx->records_rejected++;
			snprintf(msg, sizeof(msg), "patient %.100s is defined twice in this file; the first is kept", pid);
			return reject(st, rec->line, 0, "duplicate_patient", rec->raw, msg) ? 0 : ONC_EXIT_INPUT;
		}
		strmap_put(st->defined_patients, pid, 1);
	}
	if (rec->defines_sample && rec->sample_id)
	{
		if (strmap_get(st->defined_samples, rec->sample_id, NULL))
		{
			ctx->records_rejected++;
			snprintf(msg, sizeof(msg), "sample %.100s is defined twice in this file; the first is kept",
					 rec->sample_id);
			return reject(st, rec->line, 0, "duplicate_sample", rec->raw, msg) ? 0 : ONC_EXIT_INPUT;
		}
		strmap_put(st->defined_samples, rec->sample_id, 1);
	}
	if (!rec->creates_patient && !patient_known(st, pid))
	{
		ctx->records_rejected++;
		snprintf(msg, sizeof(msg), "%s%.100s names patient %.100s, who is not in study %.100s",
				 rec->sample_id ? "sample " : "the row", rec->sample_id ? rec->sample_id : "", pid,
				 ctx->spec->study_id);
		return reject(st, rec->line, 0, "unknown_patient", rec->raw, msg) ? 0 : ONC_EXIT_INPUT;
	}
	if (rec->aliquot_id && !rec->sample_id)
	{
		ctx->records_rejected++;
		snprintf(msg, sizeof(msg), "aliquot %.100s names no sample", rec->aliquot_id);
		return reject(st, rec->line, 0, "sample_missing", rec->raw, msg) ? 0 : ONC_EXIT_INPUT;
	}
	pat = batch_patient(st, pid);
	/* a UUID the record gives outside its facts (a GDC file's case reference) */
	if (rec->patient_uuid && st->pats[pat].uuid == NONE && utf8_valid(rec->patient_uuid))
		st->pats[pat].uuid = put(st, rec->patient_uuid);
	if (rec->sample_id)
		samp = batch_sample(st, rec->sample_id, pat, rec->defines_sample ? rec->sample_type : NULL);
	if (rec->aliquot_id)
	{
		aliq = batch_aliquot(st, rec->aliquot_id, samp);
		if (st->analyte_inst[0] && strncmp(rec->aliquot_id, st->analyte_inst, strlen(st->analyte_inst)) == 0)
			st->aliqs[aliq].analyte_type = put(st, st->analyte_type);
	}
	used = xmalloc(MAX_TYPED_PER_RECORD * sizeof(typed_use));
	for (int i = 0; i < rec->nfields; i++)
	{
		const clin_field *f = &rec->fields[i];

		/* an entity given by an earlier record again (two drugs with one barcode ...) */
		if (!prev_entity || strcmp(prev_entity, f->entity) != 0 || strcmp(prev_instance, f->instance) != 0)
		{
			prev_entity = f->entity;
			prev_instance = f->instance;
			skip_group = false;
			if (strcmp(f->entity, "patient") != 0 && strcmp(f->entity, "admin") != 0 &&
				strcmp(f->entity, "biospecimen_patient") != 0)
			{
				int64_t		seen;

				buf_reset(&st->key);
				buf_printf(&st->key, "%s\x1f%s\x1f%s\x1f%s", pid, rec->sample_id ? rec->sample_id : "",
						   f->entity, f->instance);
				if (strmap_get(st->instances, st->key.data, &seen) && seen != ctx->records_read)
				{
					skip_group = true;
					nrejected++;
					snprintf(msg, sizeof(msg), "%s %.100s of patient %.100s is given twice in this file; "
							 "the first is kept", f->entity, *f->instance ? f->instance : "(one)", pid);
					if (!reject(st, f->line, f->col, "duplicate_entity", rec->raw, msg))
					{
						free(used);
						ctx->records_rejected++;
						return ONC_EXIT_INPUT;
					}
				}
				else
					strmap_put(st->instances, st->key.data, ctx->records_read);
			}
		}
		if (skip_group)
			continue;
		if (!take_field(st, rec, f, pat, samp, used, &nused, &nrejected))
		{
			free(used);
			ctx->records_rejected++;
			return ONC_EXIT_INPUT;
		}
		if (aliq >= 0 && st->facts[st->nfacts - 1].typed &&
			strcmp(at(st, st->facts[st->nfacts - 1].attribute), "aliquot_uuid") == 0 &&
			st->facts[st->nfacts - 1].value != NONE)
			st->aliqs[aliq].uuid = st->facts[st->nfacts - 1].value;
	}
	free(used);
	if (ctx->facts_written > facts_before)
		ctx->records_loaded++;
	else if (nrejected > 0)
	{
		ctx->records_rejected++;
		ctx->values_rejected -= nrejected;	/* counted as a rejected record instead */
		if (ctx->values_rejected < 0)
			ctx->values_rejected = 0;
	}
	else
		ctx->records_filtered++;	/* nothing new: a row repeating what earlier rows gave */
	if (st->nfacts >= st->flush_at && flush(st, false) < 0)
		return ONC_EXIT_DB;
	return 0;
}

/* ------------------------------------------------------------ finishing */

/*
 * Earlier values of the attributes this load set: no longer current.  The
 * parts they belong to count them; a part none of whose facts is current
 * any more is superseded, and so is a load all of whose parts are.
 */
static int
supersede(state *st, int64_t *replaced)
{
	load_ctx   *ctx = st->ctx;
	const char *params[7];
	char		kmin[16],
				kmax[16],
			   *lmin = NULL,
			   *lmax = NULL;
	PGresult   *res = NULL;
	onc_buf		loads,
				pats,
				counts,
				tids;
	int			rc = -1,
				ntids = 0;

	*replaced = 0;
	if (st->nprior == 0)
		return 0;
	buf_puts(&st->prior, "}");
	buf_puts(&st->attr_list, "}");
	params[0] = ctx->load_id_text;
	params[1] = st->prior.data;
	params[2] = st->attr_list.data;
	snprintf(kmin, sizeof(kmin), "%d", st->prior_min);
	snprintf(kmax, sizeof(kmax), "%d", st->prior_max);
	params[3] = kmin;
	params[4] = kmax;
	buf_init(&loads);
	buf_init(&pats);
	buf_init(&counts);
	buf_init(&tids);

	/*
	 * The loads whose facts of these patients are still current (those
	 * with a current part of them) and that wrote facts of an entity this
	 * load wrote: a fact replaces only one of its own entity.  (A GDC
	 * cart's exposures, follow-ups and pathology details share none with
	 * its clinical file.)
	 */
	{
		const char *p3[3] = {ctx->load_id_text, st->prior.data, st->entity_list.data};

		res = db_query(ctx->conn,
					   "SELECT min(p.load_id), max(p.load_id) "
					   "FROM audit.load_part p JOIN audit.load l ON l.load_id = p.load_id "
					   "WHERE p.patient_key = ANY ($2::int[]) AND p.patient_key IS NOT NULL "
					   "AND p.is_current AND p.load_id <> $1::bigint "
					   "AND (l.clinical_entities IS NULL OR l.clinical_entities && $3::text[])",
					   3, p3);
	}
	if (!res)
		goto done;
	if (PQgetisnull(res, 0, 0))
	{
		rc = 0;					/* no such load */
		goto done;
	}
	params[5] = lmin = xstrdup(PQgetvalue(res, 0, 0));
	params[6] = lmax = xstrdup(PQgetvalue(res, 0, 1));
	PQclear(res);

	/*
	 * The block ranges the index has not summarised yet, this load's among
	 * them, are summarised (unless autovacuum or another load is doing so):
	 * a range without a summary would match the search below whatever it
	 * holds.
	 */
	res = db_query(ctx->conn, "SELECT warehouse.summarize_clinical_fact_ranges()", 0, NULL);
	if (!res)
		goto done;
	PQclear(res);
	res = NULL;

	/*
	 * The current facts of those loads, of these patients and attributes,
	 * matched here against the facts this load wrote, then replaced by
	 * their row addresses: one scan of the table, and no join over this
	 * load's own rows.  No row locks: every load, rollback and drop of the
	 * study holds its study lock (LOCK_STUDY_DIMS) until it commits, so no
	 * one else changes these rows meanwhile, and locking them would write
	 * every one of them.  The key and load ranges let the block-range
	 * index skip the blocks of other patients and other loads, this one's
	 * included, with one scan (given the array, "+ 0" keeps it a filter,
	 * it would scan the index once per element).  Without JIT: compiling
	 * costs more than the scan.
	 */
	if (db_exec(ctx->conn, "SET LOCAL jit TO off") < 0)
		goto done;
	res = db_query(ctx->conn,
				   "SELECT o.ctid, o.patient_key, coalesce(o.sample_key, -1), o.entity, o.instance, o.attribute "
				   "FROM warehouse.clinical_fact o "
				   "WHERE o.patient_key BETWEEN $4::int AND $5::int AND o.load_id BETWEEN $6::bigint AND $7::bigint "
				   "AND o.patient_key + 0 = ANY ($2::int[]) AND o.attribute = ANY ($3::text[]) "
				   "AND o.load_id <> $1::bigint AND o.is_current",
				   7, params);
	if (!res)
		goto done;
	buf_puts(&tids, "{");
	for (int i = 0; i < PQntuples(res); i++)
	{
		if (!u64set_has(st->new_keys,
						fact_hash(atoi(PQgetvalue(res, i, 1)), atoi(PQgetvalue(res, i, 2)),
								  PQgetvalue(res, i, 3), PQgetvalue(res, i, 4), PQgetvalue(res, i, 5))))
			continue;
		buf_printf(&tids, "%s\"%s\"", ntids++ ? "," : "", PQgetvalue(res, i, 0));
	}
	buf_puts(&tids, "}");
	PQclear(res);
	res = NULL;
	if (db_exec(ctx->conn, "RESET jit") < 0)
		goto done;
	if (ntids == 0)
	{
		rc = 0;
		goto done;
	}
	{
		const char *p2[2] = {ctx->load_id_text, tids.data};

		res = db_query(ctx->conn,
					   "WITH u AS (UPDATE warehouse.clinical_fact o SET is_current = false, superseded_by_load = $1::bigint, "
					   "superseded_at = clock_timestamp() WHERE o.ctid = ANY ($2::tid[]) "
					   "RETURNING o.load_id, o.patient_key) "
					   "SELECT load_id, patient_key, count(*) FROM u GROUP BY load_id, patient_key",
					   2, p2);
	}
	if (!res)
		goto done;
	buf_puts(&loads, "{");
	buf_puts(&pats, "{");
	buf_puts(&counts, "{");
	for (int i = 0; i < PQntuples(res); i++)
	{
		buf_printf(&loads, "%s%s", i ? "," : "", PQgetvalue(res, i, 0));
		buf_printf(&pats, "%s%s", i ? "," : "", PQgetvalue(res, i, 1));
		buf_printf(&counts, "%s%s", i ? "," : "", PQgetvalue(res, i, 2));
		*replaced += strtoll(PQgetvalue(res, i, 2), NULL, 10);
	}
	buf_puts(&loads, "}");
	buf_puts(&pats, "}");
	buf_puts(&counts, "}");
	if (PQntuples(res) > 0)
	{
		PGresult   *r2;
		const char *p4[4] = {ctx->load_id_text, loads.data, pats.data, counts.data};

		r2 = db_query(ctx->conn,
					  "UPDATE audit.load_part p SET facts_replaced = p.facts_replaced + s.n, "
					  "is_current = p.facts_replaced + s.n < p.facts, "
					  "superseded_by_load = CASE WHEN p.facts_replaced + s.n < p.facts THEN NULL ELSE $1::bigint END, "
					  "superseded_at = CASE WHEN p.facts_replaced + s.n < p.facts THEN NULL ELSE clock_timestamp() END "
					  "FROM unnest($2::bigint[], $3::int[], $4::bigint[]) AS s(load_id, patient_key, n) "
					  "WHERE p.load_id = s.load_id AND p.patient_key = s.patient_key AND p.is_current",
					  4, p4);
		if (!r2)
			goto done;
		PQclear(r2);
		r2 = db_query(ctx->conn,
					  "UPDATE audit.load l SET status = 'superseded' WHERE l.status = 'succeeded' "
					  "AND l.load_id = ANY ($2::bigint[]) "
					  "AND NOT EXISTS (SELECT 1 FROM audit.load_part p WHERE p.load_id = l.load_id AND p.is_current) "
					  "AND $1::bigint > 0",
					  2, p4);
		if (!r2)
			goto done;
		PQclear(r2);
	}
	rc = 0;
done:
	PQclear(res);
	free(lmin);
	free(lmax);
	buf_free(&loads);
	buf_free(&pats);
	buf_free(&counts);
	buf_free(&tids);
	return rc;
}

static int
write_parts(state *st)
{
	load_ctx   *ctx = st->ctx;
	onc_buf		k,
				n;
	PGresult   *res;
	const char *params[9];

	if (st->nparts == 0)
		return 0;
	buf_init(&k);
	buf_init(&n);
	buf_puts(&k, "{");
	buf_puts(&n, "{");
	for (int i = 0; i < st->nparts; i++)
	{
		buf_printf(&k, "%s%d", i ? "," : "", st->part_keys[i]);
		buf_printf(&n, "%s%" PRId64, i ? "," : "", st->part_counts[i]);
	}
	buf_puts(&k, "}");
	buf_puts(&n, "}");
	params[0] = ctx->load_id_text;
	params[1] = ctx->study_key_text;
	params[2] = k.data;
	params[3] = n.data;
	params[4] = ctx->spec->data_type;
	params[5] = ctx->workflow;
	buf_puts(&st->puuid_k, st->npuuid ? "}" : "{}");
	buf_puts(&st->puuid_v, st->npuuid ? "}" : "{}");
	params[6] = st->puuid_k.data;
	params[7] = st->puuid_v.data;
	params[8] = st->entity_list.data;
	/* the parts, the patient UUIDs the file gives, and the entities, in one statement */
	res = db_query(ctx->conn,
				   "WITH parts AS (SELECT audit.add_patient_parts($1::bigint, $2::int, $3::int[], $4::bigint[], $5, $6) AS n), "
				   "uuids AS (UPDATE warehouse.patient p SET patient_uuid = u.v FROM unnest($7::int[], $8::text[]) AS u(k, v) "
				   "WHERE p.patient_key = u.k AND p.patient_uuid IS DISTINCT FROM u.v), "
				   "entities AS (UPDATE audit.load SET clinical_entities = $9::text[] WHERE load_id = $1::bigint) "
				   "SELECT n FROM parts",
				   9, params);
	buf_free(&k);
	buf_free(&n);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

/* UUIDs, analyte types and withdrawals onto the dimension rows. */
static int
write_dimensions(state *st)
{
	load_ctx   *ctx = st->ctx;
	PGresult   *res;

	if (st->nsuuid > 0)
	{
		const char *params[2];

		buf_puts(&st->suuid_k, "}");
		buf_puts(&st->suuid_v, "}");
		params[0] = st->suuid_k.data;
		params[1] = st->suuid_v.data;
		res = db_query(ctx->conn,
					   "UPDATE warehouse.sample s SET sample_uuid = u.v FROM unnest($1::int[], $2::text[]) AS u(k, v) "
					   "WHERE s.sample_key = u.k AND s.sample_uuid IS DISTINCT FROM u.v",
					   2, params);
		if (!res)
			return -1;
		PQclear(res);
	}
	if (st->naliq_upd > 0)
	{
		const char *params[3];

		buf_puts(&st->aliq_k, "}");
		buf_puts(&st->aliq_u, "}");
		buf_puts(&st->aliq_t, "}");
		params[0] = st->aliq_k.data;
		params[1] = st->aliq_u.data;
		params[2] = st->aliq_t.data;
		res = db_query(ctx->conn,
					   "UPDATE warehouse.aliquot a SET aliquot_uuid = coalesce(u.u, a.aliquot_uuid), "
					   "analyte_type = coalesce(u.t, a.analyte_type) "
					   "FROM unnest($1::int[], $2::text[], $3::text[]) AS u(k, u, t) WHERE a.aliquot_key = u.k",
					   3, params);
		if (!res)
			return -1;
		PQclear(res);
	}
	if (st->nwithdrawn > 0)
	{
		const char *params[2];

		buf_puts(&st->withdrawn_k, "}");
		params[0] = st->withdrawn_k.data;
		params[1] = ctx->load_id_text;
		res = db_query(ctx->conn,
					   "UPDATE warehouse.patient SET withdrawn = true, withdrawn_load_id = $2::bigint "
					   "WHERE patient_key = ANY ($1::int[]) AND NOT withdrawn",
					   2, params);
		if (!res)
			return -1;
		if (strcmp(PQcmdTuples(res), "0") != 0)
			onc_msg(ONC_INFO, ctx->spec->path, 0, 0,
					"%s patient(s) recorded as withdrawn: left out of every analyst view", PQcmdTuples(res));
		PQclear(res);
	}
	return 0;
}

static void
state_free(state *st)
{
	copysend_free(st->sender);	/* waits for the batch in flight */
	buf_free(&st->out.str);
	free(st->out.facts);
	buf_free(&st->str);
	free(st->facts);
	free(st->pats);
	free(st->samps);
	free(st->aliqs);
	strmap_free(st->pat_idx);
	strmap_free(st->samp_idx);
	strmap_free(st->defined_patients);
	strmap_free(st->defined_samples);
	strmap_free(st->instances);
	strmap_free(st->known_patients);
	strmap_free(st->part_idx);
	free(st->part_keys);
	free(st->part_counts);
	buf_free(&st->key);
	buf_free(&st->puuid_k);
	buf_free(&st->puuid_v);
	buf_free(&st->suuid_k);
	buf_free(&st->suuid_v);
	buf_free(&st->aliq_k);
	buf_free(&st->aliq_u);
	buf_free(&st->aliq_t);
	buf_free(&st->withdrawn_k);
	buf_free(&st->prior);
	strmap_free(st->prior_set);
	u64set_free(st->new_keys);
	strmap_free(st->attrs);
	buf_free(&st->attr_list);
	strmap_free(st->entities);
	buf_free(&st->entity_list);
	buf_free(&st->last_entity);
}

int
clin_load_body(load_ctx *ctx, void *arg)
{
	clin_job   *job = arg;
	state		st;
	const clin_record *rec;
	char	   *err = NULL;
	int			rc = ONC_EXIT_DB,
				got;
	int64_t		replaced = 0;
	long		line;
	int			col;
	const char *msg;

	if (!job->reader)
	{
		msg = err_split_place(job->open_error ? job->open_error : "cannot read", &line, &col);
		onc_msg(ONC_ERROR, ctx->spec->path, line, col, "%s", msg);
		return job->open_errno ? ONC_EXIT_IO : ONC_EXIT_INPUT;
	}
	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.job = job;
	st.info = clin_reader_info(job->reader);
	buf_init(&st.str);
	buf_init(&st.key);
	buf_init(&st.out.str);
	st.out.st = &st;
	st.sender = copysend_new(ctx->conn, copy_sql);
	st.flush_at = FIRST_FLUSH_FACTS;
	st.pat_idx = strmap_new(256);
	st.samp_idx = strmap_new(256);
	st.defined_patients = strmap_new(1024);
	st.defined_samples = strmap_new(1024);
	st.instances = strmap_new(1024);
	st.part_idx = strmap_new(1024);
	st.attrs = strmap_new(256);
	st.entities = strmap_new(16);

	st.prior_set = strmap_new(256);
	st.new_keys = u64set_new();
	st.out.new_keys = st.new_keys;
	load_set_format(ctx, st.info->format_name, NULL);
	load_meta_str(ctx, "detected_by", st.info->detected_by);
	if (st.info->layout)
		load_meta_str(ctx, "layout", st.info->layout);
	if (st.info->columns)
		load_meta_int(ctx, "columns", st.info->columns);
	if (st.info->warning)
		onc_msg(ONC_WARNING, ctx->spec->path, 0, 0, "%s", st.info->warning);

	while ((got = clin_next(job->reader, &rec, &err)) == 1)
	{
		rc = take_record(&st, rec);
		if (rc != 0)
			goto done;
	}
	if (got < 0)
	{
		msg = err_split_place(err ? err : "read error", &line, &col);
		onc_msg(ONC_ERROR, ctx->spec->path, line ? line : clin_lineno(job->reader), col, "%s", msg);
		free(err);
		rc = ONC_EXIT_INPUT;
		goto done;
	}
	rc = ONC_EXIT_DB;
	buf_puts(&st.entity_list, strmap_count(st.entities) > 0 ? "}" : "{}");
	if (flush(&st, true) < 0 || copysend_wait(st.sender) < 0 ||
		supersede(&st, &replaced) < 0 || write_parts(&st) < 0 ||
		write_dimensions(&st) < 0)
		goto done;
	load_meta_int(ctx, "patients", st.nparts);
	load_meta_int(ctx, "samples", st.samples_total);
	load_meta_int(ctx, "aliquots", st.aliquots_total);
	load_meta_int(ctx, "typed_facts", st.typed_facts);
	load_meta_int(ctx, "facts_replaced", replaced);
	rc = ONC_EXIT_OK;
done:
	state_free(&st);			/* waits for a batch in flight */
	return rc;
}
