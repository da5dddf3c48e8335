/*
 * Building printable HTML pages as a libxml2 tree, which escapes every text
 * and serialises as HTML (void elements, no self-closed cells), for the
 * sheet writers. Callers add nodes with html_el() and friends and write
 * the page once with html_page_write().
 */
#ifndef MEALRUN_UTIL_HTML_H
#define MEALRUN_UTIL_HTML_H

#include <libxml/tree.h>

#include "util/error.h"

struct html_page {
	xmlDocPtr doc;
	xmlNodePtr head, body;
};

/* Starts a page with lang ("zh-CN", "en"), a title and a style sheet. */
void html_page_init(struct html_page *page, const char *lang,
		    const char *title, const char *css);

/* Frees the page; safe to call twice. */
void html_page_release(struct html_page *page);

/* Appends <tag class=cls>text</tag> to parent; cls and text may be NULL. */
xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *cls,
		   const char *text);
/* As html_el with printf-style text. */
xmlNodePtr html_elf(xmlNodePtr parent, const char *tag, const char *cls,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sets an attribute. */
void html_attr(xmlNodePtr node, const char *name, const char *value);
/* Appends text to node. */
void html_text(xmlNodePtr node, const char *text);

/* Writes the page to path atomically; 0, or -1 with err. */
int html_page_write(struct html_page *page, const char *path,
		    struct mr_error *err);

#endif
