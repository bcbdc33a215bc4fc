/*
 * filehash.c: SHA-256 and MD5 of files and buffers through OpenSSL's EVP
 * interface (hardware accelerated where the CPU allows).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>

#include "filehash.h"

int
filehash(const char *path, const char *algo, char *hex, size_t cap, uint64_t *size)
{
	const EVP_MD *md = strcmp(algo, "sha256") == 0 ? EVP_sha256() :
		strcmp(algo, "md5") == 0 ? EVP_md5() : NULL;
	EVP_MD_CTX *ctx;
	FILE	   *f;
	unsigned char buf[1 << 16];
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	uint64_t	total = 0;
	size_t		n;
	int			saved;

	if (!md || cap < 2 * (size_t) EVP_MD_get_size(md) + 1)
	{
		errno = EINVAL;
		return -1;
	}
	f = fopen(path, "rb");
	if (!f)
		return -1;
	ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestInit_ex(ctx, md, NULL) != 1)
		goto fail_nomem;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
	{
		EVP_DigestUpdate(ctx, buf, n);
		total += n;
	}
	if (ferror(f))
		goto fail;
	EVP_DigestFinal_ex(ctx, digest, &dlen);
	for (unsigned int i = 0; i < dlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	if (size)
		*size = total;
	return 0;

fail_nomem:
	errno = ENOMEM;
fail:
	saved = errno ? errno : EIO;
	EVP_MD_CTX_free(ctx);
	fclose(f);
	errno = saved;
	return -1;
}

void
sha256_bytes(const void *p, size_t n, unsigned char out[32])
{
	unsigned int len = 32;

	EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}
