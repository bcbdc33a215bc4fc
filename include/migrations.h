/*
 * migrations.h: the numbered SQL migrations of sql/, embedded at build time
 * (sql/embed.sh) and applied in order by "oncoload init".
 */
#ifndef MIGRATIONS_H
#define MIGRATIONS_H

typedef struct onc_migration
{
	const char *name;			/* "001_core.sql" */
	const char *sql;
} onc_migration;

/* Terminated by an entry whose name is NULL. */
extern const onc_migration onc_migrations[];

#endif							/* MIGRATIONS_H */
