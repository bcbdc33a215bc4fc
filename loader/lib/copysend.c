/*
 * copysend.c: a binary COPY encoded and sent from a second thread (see
 * copysend.h).
 *
 * The connection is used by one thread at a time: the sender between a
 * submit and the end of its COPY, the caller otherwise (copysend_wait is
 * the hand-back).  libpq allows that; it forbids only concurrent use.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "copysend.h"
#include "onc.h"

struct copysend
{
	PGconn	   *conn;
	char	   *sql;
	copysend_fill fill;			/* the batch in flight */
	void	   *arg;
	db_copy		copy;			/* its COPY (the buffer is kept for the next) */
	bool		busy;			/* a batch is in flight */
	bool		failed;			/* a batch failed: nothing more is sent */
	bool		stop;
	bool		started;		/* the thread was tried (on the first submit) */
	bool		threaded;		/* and runs */
	pthread_t	thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Begin the COPY, encode and stream the batch, end it; 0 or -1 (printed). */
static int
send_batch(copysend *s)
{
	int			rc;

	if (db_copy_begin(&s->copy, s->conn, s->sql) < 0)
		return -1;
	rc = s->fill(s->arg, &s->copy);
	if (db_copy_end(&s->copy, rc < 0 ? "the batch could not be encoded or sent" : NULL) < 0)
		rc = -1;
	return rc;
}

static void *
sender_main(void *arg)
{
	copysend   *s = arg;

	pthread_mutex_lock(&s->mu);
	for (;;)
	{
		int			rc;

		while (!s->busy && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (!s->busy)
			break;
		pthread_mutex_unlock(&s->mu);
		rc = s->failed ? -1 : send_batch(s);
		pthread_mutex_lock(&s->mu);
		if (rc < 0)
			s->failed = true;
		s->busy = false;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

copysend *
copysend_new(PGconn *conn, const char *copy_sql)
{
	copysend   *s = xcalloc(1, sizeof(*s));

	s->conn = conn;
	s->sql = xstrdup(copy_sql);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	return s;
}

int
copysend_wait(copysend *s)
{
	int			rc;

	pthread_mutex_lock(&s->mu);
	while (s->busy)
		pthread_cond_wait(&s->cv, &s->mu);
	rc = s->failed ? -1 : 0;
	pthread_mutex_unlock(&s->mu);
	return rc;
}

int
copysend_submit(copysend *s, copysend_fill fill, void *arg)
{
	if (copysend_wait(s) < 0)
		return -1;
	s->fill = fill;
	s->arg = arg;
	if (!s->started)
	{
		s->started = true;
		s->threaded = pthread_create(&s->thread, NULL, sender_main, s) == 0;
	}
	if (!s->threaded)
	{
		if (send_batch(s) < 0)
			s->failed = true;
		return s->failed ? -1 : 0;
	}
	pthread_mutex_lock(&s->mu);
	s->busy = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return 0;
}

int
copysend_now(copysend *s, copysend_fill fill, void *arg)
{
	if (copysend_wait(s) < 0)
		return -1;
	s->fill = fill;
	s->arg = arg;
	if (send_batch(s) < 0)
		s->failed = true;
	return s->failed ? -1 : 0;
}

void
copysend_free(copysend *s)
{
	if (!s)
		return;
	if (s->threaded)
	{
		copysend_wait(s);
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	db_copy_free(&s->copy);
	free(s->sql);
	free(s);
}
