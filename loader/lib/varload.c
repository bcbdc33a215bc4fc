/*
 * varload.c: small things the mutation and variant loads share: the
 * --sample-map option and JSON members in a load's metadata.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"
#include "varload.h"

void
varload_meta_json(load_ctx *ctx, const char *key, const char *json)
{
	if (ctx->metadata.len)
		buf_puts(&ctx->metadata, ",");
	buf_puts(&ctx->metadata, "\"");
	json_escape(&ctx->metadata, key);
	buf_puts(&ctx->metadata, "\":");
	buf_puts(&ctx->metadata, json);
}

void
varload_report(const char *path, const char *err)
{
	long		line;
	const char *p = err_split_place(err ? err : "cannot read", &line, NULL);

	onc_msg(ONC_ERROR, path, line, 0, "%s", p);
}

bool
sample_map_parse(const char *spec, sample_map *m, char **err)
{
	char	   *copy = xstrdup(spec);
	char	   *save = NULL;

	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save))
	{
		char	   *eq = strchr(item, '=');
		char	   *from,
				   *to;

		if (!eq)
		{
			*err = xasprintf("\"%s\" is not NAME=ID", item);
			free(copy);
			return false;
		}
		*eq = '\0';
		from = str_trim(item);
		to = str_trim(eq + 1);
		if (!*from || !*to)
		{
			*err = xasprintf("\"%s=%s\" has an empty side", from, to);
			free(copy);
			return false;
		}
		m->from = xrealloc(m->from, (size_t) (m->n + 1) * sizeof(char *));
		m->to = xrealloc(m->to, (size_t) (m->n + 1) * sizeof(char *));
		m->from[m->n] = xstrdup(from);
		m->to[m->n] = xstrdup(to);
		m->n++;
	}
	free(copy);
	if (m->n == 0)
	{
		*err = xstrdup("no NAME=ID pairs");
		return false;
	}
	return true;
}

const char *
sample_map_get(const sample_map *m, const char *name)
{
	for (int i = 0; m && i < m->n; i++)
		if (strcmp(m->from[i], name) == 0)
			return m->to[i];
	return name;
}

void
sample_map_free(sample_map *m)
{
	for (int i = 0; i < m->n; i++)
	{
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
	memset(m, 0, sizeof(*m));
}
