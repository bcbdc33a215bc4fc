/*
 * bcr_xml.c: TCGA BCR clinical and biospecimen XML through libxml2's
 * xmlTextReader (see bcr.h).  The fields of one patient are queued while
 * its element is read, then handed out record by record: an entity's
 * instance (its barcode) and the patient's barcode are only known once the
 * elements that carry them have been read.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <libxml/xmlreader.h>

#include "onc.h"
#include "bcr.h"
#include "strmap.h"
#include "textutil.h"

#define NONE ((size_t) -1)
#define MAX_DEPTH 64

typedef enum ent
{
	E_NONE = -1,
	E_ADMIN,
	E_PATIENT,
	E_FOLLOW_UP,
	E_DRUG,
	E_RADIATION,
	E_NTE,
	E_SAMPLE,
	E_PORTION,
	E_ANALYTE,
	E_ALIQUOT,
	E_SLIDE,
	E_PROTOCOL
} ent;

static const struct
{
	const char *entity;
	const char *short_name;		/* instance prefix when there is no barcode */
	const char *barcode;
	const char *barcode2;
}			ents[] = {
	[E_ADMIN] = {"admin", "admin", NULL, NULL},
	[E_PATIENT] = {"patient", "patient", "bcr_patient_barcode", NULL},
	[E_FOLLOW_UP] = {"follow_up", "follow_up", "bcr_followup_barcode", NULL},
	[E_DRUG] = {"drug", "drug", "bcr_drug_barcode", NULL},
	[E_RADIATION] = {"radiation", "radiation", "bcr_radiation_barcode", NULL},
	[E_NTE] = {"new_tumor_event", "nte", NULL, NULL},
	[E_SAMPLE] = {"sample", "sample", "bcr_sample_barcode", NULL},
	[E_PORTION] = {"portion", "portion", "bcr_portion_barcode", "shipment_portion_bcr_aliquot_barcode"},
	[E_ANALYTE] = {"analyte", "analyte", "bcr_analyte_barcode", NULL},
	[E_ALIQUOT] = {"aliquot", "aliquot", "bcr_aliquot_barcode", NULL},
	[E_SLIDE] = {"slide", "slide", "bcr_slide_barcode", NULL},
	[E_PROTOCOL] = {"protocol", "protocol", NULL, NULL},
};

/* A queued record (an entity). */
typedef struct qrec
{
	ent			kind;
	int			parent;			/* enclosing record, -1 */
	int			nth;			/* 1-based among same-kind siblings */
	long		line;
	size_t		barcode;		/* value offset, or NONE */
	size_t		instance;		/* set when the patient is complete */
	size_t		sample;			/* enclosing sample's instance, or NONE */
	size_t		sample_type;	/* a sample's sample_type value, or NONE */
	int			first,			/* its fields in the sorted array */
				nfields;
	const char *error;
	const char *error_code;
} qrec;

typedef struct qfield
{
	int			rec;
	size_t		name;
	size_t		source;
	size_t		value;			/* NONE: missing */
	size_t		missing;
	long		line;
} qfield;

typedef struct frame
{
	int			rec;			/* record its leaves belong to, -1 */
	int			rec_depth;		/* depth of that record's element */
	bool		opens_rec;
	bool		had_child;
	bool		nil;
	long		line;
	size_t		path_len;		/* path length before this element */
	char		status[40];		/* procurement_status */
} frame;

struct bcr_reader
{
	xmlTextReaderPtr xr;
	gzFile		gz;
	bool		io_error;
	int			io_errno;
	char	   *xml_error;		/* first parser error, "LINE: text" */
	bool		biospecimen;
	bool		root_seen;
	clin_info  *info;
	char		disease[32];
	char		study[96];

	frame		stack[MAX_DEPTH];
	int			depth;			/* frames on the stack */
	int			skip_depth;		/* > 0: inside a second patient, skipped */
	onc_buf		path;
	onc_buf		text;

	onc_buf		str;			/* strings of the queue, NUL-terminated */
	qrec	   *recs;
	int			nrecs,
				caprecs;
	qfield	   *fields;
	int			nfields,
				capfields;
	int			admin_rec;		/* -1 */
	int			patient_rec;	/* -1 */
	int			patients_seen;
	bool		ready;			/* queue complete: hand it out */
	int			next_out;
	bool		eof;

	/* the record handed out */
	clin_record out;
	clin_field *outf;
	int			capoutf;
};

/* ---------------------------------------------------------------- I/O */

static int
io_read(void *ctx, char *buf, int len)
{
	bcr_reader *r = ctx;
	int			n = gzread(r->gz, buf, (unsigned) len);

	if (n < 0)
	{
		int			zerr;

		gzerror(r->gz, &zerr);
		r->io_error = true;
		r->io_errno = zerr == Z_ERRNO ? errno : 0;
		return -1;
	}
	return n;
}

static int
io_close(void *ctx)
{
	bcr_reader *r = ctx;

	if (r->gz)
		gzclose(r->gz);
	r->gz = NULL;
	return 0;
}

static void
on_error(void *arg, xmlErrorPtr e)
{
	bcr_reader *r = arg;
	char	   *msg;
	size_t		n;

	if (!e || e->level < XML_ERR_ERROR || r->xml_error)
		return;
	msg = xstrdup(e->message ? e->message : "malformed XML");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	r->xml_error = xasprintf("%d: malformed XML: %s", e->line, msg);
	free(msg);
}

static void
silent(void *ctx, const char *msg,...)
{
	(void) ctx;
	(void) msg;
}

/* -------------------------------------------------------------- queue */

static size_t
str_add(bcr_reader *r, const char *s, size_t n)
{
	size_t		off = r->str.len;

	buf_append(&r->str, s, n);
	buf_append(&r->str, "", 1);
	return off;
}

static const char *
str_at(const bcr_reader *r, size_t off)
{
	return off == NONE ? NULL : r->str.data + off;
}

static int
rec_add(bcr_reader *r, ent kind, int parent, long line)
{
	qrec	   *q;
	int			nth = 1;

	for (int i = 0; i < r->nrecs; i++)
		if (r->recs[i].kind == kind && r->recs[i].parent == parent)
			nth++;
	if (r->nrecs == r->caprecs)
	{
		r->caprecs = r->caprecs ? r->caprecs * 2 : 16;
		r->recs = xrealloc(r->recs, (size_t) r->caprecs * sizeof(qrec));
	}
	q = &r->recs[r->nrecs];
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->parent = parent;
	q->nth = nth;
	q->line = line;
	q->barcode = NONE;
	q->instance = NONE;
	q->sample = NONE;
	q->sample_type = NONE;
	return r->nrecs++;
}

static void
field_add(bcr_reader *r, int rec, const char *name, size_t namelen, const char *source,
		  const char *value, const char *missing, long line)
{
	qfield	   *f;

	if (r->nfields == r->capfields)
	{
		r->capfields = r->capfields ? r->capfields * 2 : 256;
		r->fields = xrealloc(r->fields, (size_t) r->capfields * sizeof(qfield));
	}
	f = &r->fields[r->nfields++];
	f->rec = rec;
	f->name = str_add(r, name, namelen);
	f->source = str_add(r, source, strlen(source));
	f->value = value ? str_add(r, value, strlen(value)) : NONE;
	f->missing = missing ? str_add(r, missing, strlen(missing)) : NONE;
	f->line = line;
}

static void
queue_reset(bcr_reader *r)
{
	buf_reset(&r->str);
	r->nrecs = 0;
	r->nfields = 0;
	r->admin_rec = -1;
	r->patient_rec = -1;
	r->ready = false;
	r->next_out = 0;
}

/* The entity an element opens, or E_NONE. */
static ent
entity_of(const bcr_reader *r, const char *local, int depth)
{
	static const struct
	{
		const char *name;
		ent			kind;
		bool		bio;
	}			names[] = {
		{"follow_up", E_FOLLOW_UP, false},
		{"drug", E_DRUG, false},
		{"radiation", E_RADIATION, false},
		{"new_tumor_event", E_NTE, false},
		{"sample", E_SAMPLE, true},
		{"portion", E_PORTION, true},
		{"shipment_portion", E_PORTION, true},
		{"analyte", E_ANALYTE, true},
		{"aliquot", E_ALIQUOT, true},
		{"slide", E_SLIDE, true},
		{"protocol", E_PROTOCOL, true},
		{NULL, E_NONE, false}
	};

	if (depth == 1)
	{
		if (strcmp(local, "admin") == 0)
			return E_ADMIN;
		if (strcmp(local, "patient") == 0)
			return E_PATIENT;
		return E_NONE;
	}
	if (r->patient_rec < 0)
		return E_NONE;
	for (int i = 0; names[i].name; i++)
		if (names[i].bio == r->biospecimen && strcmp(local, names[i].name) == 0)
			return names[i].kind;
	return E_NONE;
}

static bool
standard_attribute(const char *qname)
{
	static const char *const skip[] = {
		"preferred_name", "display_order", "cde", "cde_ver", "xsd_ver", "tier", "owner",
		"procurement_status", "restricted", "source_system_identifier", "precision", NULL
	};

	if (strncmp(qname, "xmlns", 5) == 0 || strncmp(qname, "xsi:", 4) == 0)
		return true;
	for (int i = 0; skip[i]; i++)
		if (strcmp(qname, skip[i]) == 0)
			return true;
	return false;
}

/* Path from the record's element to the top frame, e.g. "rx:drug/rx:drug_name". */
static const char *
rel_path(const bcr_reader *r, const frame *f)
{
	const frame *rf = &r->stack[f->rec_depth];

	return r->path.data + rf->path_len + (rf->path_len > 0 ? 1 : 0);
}

/* Trimmed text of the current leaf, NUL-terminated in r->text. */
static char *
leaf_text(bcr_reader *r)
{
	buf_append(&r->text, "", 1);
	r->text.len--;
	return str_trim(r->text.data);
}

static void
end_element(bcr_reader *r, const char *local)
{
	frame	   *f = &r->stack[r->depth - 1];

	if (f->rec >= 0 && !f->had_child)
	{
		qrec	   *q = &r->recs[f->rec];
		char	   *v = leaf_text(r);
		const char *missing = NULL;

		if (*v == '\0')
		{
			missing = f->status[0] && strcmp(f->status, "Completed") != 0 ? f->status :
				f->nil ? "nil" : "empty";
			v = NULL;
		}
		if (!f->opens_rec)
			field_add(r, f->rec, local, strlen(local), rel_path(r, f), v, missing, f->line);
		if (v && ((ents[q->kind].barcode && strcmp(local, ents[q->kind].barcode) == 0) ||
				  (ents[q->kind].barcode2 && strcmp(local, ents[q->kind].barcode2) == 0)))
			q->barcode = r->fields[r->nfields - 1].value;
		if (v && q->kind == E_SAMPLE && strcmp(local, "sample_type") == 0)
			q->sample_type = r->fields[r->nfields - 1].value;
	}
	if (f->opens_rec && r->recs[f->rec].kind == E_PATIENT && r->skip_depth == 0)
		r->ready = true;
	r->path.len = f->path_len;
	if (r->path.data)
		r->path.data[r->path.len] = '\0';
	r->depth--;
	buf_reset(&r->text);
}

static int
start_element(bcr_reader *r)
{
	const char *local = (const char *) xmlTextReaderConstLocalName(r->xr);
	const char *qname = (const char *) xmlTextReaderConstName(r->xr);
	int			depth = xmlTextReaderDepth(r->xr);
	frame	   *f,
			   *parent;
	ent			kind;
	xmlNodePtr	node = xmlTextReaderCurrentNode(r->xr);
	long		line = node ? xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(r->xr);

	if (line <= 0)
		line = xmlTextReaderGetParserLineNumber(r->xr);
	if (r->depth >= MAX_DEPTH || depth != r->depth)
	{
		free(r->xml_error);
		r->xml_error = xasprintf("%ld: elements nested too deeply", line);
		return -1;
	}
	parent = &r->stack[r->depth - 1];
	parent->had_child = true;
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->line = line;
	f->rec = parent->rec;
	f->rec_depth = parent->rec_depth;
	f->path_len = r->path.len;
	if (r->path.len > 0)
		buf_puts(&r->path, "/");
	buf_puts(&r->path, qname);
	buf_reset(&r->text);

	kind = entity_of(r, local, depth);
	if (kind == E_PATIENT && ++r->patients_seen > 1)
	{
		/* a second patient: one reject, its elements skipped */
		int			rec = rec_add(r, E_PATIENT, -1, line);

		r->recs[rec].error = "more than one patient element in a BCR XML file; only the first is loaded";
		r->recs[rec].error_code = "duplicate_patient";
		r->ready = true;
		f->rec = -1;
		if (xmlTextReaderIsEmptyElement(r->xr) == 1)
			end_element(r, local);
		else
			r->skip_depth = depth;
		return 0;
	}
	if (kind == E_NONE && depth == 1)
	{
		/* anything else beside admin and patient belongs with the admin fields */
		if (r->admin_rec < 0)
			r->admin_rec = rec_add(r, E_ADMIN, -1, line);
		f->rec = r->admin_rec;
		f->rec_depth = r->depth - 1;
	}
	if (kind != E_NONE)
	{
		int			rec;

		if (kind == E_ADMIN && r->admin_rec >= 0)
			rec = r->admin_rec;
		else
			rec = rec_add(r, kind, parent->rec, line);
		if (kind == E_ADMIN)
			r->admin_rec = rec;
		if (kind == E_PATIENT)
			r->patient_rec = rec;
		f->rec = rec;
		f->rec_depth = r->depth - 1;
		f->opens_rec = true;
	}

	/* attributes: procurement status and nil, the rest kept as fields */
	if (xmlTextReaderHasAttributes(r->xr) == 1)
	{
		while (xmlTextReaderMoveToNextAttribute(r->xr) == 1)
		{
			const char *an = (const char *) xmlTextReaderConstName(r->xr);
			const char *av = (const char *) xmlTextReaderConstValue(r->xr);

			if (!an || !av)
				continue;
			if (strcmp(an, "procurement_status") == 0)
				snprintf(f->status, sizeof(f->status), "%s", av);
			else if (strcmp(an, "xsi:nil") == 0 || (strcmp(an, "nil") == 0))
				f->nil = strcmp(av, "true") == 0;
			else if (f->rec >= 0 && depth > 0 && !standard_attribute(an))
			{
				char	   *name = xasprintf("%s@%s", local, an);
				char	   *src = xasprintf("%s@%s", rel_path(r, f), an);
				char	   *v = xstrdup(av);
				char	   *t = str_trim(v);

				field_add(r, f->rec, name, strlen(name), src, *t ? t : NULL, *t ? NULL : "empty", line);
				free(name);
				free(src);
				free(v);
			}
		}
		xmlTextReaderMoveToElement(r->xr);
	}
	if (xmlTextReaderIsEmptyElement(r->xr) == 1)
		end_element(r, local);
	return 0;
}

/* The root element: which kind of BCR file this is. */
static int
start_root(bcr_reader *r, char **err)
{
	const char *local = (const char *) xmlTextReaderConstLocalName(r->xr);
	const char *ns = (const char *) xmlTextReaderConstNamespaceUri(r->xr);
	const char *p;
	frame	   *f;
	xmlNodePtr	node = xmlTextReaderCurrentNode(r->xr);
	long		line = node && xmlGetLineNo(node) > 0 ? xmlGetLineNo(node) :
		xmlTextReaderGetParserLineNumber(r->xr);

	if (!local || strcmp(local, "tcga_bcr") != 0 || !ns || strncmp(ns, "http://tcga.nci/bcr/xml/", 24) != 0)
	{
		*err = xasprintf("%ld: not a TCGA BCR clinical or biospecimen XML file (root element <%s>%s%s)",
						 line, local ? local : "?",
						 ns ? " in namespace " : "", ns ? ns : "");
		return -1;
	}
	p = ns + 24;
	if (strncmp(p, "biospecimen/", 12) == 0)
		r->biospecimen = true;
	else if (strncmp(p, "clinical/", 9) == 0)
	{
		const char *d = p + 9;
		size_t		n = strcspn(d, "/");

		snprintf(r->disease, sizeof(r->disease), "%.*s", (int) (n < 31 ? n : 31), d);
	}
	else
	{
		*err = xasprintf("%ld: a BCR XML file of a kind not loaded here (namespace %s): "
						 "only clinical and biospecimen files are", line, ns);
		return -1;
	}
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->rec = -1;
	buf_puts(&r->path, (const char *) xmlTextReaderConstName(r->xr));
	r->root_seen = true;
	return 0;
}

/*
 * Read until the queue is ready (a patient complete) or the file ends.
 * Returns 1 ready, 0 at the end, -1 on an error (*err set).
 */
static int
parse_more(bcr_reader *r, char **err)
{
	int			rc = 1;

	while (!r->ready && (rc = xmlTextReaderRead(r->xr)) == 1)
	{
		int			type = xmlTextReaderNodeType(r->xr);
		int			depth = xmlTextReaderDepth(r->xr);

		if (r->skip_depth > 0)
		{
			/* inside a second patient: skip to its end */
			if (type == XML_READER_TYPE_END_ELEMENT && depth == r->skip_depth)
			{
				r->skip_depth = 0;
				end_element(r, (const char *) xmlTextReaderConstLocalName(r->xr));
			}
			continue;
		}
		switch (type)
		{
			case XML_READER_TYPE_ELEMENT:
				if (r->depth == 0)
				{
					if (start_root(r, err) < 0)
						return -1;
				}
				else if (start_element(r) < 0)
					goto parse_error;
				break;
			case XML_READER_TYPE_END_ELEMENT:
				if (r->depth > 0)
					end_element(r, (const char *) xmlTextReaderConstLocalName(r->xr));
				break;
			case XML_READER_TYPE_TEXT:
			case XML_READER_TYPE_CDATA:
			case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
				if (r->depth > 0 && !r->stack[r->depth - 1].had_child)
				{
					const char *v = (const char *) xmlTextReaderConstValue(r->xr);

					if (v)
						buf_puts(&r->text, v);
				}
				break;
			default:
				break;
		}
	}
	if (r->ready)
		return 1;
	if (rc < 0 || r->xml_error || r->io_error)
		goto parse_error;
	r->eof = true;
	if (!r->root_seen)
	{
		*err = xstrdup("1: no XML element in the file");
		return -1;
	}
	return 0;
parse_error:
	if (r->io_error)
		*err = xasprintf("%ld: could not read: %s", (long) xmlTextReaderGetParserLineNumber(r->xr),
						 r->io_errno ? strerror(r->io_errno) : "corrupt or truncated gzip data");
	else
		*err = xstrdup(r->xml_error ? r->xml_error : "malformed XML");
	return -1;
}

/* The queue is complete: patient IDs, instances, fields in record order. */
static int
finish_queue(bcr_reader *r, char **err)
{
	qfield	   *sortedf;
	int		   *count;
	strmap	   *names;

	if (r->patient_rec >= 0 && r->recs[r->patient_rec].barcode == NONE && !r->recs[r->patient_rec].error)
	{
		*err = xasprintf("%ld: the patient element has no %s", r->recs[r->patient_rec].line,
						 "bcr_patient_barcode");
		return -1;
	}
	for (int i = 0; i < r->nrecs; i++)
	{
		qrec	   *q = &r->recs[i];
		char	   *inst;

		if (q->kind == E_ADMIN)
			inst = xstrdup(r->biospecimen ? "biospecimen" : "clinical");
		else if (q->kind == E_PATIENT)
			inst = xstrdup("");
		else if (q->barcode != NONE)
			inst = xstrdup(str_at(r, q->barcode));
		else if (q->parent >= 0 && r->recs[q->parent].kind != E_PATIENT &&
				 r->recs[q->parent].kind != E_ADMIN)
			inst = xasprintf("%s/%s%d", str_at(r, r->recs[q->parent].instance),
							 ents[q->kind].short_name, q->nth);
		else
			inst = xasprintf("%s%d", ents[q->kind].short_name, q->nth);
		q->instance = str_add(r, inst, strlen(inst));
		free(inst);
		if (q->kind == E_SAMPLE)
			q->sample = q->instance;
		else if (q->parent >= 0)
			q->sample = r->recs[q->parent].sample;
	}

	/* fields grouped by record, document order kept */
	count = xcalloc((size_t) r->nrecs + 1, sizeof(int));
	for (int i = 0; i < r->nfields; i++)
		count[r->fields[i].rec + 1]++;
	for (int i = 0; i < r->nrecs; i++)
	{
		r->recs[i].first = count[i];
		r->recs[i].nfields = count[i + 1];
		count[i + 1] += count[i];
	}
	sortedf = xmalloc((size_t) (r->nfields ? r->nfields : 1) * sizeof(qfield));
	for (int i = 0; i < r->nfields; i++)
		sortedf[count[r->fields[i].rec]++] = r->fields[i];
	free(count);
	free(r->fields);
	r->fields = sortedf;
	r->capfields = r->nfields ? r->nfields : 1;

	/* a name repeated within a record: NAME[2], NAME[3] ... */
	for (int i = 0; i < r->nrecs; i++)
	{
		qrec	   *q = &r->recs[i];

		names = strmap_new((size_t) q->nfields + 8);
		for (int j = q->first; j < q->first + q->nfields; j++)
		{
			int64_t		n = 0;
			const char *name = str_at(r, r->fields[j].name);

			strmap_get(names, name, &n);
			strmap_put(names, name, n + 1);
			if (n > 0)
			{
				char	   *s = xasprintf("%s[%d]", name, (int) n + 1);

				r->fields[j].name = str_add(r, s, strlen(s));
				free(s);
			}
		}
		strmap_free(names);
	}
	return 0;
}

/* ------------------------------------------------------------- public */

bcr_reader *
bcr_open(const char *path, clin_info *info, char **err, int *errno_out)
{
	bcr_reader *r = xcalloc(1, sizeof(*r));
	int			rc;

	*err = NULL;
	if (errno_out)
		*errno_out = 0;
	buf_init(&r->path);
	buf_init(&r->text);
	buf_init(&r->str);
	r->admin_rec = -1;
	r->patient_rec = -1;
	r->info = info;
	xmlSetGenericErrorFunc(NULL, silent);
	r->gz = gzopen(path, "rb");
	if (!r->gz)
	{
		if (errno_out)
			*errno_out = errno ? errno : ENOMEM;
		*err = xasprintf("could not open: %s", strerror(errno ? errno : ENOMEM));
		goto fail;
	}
	r->xr = xmlReaderForIO(io_read, io_close, r, path, NULL, XML_PARSE_NONET);
	if (!r->xr)
	{
		*err = xstrdup("could not start the XML reader");
		goto fail;
	}
	xmlTextReaderSetStructuredErrorHandler(r->xr, on_error, r);

	/* the root element and the admin section */
	while ((rc = xmlTextReaderRead(r->xr)) == 1)
	{
		int			type = xmlTextReaderNodeType(r->xr);

		if (type == XML_READER_TYPE_ELEMENT)
		{
			if (r->depth == 0)
			{
				if (start_root(r, err) < 0)
					goto fail;
			}
			else if (start_element(r) < 0)
				break;
			if (r->patient_rec >= 0)
				break;
		}
		else if (type == XML_READER_TYPE_END_ELEMENT)
		{
			if (r->depth > 0)
				end_element(r, (const char *) xmlTextReaderConstLocalName(r->xr));
			if (r->depth == 1 && r->admin_rec >= 0)
				break;			/* </admin:admin> */
		}
		else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
				 r->depth > 0 && !r->stack[r->depth - 1].had_child)
			buf_puts(&r->text, (const char *) xmlTextReaderConstValue(r->xr));
	}
	if (rc < 0 || r->xml_error || r->io_error || !r->root_seen)
	{
		if (r->io_error)
		{
			if (errno_out)
				*errno_out = r->io_errno;
			*err = xasprintf("could not read: %s", r->io_errno ? strerror(r->io_errno) :
							 "corrupt or truncated gzip data");
		}
		else if (r->xml_error)
			*err = xstrdup(r->xml_error);
		else
			*err = xstrdup("1: not an XML file: no root element");
		goto fail;
	}

	/* the study: admin:project_code (a GDC project ID, or the programme) and disease code */
	{
		const char *project = NULL,
				   *disease = NULL;

		for (int i = 0; i < r->nfields; i++)
		{
			const char *n = str_at(r, r->fields[i].name);

			if (strcmp(n, "project_code") == 0)
				project = str_at(r, r->fields[i].value);
			else if (strcmp(n, "disease_code") == 0)
				disease = str_at(r, r->fields[i].value);
		}
		if (project && strchr(project, '-'))
			snprintf(r->study, sizeof(r->study), "%s", project);
		else if (disease)
			snprintf(r->study, sizeof(r->study), "%s-%s", project ? project : "TCGA", disease);
	}
	memset(info, 0, sizeof(*info));
	info->format = CLIN_FMT_BCR_XML;
	info->format_name = r->biospecimen ? "bcr-biospecimen-xml" : "bcr-clinical-xml";
	info->data_type = r->biospecimen ? "biospecimen" : "clinical";
	info->source = CLIN_SRC_BCR;
	info->study_hint = r->study[0] ? r->study : NULL;
	info->detected_by = "content";
	info->layout = r->biospecimen ? "biospecimen" : (r->disease[0] ? r->disease : NULL);
	return r;
fail:
	bcr_close(r);
	return NULL;
}

int
bcr_next(bcr_reader *r, const clin_record **rec, char **err)
{
	const qrec *q;
	const qrec *pat;
	int			rc;

	*err = NULL;
	if (r->ready && r->next_out >= r->nrecs)
		queue_reset(r);
	if (!r->ready)
	{
		if (r->eof)
			return 0;
		rc = parse_more(r, err);
		if (rc <= 0)
		{
			if (rc == 0 && r->patients_seen == 0)
			{
				*err = xasprintf("%ld: no patient element in the file", bcr_lineno(r));
				return -1;
			}
			return rc;
		}
		if (finish_queue(r, err) < 0)
			return -1;
	}
	q = &r->recs[r->next_out++];
	pat = r->patient_rec >= 0 ? &r->recs[r->patient_rec] : NULL;
	if (q->nfields > r->capoutf)
	{
		r->capoutf = q->nfields + 16;
		r->outf = xrealloc(r->outf, (size_t) r->capoutf * sizeof(clin_field));
	}
	memset(&r->out, 0, sizeof(r->out));
	r->out.line = q->line;
	r->out.patient_id = pat ? str_at(r, pat->barcode) : NULL;
	r->out.sample_id = str_at(r, q->sample);
	r->out.sample_type = q->kind == E_SAMPLE ? str_at(r, q->sample_type) : NULL;
	r->out.aliquot_id = q->kind == E_ALIQUOT ? str_at(r, q->instance) : NULL;
	r->out.defines_patient = q->kind == E_PATIENT;
	r->out.defines_sample = q->kind == E_SAMPLE;
	r->out.creates_patient = true;
	r->out.error = q->error;
	r->out.error_code = q->error_code;
	for (int j = 0; j < q->nfields; j++)
	{
		const qfield *f = &r->fields[q->first + j];
		clin_field *o = &r->outf[j];
		const char *entity = ents[q->kind].entity;

		if (q->kind == E_PATIENT && r->biospecimen)
			entity = "biospecimen_patient";
		memset(o, 0, sizeof(*o));
		o->entity = entity;
		o->instance = str_at(r, q->instance);
		o->name = str_at(r, f->name);
		o->source = str_at(r, f->source);
		o->value = str_at(r, f->value);
		o->missing = str_at(r, f->missing);
		o->line = f->line;
	}
	r->out.nfields = q->nfields;
	r->out.fields = r->outf;
	*rec = &r->out;
	return 1;
}

long
bcr_lineno(const bcr_reader *r)
{
	return r->xr ? xmlTextReaderGetParserLineNumber(r->xr) : 0;
}

void
bcr_close(bcr_reader *r)
{
	if (!r)
		return;
	if (r->xr)
		xmlFreeTextReader(r->xr);	/* closes the input through io_close */
	else if (r->gz)
		gzclose(r->gz);
	free(r->xml_error);
	buf_free(&r->path);
	buf_free(&r->text);
	buf_free(&r->str);
	free(r->recs);
	free(r->fields);
	free(r->outf);
	free(r);
}
