/*
 * Unit tests of the sheets' words (planner/sheets/labels.c) and of the
 * PDF layout (planner/sheets/sheet_pdf.c): rows never split, the header
 * row and a section's running header repeated on every page it continues
 * to, nothing placed outside the margins, sections starting on new pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/sheets/labels.h"
#include "planner/sheets/sheet.h"
#include "planner/sheets/sheet_pdf.h"
#include "util/strbuf.h"

static void test_lang_parse(void **state)
{
	(void)state;
	enum lang lang;
	assert_int_equal(lang_parse("zh", &lang), 0);
	assert_int_equal(lang, LANG_ZH);
	assert_int_equal(lang_parse("en", &lang), 0);
	assert_int_equal(lang, LANG_EN);
	assert_int_equal(lang_parse("both", &lang), 0);
	assert_int_equal(lang, LANG_BOTH);
	assert_int_equal(lang_parse("de", &lang), -1);
	assert_int_equal(lang_parse("", &lang), -1);
	assert_string_equal(lang_tag(LANG_EN), "en");
	assert_string_equal(lang_tag(LANG_BOTH), "zh-CN");
}

/* Every label has both languages, and "both" is the two joined. */
static void test_labels_complete(void **state)
{
	(void)state;
	for (int k = 0; k < L_NKEYS; k++) {
		const char *zh = label(LANG_ZH, (enum label_key)k);
		const char *en = label(LANG_EN, (enum label_key)k);
		assert_non_null(zh);
		assert_non_null(en);
		assert_true(*zh && *en);
		char both[512];
		snprintf(both, sizeof(both), "%s %s", zh, en);
		assert_string_equal(label(LANG_BOTH, (enum label_key)k), both);
	}
	assert_string_equal(label(LANG_BOTH, L_DRIVER), "司机 Driver");
	assert_int_equal(label_code("window"), L_R_WINDOW);
	assert_int_equal(label_code("lunch"), L_LUNCH);
	assert_int_equal(label_code("no such code"), -1);
	assert_string_equal(label_of_code(LANG_ZH, "lunch"), "午餐");
	assert_string_equal(label_of_code(LANG_EN, "unknown"), "unknown");
}

static void test_lang_pick(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(lang_pick(LANG_ZH, "米饭", "Rice", &sb), "米饭");
	assert_string_equal(lang_pick(LANG_EN, "米饭", "Rice", &sb), "Rice");
	assert_string_equal(lang_pick(LANG_BOTH, "米饭", "Rice", &sb),
			    "米饭 Rice");
	assert_string_equal(lang_pick(LANG_BOTH, "", "Rice", &sb), "Rice");
	assert_string_equal(lang_pick(LANG_ZH, "米饭", "", &sb), "米饭");
	assert_string_equal(lang_pick(LANG_BOTH, "Pho", "Pho", &sb), "Pho");
	assert_string_equal(lang_pick_sep(LANG_BOTH, "软食", "Soft", "\n", &sb),
			    "软食\nSoft");
	strbuf_release(&sb);
}

enum { NROWS = 90 };

/* Two sections: a long one with a running header (heading and facts) and
 * a table of rows of one to four lines, and a short one. */
static void long_sheet(struct sheet *s)
{
	sheet_init(s, "test", "en", "(continued)");
	sheet_set_footer(s, "Test Kitchen · +43 1 000", "Page");
	sheet_section(s, "a", NULL);
	sheet_heading(s, 1, "Trip %02d", 1);
	struct sheet_table *f = sheet_facts(s, 2, 25, 70);
	sheet_fact(f, "Driver", "王师傅 Wang Jun +43 664 1");
	sheet_fact(f, "Loading", "10:05");
	sheet_running_header(s);
	static const struct sheet_col cols[] = {
		{ 10, SHEET_RIGHT }, { 60, SHEET_FIRST_BOLD }, { 40, SHEET_SMALL },
		{ 80, SHEET_BLANK },
	};
	const char *head[] = { "#", "Meal point", "Notes", "Signature" };
	struct sheet_table *t = sheet_table(s, 4, cols, head);
	t->min_row_mm = 8;
	for (int r = 0; r < NROWS; r++) {
		char num[16], place[128];
		snprintf(num, sizeof(num), "%d", r + 1);
		snprintf(place, sizeof(place), "Stop %d%s", r + 1,
			 r % 3 ? "\nLindenweg 1, 3500 Krems an der Donau\n"
				 "Anna Maier +43 1 101" : "");
		const char *row[] = { num, place, r % 5 ? NULL :
				      "第三层无电梯，请按门铃两次 third floor, "
				      "no lift, ring twice and wait", NULL };
		sheet_row(t, row, 0);
	}
	sheet_text(s, SHEET_BOLD, NULL, "cooked from 10:05, serve by 12:05");
	sheet_section(s, "b", NULL);
	sheet_heading(s, 1, "Trip %02d", 2);
	sheet_text(s, 0, NULL, "a short section");
}

/* long_sheet laid out; release both. */
static void long_layout(struct sheet *s, struct sheet_layout *lo)
{
	struct mr_error err = { 0 };
	long_sheet(s);
	assert_int_equal(sheet_layout_make(s, lo, &err), 0);
}

static void test_layout_pagination(void **state)
{
	(void)state;
	struct sheet s;
	struct sheet_layout lo;
	long_layout(&s, &lo);
	assert_true(lo.npages >= 3);

	/* Section a fills pages 0..n-2, continued after its first; b is on
	 * the last page alone. */
	int last = lo.npages - 1;
	assert_int_equal(lo.pages[0].section, 0);
	assert_false(lo.pages[0].continued);
	for (int p = 1; p < last; p++) {
		assert_int_equal(lo.pages[p].section, 0);
		assert_true(lo.pages[p].continued);
	}
	assert_int_equal(lo.pages[last].section, 1);
	assert_false(lo.pages[last].continued);

	int *row_page = malloc(NROWS * sizeof(int));
	for (int r = 0; r < NROWS; r++)
		row_page[r] = -1;
	int head_on[64] = { 0 }, repeat_on[64] = { 0 };
	double prev_y[64];
	for (int p = 0; p < 64; p++)
		prev_y[p] = 0;
	for (int i = 0; i < lo.nops; i++) {
		const struct sheet_op *op = &lo.ops[i];
		assert_true(op->page >= 0 && op->page < lo.npages);
		if (i)
			assert_true(op->page >= lo.ops[i - 1].page);
		/* Inside the content box (half a point for rules). */
		assert_true(op->x >= SHEET_X0 - 0.5);
		assert_true(op->x + op->w <= SHEET_X1 + 0.5);
		assert_true(op->y >= SHEET_Y0 - 0.5);
		assert_true(op->y + op->h <= SHEET_Y1 + 0.5);
		if (op->section != 0)
			continue;
		if (op->repeat)
			repeat_on[op->page] = 1;
		if (op->block == 2 && op->row == SHEET_PART_HEAD)
			head_on[op->page] = 1;
		if (op->block == 2 && op->row >= 0) {
			/* One page per row, and rows go down the page. */
			if (row_page[op->row] < 0)
				row_page[op->row] = op->page;
			assert_int_equal(row_page[op->row], op->page);
			assert_true(op->y >= prev_y[op->page] - 30);
			prev_y[op->page] = op->y;
		}
	}
	for (int r = 0; r < NROWS; r++) {
		assert_true(row_page[r] >= 0);
		if (r)
			assert_true(row_page[r] >= row_page[r - 1]);
	}
	for (int p = 0; p < last; p++) {
		assert_int_equal(head_on[p], 1);
		assert_int_equal(repeat_on[p], p > 0);
	}
	free(row_page);
	sheet_layout_release(&lo);
	sheet_release(&s);
}

/* The continued heading carries the mark; the first page's does not. */
static void test_layout_continued_heading(void **state)
{
	(void)state;
	struct sheet s;
	struct sheet_layout lo;
	long_layout(&s, &lo);
	int headings = 0;
	for (int i = 0; i < lo.nops; i++) {
		const struct sheet_op *op = &lo.ops[i];
		if (op->section != 0 || op->block != 0 ||
		    op->kind != SHEET_OP_TEXT)
			continue;
		const char *text = sheet_op_text(op);
		headings++;
		if (op->page == 0)
			assert_null(strstr(text, "(continued)"));
		else
			assert_non_null(strstr(text, "Trip 01 (continued)"));
	}
	assert_int_equal(headings, lo.npages - 1);
	sheet_layout_release(&lo);
	sheet_release(&s);
}

static void test_write_pdf_and_html(void **state)
{
	(void)state;
	struct sheet s;
	long_sheet(&s);
	/* Data in the footer cannot end the style sheet or the string. */
	sheet_set_footer(&s, "K \"1\" </style><b>x", "Page");
	char dir[] = "/tmp/test_sheet_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char pdf[64], html[64];
	snprintf(pdf, sizeof(pdf), "%s/s.pdf", dir);
	snprintf(html, sizeof(html), "%s/s.html", dir);
	struct mr_error err = { 0 };
	int pages[2] = { 0, 0 };
	assert_int_equal(sheet_write_pdf(&s, pdf, pages, &err), 0);
	assert_int_equal(pages[0], 1);
	assert_true(pages[1] > 2);
	assert_int_equal(sheet_write_html(&s, html, &err), 0);
	FILE *fp = fopen(pdf, "rb");
	char magic[5] = "";
	assert_non_null(fp);
	assert_int_equal(fread(magic, 1, 4, fp), 4);
	fclose(fp);
	assert_string_equal(magic, "%PDF");
	fp = fopen(html, "rb");
	assert_non_null(fp);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "<thead>"));
	assert_non_null(strstr(buf, "<section id=\"a\">"));
	assert_non_null(strstr(buf, "<b>Stop 2</b><br>Lindenweg 1"));
	assert_non_null(strstr(buf, "counter(pages)"));
	assert_non_null(strstr(buf, "\"K \\\"1\\\" \\3c /style>\\3c b>x\""));
	assert_null(strstr(buf, "</style><b>"));
	/* An image that is not there is an error naming it. */
	sheet_image(&s, "x.svg", "/nonexistent/x.svg", "map", 100, 80);
	assert_int_equal(sheet_write_pdf(&s, pdf, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/x.svg"));
	unlink(pdf);
	unlink(html);
	rmdir(dir);
	sheet_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_parse),
		cmocka_unit_test(test_labels_complete),
		cmocka_unit_test(test_lang_pick),
		cmocka_unit_test(test_layout_pagination),
		cmocka_unit_test(test_layout_continued_heading),
		cmocka_unit_test(test_write_pdf_and_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
