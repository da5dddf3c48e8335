/*
 * Reading an OpenStreetMap XML file for the road network (osm_internal.h):
 * one pass of xmlTextReader keeps every node's position and every drivable
 * way's node list, speed and direction.
 */
#include "geo/osm_internal.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define X(s) ((const xmlChar *)(s))

static double class_speed(const char *hw)
{
	static const struct { const char *k; double v; } speeds[] = {
		{ "motorway", 100 }, { "motorway_link", 60 }, { "trunk", 80 },
		{ "trunk_link", 50 }, { "primary", 60 }, { "primary_link", 40 },
		{ "secondary", 50 }, { "secondary_link", 40 },
		{ "tertiary", 40 }, { "tertiary_link", 30 },
		{ "unclassified", 30 }, { "residential", 25 },
		{ "living_street", 10 }, { "service", 15 }, { "road", 25 },
	};
	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
		if (!strcmp(hw, speeds[i].k))
			return speeds[i].v;
	return 0;
}

/* maxspeed in km/h, or 0 when absent or not understood. */
static double parse_maxspeed(const char *s)
{
	if (!*s)
		return 0;
	if (!strcmp(s, "walk"))
		return 7;
	if (strstr(s, ":urban"))
		return 50;
	if (strstr(s, ":rural"))
		return 90;
	if (strstr(s, ":motorway"))
		return 120;
	if (strstr(s, ":living_street"))
		return 10;
	char *end;
	double v = strtod(s, &end);
	if (end == s || !(v > 0 && v < 200))
		return 0;
	while (*end == ' ')
		end++;
	if (!strncmp(end, "mph", 3))
		v *= 1.609344;
	return v;
}

static void copy_attr(char *dst, size_t size, const xmlChar *v)
{
	snprintf(dst, size, "%s", v ? (const char *)v : "");
}

static void finish_way(struct osm_file *r)
{
	r->in_way = false;
	r->ways_read++;
	long count = r->nrefs - r->way_first;
	double speed = class_speed(r->highway);
	bool barred = !strcmp(r->access, "no") || !strcmp(r->access, "private") ||
		      !strcmp(r->motor, "no") || !strcmp(r->motor, "private");
	if (speed <= 0 || count < 2 || barred || !strcmp(r->area, "yes")) {
		r->nrefs = r->way_first;
		return;
	}
	double max = parse_maxspeed(r->maxspeed);
	if (max > 0)
		/* Below the limit, as traffic drives. */
		speed = fmin(max * 0.85, speed * 1.5);
	int oneway = 0;
	if (!strcmp(r->oneway, "yes") || !strcmp(r->oneway, "true") ||
	    !strcmp(r->oneway, "1"))
		oneway = 1;
	else if (!strcmp(r->oneway, "-1") || !strcmp(r->oneway, "reverse"))
		oneway = -1;
	else if (strcmp(r->oneway, "no") != 0 &&
		 (!strcmp(r->junction, "roundabout") ||
		  !strcmp(r->junction, "circular") ||
		  !strcmp(r->highway, "motorway") ||
		  !strcmp(r->highway, "motorway_link")))
		oneway = 1;
	ALLOC_GROW(r->ways, r->nways + 1, r->ways_alloc);
	r->ways[r->nways++] = (struct way){ (int)r->way_first, (int)count,
					    (float)speed, oneway };
}

/* The first error libxml2 reports, kept instead of printed. */
struct xml_error {
	char msg[256];
	int line;
};

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct xml_error *xe = arg;
	if (xe->msg[0] || !e || e->level < XML_ERR_ERROR)
		return;
	if (e->domain == XML_FROM_IO)
		snprintf(xe->msg, sizeof(xe->msg), "cannot read it to the end "
			 "(a truncated or damaged file?)");
	else
		snprintf(xe->msg, sizeof(xe->msg), "%s",
			 e->message ? e->message : "");
	xe->msg[strcspn(xe->msg, "\n")] = '\0';
	xe->line = e->line;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int osm_file_read(const char *path, struct osm_file *r, struct mr_error *err)
{
	FILE *probe = fopen(path, "rb");
	if (!probe)
		return mr_fail(err, EX_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	fclose(probe);
	/* libxml2's errors, from the parser and from below it (a truncated
	 * gzip stream), are kept for the message instead of printed. */
	struct xml_error xe = { "", 0 };
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetStructuredErrorFunc(&xe, on_xml_error);
	/* No network, no DTD, no entity substitution. */
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET |
					       XML_PARSE_NOBLANKS |
					       XML_PARSE_COMPACT);
	if (!rd) {
		xmlSetGenericErrorFunc(NULL, NULL);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return mr_fail(err, EX_DATAERR, "%s: not an XML file", path);
	}
	int ret;
	while ((ret = xmlTextReaderRead(rd)) == 1) {
		int type = xmlTextReaderNodeType(rd);
		const xmlChar *name = xmlTextReaderConstLocalName(rd);
		if (!name)
			continue;
		if (type == XML_READER_TYPE_ELEMENT) {
			if (xmlStrEqual(name, X("node"))) {
				xmlChar *id = xmlTextReaderGetAttribute(rd, X("id"));
				xmlChar *lat = xmlTextReaderGetAttribute(rd, X("lat"));
				xmlChar *lon = xmlTextReaderGetAttribute(rd, X("lon"));
				if (id && lat && lon) {
					double la = atof((const char *)lat);
					double lo = atof((const char *)lon);
					if (la >= -90 && la <= 90 && lo >= -180 &&
					    lo <= 180) {
						ALLOC_GROW(r->node_id, r->nnodes + 1,
							   r->nodes_alloc);
						long cap = r->nodes_alloc;
						r->node_lat = xreallocarray(
							r->node_lat, (size_t)cap,
							sizeof(double));
						r->node_lon = xreallocarray(
							r->node_lon, (size_t)cap,
							sizeof(double));
						r->node_id[r->nnodes] =
							strtoll((const char *)id,
								NULL, 10);
						r->node_lat[r->nnodes] = la;
						r->node_lon[r->nnodes] = lo;
						r->nnodes++;
					}
				}
				xmlFree(id);
				xmlFree(lat);
				xmlFree(lon);
			} else if (xmlStrEqual(name, X("way"))) {
				r->in_way = true;
				r->way_first = r->nrefs;
				r->highway[0] = r->oneway[0] = r->maxspeed[0] =
					r->access[0] = r->junction[0] =
					r->motor[0] = r->area[0] = '\0';
				if (xmlTextReaderIsEmptyElement(rd))
					finish_way(r);
			} else if (r->in_way && xmlStrEqual(name, X("nd"))) {
				xmlChar *ref = xmlTextReaderGetAttribute(rd, X("ref"));
				if (ref) {
					ALLOC_GROW(r->refs, r->nrefs + 1,
						   r->refs_alloc);
					r->refs[r->nrefs++] =
						strtoll((const char *)ref, NULL, 10);
				}
				xmlFree(ref);
			} else if (r->in_way && xmlStrEqual(name, X("tag"))) {
				xmlChar *k = xmlTextReaderGetAttribute(rd, X("k"));
				xmlChar *v = xmlTextReaderGetAttribute(rd, X("v"));
				if (k && v) {
					const char *key = (const char *)k;
					if (!strcmp(key, "highway"))
						copy_attr(r->highway, sizeof(r->highway), v);
					else if (!strcmp(key, "oneway"))
						copy_attr(r->oneway, sizeof(r->oneway), v);
					else if (!strcmp(key, "maxspeed"))
						copy_attr(r->maxspeed, sizeof(r->maxspeed), v);
					else if (!strcmp(key, "access"))
						copy_attr(r->access, sizeof(r->access), v);
					else if (!strcmp(key, "motor_vehicle") ||
						 !strcmp(key, "motorcar"))
						copy_attr(r->motor, sizeof(r->motor), v);
					else if (!strcmp(key, "junction"))
						copy_attr(r->junction, sizeof(r->junction), v);
					else if (!strcmp(key, "area"))
						copy_attr(r->area, sizeof(r->area), v);
				}
				xmlFree(k);
				xmlFree(v);
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT && r->in_way &&
			   xmlStrEqual(name, X("way"))) {
			finish_way(r);
		}
	}
	int line = xmlTextReaderGetParserLineNumber(rd);
	xmlFreeTextReader(rd);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ret != 0 || xe.msg[0])
		return mr_fail(err, EX_DATAERR, "%s:%d: not OpenStreetMap XML: %s",
			       path, xe.line ? xe.line : line,
			       xe.msg[0] ? xe.msg : "unreadable");
	return 0;
}

void osm_file_release(struct osm_file *f)
{
	free(f->node_id);
	free(f->node_lat);
	free(f->node_lon);
	free(f->refs);
	free(f->ways);
	memset(f, 0, sizeof(*f));
}
