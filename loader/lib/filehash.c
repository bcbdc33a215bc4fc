/*
 * filehash.c: SHA-256 and MD5 of files and buffers through OpenSSL's EVP
 * interface (hardware accelerated where the CPU allows).
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>

#include "filehash.h"
#include "onc.h"

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

struct filehash_job
{
	pthread_t	thread;
	char	   *path;
	const char *algo;
	char		hex[129];
	uint64_t	size;
	int			rc;
	int			err;
};

static void *
hash_thread(void *arg)
{
	filehash_job *job = arg;

	job->rc = filehash(job->path, job->algo, job->hex, sizeof(job->hex), &job->size);
	job->err = job->rc < 0 ? errno : 0;
	return NULL;
}

filehash_job *
filehash_start(const char *path, const char *algo)
{
	filehash_job *job = xcalloc(1, sizeof(*job));

	job->path = xstrdup(path);
	job->algo = algo;
	if (pthread_create(&job->thread, NULL, hash_thread, job) != 0)
	{
		free(job->path);
		free(job);
		return NULL;
	}
	return job;
}

int
filehash_finish(filehash_job *job, char *hex, size_t cap, uint64_t *size)
{
	int			rc;

	pthread_join(job->thread, NULL);
	rc = job->rc;
	if (rc == 0)
	{
		snprintf(hex, cap, "%s", job->hex);
		if (size)
			*size = job->size;
	}
	else
		errno = job->err;
	free(job->path);
	free(job);
	return rc;
}
