/*
 * filehash.h: checksums of source files (SHA-256 for the audit trail, MD5
 * to compare with GDC manifests), computed by streaming the bytes.
 */
#ifndef FILEHASH_H
#define FILEHASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Hash the file's bytes as stored.  algo is "sha256" or "md5"; hex gets the
 * lower-case hex digest (cap >= 65).  *size gets the bytes read.  Returns 0,
 * or -1 with errno set (I/O) or EINVAL (unknown algorithm).
 */
int			filehash(const char *path, const char *algo, char *hex, size_t cap,
					 uint64_t *size);

/*
 * Hash a file in a background thread while the caller does other work (the
 * expression loader hashes the next file while it loads this one).  Start
 * returns NULL when no thread could be made; finish joins it, gives what
 * filehash() would (errno set on -1) and frees the job.
 */
typedef struct filehash_job filehash_job;

filehash_job *filehash_start(const char *path, const char *algo);
int			filehash_finish(filehash_job *job, char *hex, size_t cap, uint64_t *size);

/* SHA-256 of a memory block, as raw bytes (out has 32 bytes). */
void		sha256_bytes(const void *p, size_t n, unsigned char out[32]);

#endif							/* FILEHASH_H */
