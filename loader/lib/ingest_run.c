/*
 * ingest_run.c: what an ingest run does with one file (see ingest_run.h):
 * run its loader as a child process and read the outcome it prints, and
 * write the file's line of the JSON log.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "ingest_run.h"

static const char *const outcome_names[] = {"loaded", "skipped", "failed", "ignored"};

const char *
ingest_outcome_name(ingest_outcome o)
{
	return outcome_names[o];
}

/* ---------------------------------------------------------------- log */

/* Missing files have their own label (see ingest_run.h). */
const char *
ingest_kind_label(const ingest_file *f)
{
	return f->missing ? "missing" : ingest_kind_name(f->kind);
}

void
ingest_log_line(FILE *log, const ingest_file *f, const ingest_result *r)
{
	onc_buf		b;
	char		when[32];
	time_t		t = time(NULL);
	struct tm	tm;

	if (!log)
		return;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&b);
	buf_printf(&b, "{\"time\":\"%s\",\"path\":\"", when);
	json_escape(&b, f->path);
	buf_printf(&b, "\",\"kind\":\"%s\",\"format\":", ingest_kind_label(f));
	if (f->format)
	{
		buf_puts(&b, "\"");
		json_escape(&b, f->format);
		buf_puts(&b, "\"");
	}
	else
		buf_puts(&b, "null");
	buf_puts(&b, ",\"command\":");
	if (r->command)
	{
		buf_puts(&b, "\"");
		json_escape(&b, r->command);
		buf_puts(&b, "\"");
	}
	else
		buf_puts(&b, "null");
	buf_printf(&b, ",\"outcome\":\"%s\",\"exit_code\":", ingest_outcome_name(r->out));
	if (r->exit_code >= 0)
		buf_printf(&b, "%d", r->exit_code);
	else
		buf_puts(&b, "null");
	buf_puts(&b, ",\"load_id\":");
	if (r->load_id > 0)
		buf_printf(&b, "%lld", r->load_id);
	else
		buf_puts(&b, "null");
	buf_puts(&b, ",\"message\":");
	if (r->message)
	{
		buf_puts(&b, "\"");
		json_escape(&b, r->message);
		buf_puts(&b, "\"");
	}
	else
		buf_puts(&b, "null");
	buf_puts(&b, "}\n");
	fputs(b.data, log);
	fflush(log);
	buf_free(&b);
}

/* -------------------------------------------------------- child loads */

void
ingest_argv_push(ingest_argv *a, const char *s)
{
	if (a->n + 2 > a->cap)
	{
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = xrealloc(a->v, (size_t) a->cap * sizeof(char *));
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

void
ingest_argv_free(ingest_argv *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
}

char *
ingest_argv_join(const ingest_argv *a)
{
	onc_buf		b;
	char	   *s;

	buf_init(&b);
	for (int i = 0; i < a->n; i++)
	{
		if (i)
			buf_puts(&b, " ");
		if (strpbrk(a->v[i], " \t'\"$\\") || !a->v[i][0])
		{
			buf_puts(&b, "'");
			for (const char *p = a->v[i]; *p; p++)
				if (*p == '\'')
					buf_puts(&b, "'\\''");
				else
					buf_append(&b, p, 1);
			buf_puts(&b, "'");
		}
		else
			buf_puts(&b, a->v[i]);
	}
	s = xstrdup(b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The string value of "key":"..." in a JSON line of ours, unescaped; NULL if absent. */
static char *
json_str(const char *line, const char *key)
{
	char	   *pat = xasprintf("\"%s\":\"", key);
	const char *s = strstr(line, pat);
	onc_buf		b;
	char	   *out;

	if (!s)
	{
		free(pat);
		return NULL;
	}
	s += strlen(pat);
	free(pat);
	buf_init(&b);
	for (; *s && *s != '"'; s++)
	{
		if (*s == '\\' && s[1])
		{
			s++;
			if (*s == 'n')
				buf_puts(&b, "\n");
			else if (*s == 't')
				buf_puts(&b, "\t");
			else if (*s == 'u' && strlen(s) >= 5)
			{
				buf_puts(&b, "?");
				s += 4;
			}
			else
				buf_append(&b, s, 1);
		}
		else
			buf_append(&b, s, 1);
	}
	out = xstrdup(b.data ? b.data : "");
	buf_free(&b);
	return out;
}

void
ingest_run_child(const ingest_argv *a, ingest_result *r)
{
	int			fds[2];
	pid_t		pid;
	onc_buf		out;
	char		chunk[4096];
	ssize_t		n;
	int			status;

	r->exit_code = ONC_EXIT_IO;
	r->out = INGEST_OUT_FAILED;
	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) != 0)
	{
		r->message = xasprintf("cannot make a pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0)
	{
		r->message = xasprintf("cannot start a process: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0)
	{
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv("/proc/self/exe", a->v);
		fprintf(stderr, "oncoload: error: cannot run /proc/self/exe: %s\n", strerror(errno));
		_exit(ONC_EXIT_IO);
	}
	close(fds[1]);
	buf_init(&out);
	while ((n = read(fds[0], chunk, sizeof(chunk))) != 0)
	{
		if (n < 0)
		{
			if (errno == EINTR)
				continue;
			break;
		}
		buf_append(&out, chunk, (size_t) n);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
	{
		r->exit_code = 128 + WTERMSIG(status);
		r->message = xasprintf("killed by signal %d", WTERMSIG(status));
	}
	else
		r->exit_code = WEXITSTATUS(status);

	/* the last outcome line the loader printed */
	{
		char	   *status_s = NULL;
		char	   *line = out.data;

		while (line && *line)
		{
			char	   *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			if (strncmp(line, "{\"load_id\":", 11) == 0)
			{
				free(status_s);
				status_s = json_str(line, "status");
				r->load_id = strtoll(line + 11, NULL, 10);
				if (!r->message || strncmp(r->message, "killed", 6) != 0)
				{
					char	   *m = json_str(line, "message");

					if (m)
					{
						free(r->message);
						r->message = m;
					}
				}
			}
			line = nl ? nl + 1 : NULL;
		}
		if (r->exit_code != ONC_EXIT_OK)
			r->out = INGEST_OUT_FAILED;
		else if (status_s && strcmp(status_s, "skipped") == 0)
			r->out = INGEST_OUT_SKIPPED;
		else if (status_s)
			r->out = INGEST_OUT_LOADED;
		else
		{
			r->out = INGEST_OUT_IGNORED;
			if (!r->message)
				r->message = xstrdup("its loader passed it over (see its message)");
		}
		if (r->out == INGEST_OUT_FAILED && !r->message)
			r->message = xasprintf("%s exited with code %d", a->v[1], r->exit_code);
		free(status_s);
	}
	buf_free(&out);
}
