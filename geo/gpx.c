/*
 * GPX 1.1 writer on libxml2's xmlTextWriter, which does the escaping and
 * the encoding (see gpx.h). Element order follows the schema's sequences:
 * metadata, wpt*, rte, trk; inside wpt: name, cmt, desc, sym, type.
 */
#include "geo/gpx.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "util/outfile.h"
#include "util/text.h"
#include "util/xalloc.h"

#define GPX_NS "http://www.topografix.com/GPX/1/1"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

#define X(s) ((const xmlChar *)(s))

static int text_el(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (!value || !*value)
		return 0;
	return xmlTextWriterWriteElement(w, X(name), X(value)) < 0 ? -1 : 0;
}

static int point_attrs(xmlTextWriterPtr w, struct geo_point p)
{
	char lat[32], lon[32];
	snprintf(lat, sizeof(lat), "%.7f", p.lat);
	snprintf(lon, sizeof(lon), "%.7f", p.lon);
	if (xmlTextWriterWriteAttribute(w, X("lat"), X(lat)) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("lon"), X(lon)) < 0)
		return -1;
	return 0;
}

/* A <name> cut to what a Garmin shows, without splitting a character. */
static int short_name(xmlTextWriterPtr w, const char *n)
{
	/* At most 4 bytes a character in UTF-8. */
	char name[GPX_NAME_MAX_CHARS * 4 + 1];
	size_t len = utf8_prefix(n ? n : "", GPX_NAME_MAX_CHARS);
	memcpy(name, n ? n : "", len);
	name[len] = '\0';
	return text_el(w, "name", name);
}

/* A wpt or rtept element with its children. */
static int waypoint(xmlTextWriterPtr w, const char *element,
		    const struct gpx_waypoint *p)
{
	if (xmlTextWriterStartElement(w, X(element)) < 0 ||
	    point_attrs(w, p->at) != 0 || short_name(w, p->name) != 0 ||
	    text_el(w, "cmt", p->cmt) != 0 ||
	    text_el(w, "desc", p->desc) != 0 ||
	    text_el(w, "sym", p->sym) != 0 ||
	    text_el(w, "type", p->type) != 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

static int write_doc(xmlTextWriterPtr w, const struct gpx_doc *doc)
{
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, X("  ")) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, X("gpx")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("version"), X("1.1")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("creator"), X("mealrun")) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("xmlns"), X(GPX_NS)) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("xmlns:xsi"), X(XSI_NS)) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("xsi:schemaLocation"),
		X(GPX_NS " http://www.topografix.com/GPX/1/1/gpx.xsd")) < 0)
		return -1;

	if (xmlTextWriterStartElement(w, X("metadata")) < 0 ||
	    text_el(w, "name", doc->name) != 0 ||
	    text_el(w, "desc", doc->desc) != 0)
		return -1;
	if (doc->copyright) {
		if (xmlTextWriterStartElement(w, X("copyright")) < 0 ||
		    xmlTextWriterWriteAttribute(w, X("author"),
						X(doc->copyright)) < 0 ||
		    text_el(w, "license", doc->licence_url) != 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (text_el(w, "time", doc->time) != 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;

	for (int i = 0; i < doc->nstops; i++)
		if (waypoint(w, "wpt", &doc->stops[i]) != 0)
			return -1;

	if (xmlTextWriterStartElement(w, X("rte")) < 0 ||
	    short_name(w, doc->route_name ? doc->route_name : doc->name) != 0 ||
	    waypoint(w, "rtept", &doc->start) != 0)
		return -1;
	for (int i = 0; i < doc->nstops; i++)
		if (waypoint(w, "rtept", &doc->stops[i]) != 0)
			return -1;
	if (waypoint(w, "rtept", &doc->start) != 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;

	if (doc->ntrack > 1) {
		if (xmlTextWriterStartElement(w, X("trk")) < 0 ||
		    short_name(w, doc->route_name ? doc->route_name
						  : doc->name) != 0 ||
		    xmlTextWriterStartElement(w, X("trkseg")) < 0)
			return -1;
		for (int i = 0; i < doc->ntrack; i++)
			if (xmlTextWriterStartElement(w, X("trkpt")) < 0 ||
			    point_attrs(w, doc->track[i]) != 0 ||
			    xmlTextWriterEndElement(w) < 0)
				return -1;
		if (xmlTextWriterEndElement(w) < 0 ||
		    xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

int gpx_write(const char *path, const struct gpx_doc *doc,
	      struct mr_error *err)
{
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf)
		return mr_fail(err, EX_OSERR, "out of memory");
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	if (!w) {
		xmlBufferFree(buf);
		return mr_fail(err, EX_OSERR, "out of memory");
	}
	int rc = write_doc(w, doc);
	xmlFreeTextWriter(w); /* flushes into buf */
	if (rc != 0)
		rc = mr_fail(err, EX_SOFTWARE, "%s: cannot build GPX (text "
			     "that is not UTF-8?)", path);
	else
		rc = outfile_write_all(path, (const char *)xmlBufferContent(buf),
				       (size_t)xmlBufferLength(buf), err);
	xmlBufferFree(buf);
	return rc;
}
