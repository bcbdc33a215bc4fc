/*
 * geneid.c: gene identifiers as sources print them: Ensembl gene IDs with
 * their version and _PAR_Y suffix, Entrez Gene IDs, Firehose "SYMBOL|ENTREZ".
 */
#include "config.h"

#include <string.h>

#include "geneid.h"

#define ENSG_DIGITS 11			/* ENSG00000182378 */
#define PAR_Y_SUFFIX "_PAR_Y"

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * Accepted: ENSG + 11 digits, then optionally "." and a version number,
 * then optionally "_PAR_Y".  Nothing else may follow.
 */
bool
geneid_ensembl(const char *id, char *base, size_t basecap,
			   char *version, size_t vercap)
{
	const char *p;
	const char *ver = NULL;
	size_t		verlen = 0;
	bool		par_y = false;
	size_t		need;

	if (!id || strncmp(id, "ENSG", 4) != 0)
		return false;
	p = id + 4;
	if (strlen(p) < ENSG_DIGITS || !all_digits(p, ENSG_DIGITS))
		return false;
	p += ENSG_DIGITS;
	if (*p == '.')
	{
		ver = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		verlen = (size_t) (p - ver);
		if (verlen == 0)
			return false;
	}
	if (strcmp(p, PAR_Y_SUFFIX) == 0)
		par_y = true;
	else if (*p != '\0')
		return false;

	need = 4 + ENSG_DIGITS + (par_y ? strlen(PAR_Y_SUFFIX) : 0) + 1;
	if (basecap < need || vercap < verlen + 1)
		return false;
	memcpy(base, id, 4 + ENSG_DIGITS);
	base[4 + ENSG_DIGITS] = '\0';
	if (par_y)
		strcat(base, PAR_Y_SUFFIX);
	if (verlen)
		memcpy(version, ver, verlen);
	version[verlen] = '\0';
	return true;
}

/* Digits only, not all zeros, and short enough for a long. */
bool
geneid_is_entrez(const char *s)
{
	size_t		n;
	bool		nonzero = false;

	if (!s)
		return false;
	n = strlen(s);
	if (n == 0 || n > 18 || !all_digits(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '0')
			nonzero = true;
	return nonzero;
}

bool
geneid_split_pipe(char *s, char **symbol, char **entrez)
{
	char	   *bar = strchr(s, '|');

	*entrez = NULL;
	if (bar)
	{
		*bar = '\0';
		if (bar[1] != '\0')
			*entrez = bar + 1;
	}
	*symbol = (s[0] == '\0' || strcmp(s, "?") == 0) ? NULL : s;
	return bar != NULL;
}
