/*
 * Debian's SQLite (libsqlite3.a) sorting 200,000 rows in two threads with a
 * small cache: its sorter spills to temporary files, which it makes in
 * /var/tmp, else /tmp, so with nothing mounted they land in the private /tmp.
 */
#include <sqlite3.h>
#include <stdio.h>

static int print_row(void *unused, int n, char **values, char **names)
{
	(void)unused;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? " " : "", values[i] ? values[i] : "NULL");
	printf("\n");
	return 0;
}

int main(void)
{
	static const char sql[] =
		"pragma threads=2; pragma cache_size=100; create table t(a, b);"
		"with recursive c(x) as (select 1 union all select x+1 from c where x < 200000)"
		" insert into t select (x*7919)%200003, hex(randomblob(8)) from c;"
		"create index ti on t(a);"
		"select count(*), min(a), max(a) from (select a from t order by a desc);"
		"select a from t order by a limit 3 offset 100000;";
	sqlite3 *db;
	char *err = NULL;
	if (sqlite3_open("", &db) != SQLITE_OK)
		return 1;
	if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
		printf("error: %s\n", err);
		return 1;
	}
	sqlite3_close(db);
	return 0;
}
