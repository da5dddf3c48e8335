/*
 * HTML pages as libxml2 trees (see html.h).
 */
#include "util/html.h"

#include <libxml/HTMLtree.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/outfile.h"
#include "util/strbuf.h"

#define X(s) ((const xmlChar *)(s))

void html_page_init(struct html_page *page, const char *lang,
		    const char *title, const char *css)
{
	page->doc = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(page->doc, X("html"), NULL, NULL);
	xmlNodePtr html = xmlNewNode(NULL, X("html"));
	xmlDocSetRootElement(page->doc, html);
	html_attr(html, "lang", lang);
	page->head = html_el(html, "head", NULL, NULL);
	/* libxml2 writes the charset meta element and, with an encoding
	 * set, keeps non-ASCII text as UTF-8 instead of character refs. */
	htmlSetMetaEncoding(page->doc, X("UTF-8"));
	page->doc->encoding = xmlStrdup(X("UTF-8"));
	html_el(page->head, "title", NULL, title);
	if (css)
		html_el(page->head, "style", NULL, css);
	page->body = html_el(html, "body", NULL, NULL);
}

void html_page_release(struct html_page *page)
{
	if (page->doc)
		xmlFreeDoc(page->doc);
	memset(page, 0, sizeof(*page));
}

xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *cls,
		   const char *text)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, X(tag), NULL);
	if (cls)
		html_attr(n, "class", cls);
	if (text && *text)
		html_text(n, text);
	return n;
}

xmlNodePtr html_elf(xmlNodePtr parent, const char *tag, const char *cls,
		    const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	xmlNodePtr n = html_el(parent, tag, cls, strbuf_str(&sb));
	strbuf_release(&sb);
	return n;
}

void html_attr(xmlNodePtr node, const char *name, const char *value)
{
	xmlSetProp(node, X(name), X(value));
}

void html_text(xmlNodePtr node, const char *text)
{
	xmlAddChild(node, xmlNewText(X(text)));
}

int html_page_write(struct html_page *page, const char *path,
		    struct mr_error *err)
{
	xmlChar *mem = NULL;
	int size = 0;
	htmlDocDumpMemoryFormat(page->doc, &mem, &size, 1);
	if (!mem)
		return mr_fail(err, EX_SOFTWARE, "%s: cannot serialise HTML",
			       path);
	int rc = outfile_write_all(path, (const char *)mem, (size_t)size, err);
	xmlFree(mem);
	return rc;
}
