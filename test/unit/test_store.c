/*
 * Unit tests of the store: a new database gets the current schema, a newer
 * one is refused, a missing one is not created by accident, and a file that
 * is not a database is refused as bad data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store.h"

static char dir[] = "/tmp/mealrun-store-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_new_database(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/new.db", dir);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(store_open(path, true, &st, &err), 0);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_free(st);
	assert_int_equal(store_open(path, false, &st, &err), 0);
	store_free(st);
}

static void test_newer_schema_refused(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/newer.db", dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
				      NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "newer"));
}

static void test_not_a_database(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/text.db", dir);
	FILE *fp = fopen(path, "w");
	fputs("this is not a database, just some text to fill the header "
	      "page of a file that claims to be one\n", fp);
	fclose(fp);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_database),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_not_a_database),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
