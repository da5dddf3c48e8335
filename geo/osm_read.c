/*
 * Reading an OpenStreetMap XML file for the road network (osm_internal.h):
 * one pass of xmlTextReader keeps every node's position and every drivable
 * way's node list, speed and direction.
 */
#include "geo/osm_internal.h"

#include <errno.h>
#include <readosm.h>
#include <stddef.h>
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

/* Keeps node id at (lat, lon) when it is a place on earth. */
static void add_node(struct osm_file *r, long long id, double lat, double lon)
{
	if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
		return;
	ALLOC_GROW(r->node_id, r->nnodes + 1, r->nodes_alloc);
	long cap = r->nodes_alloc;
	r->node_lat = xreallocarray(r->node_lat, (size_t)cap, sizeof(double));
	r->node_lon = xreallocarray(r->node_lon, (size_t)cap, sizeof(double));
	r->node_id[r->nnodes] = id;
	r->node_lat[r->nnodes] = lat;
	r->node_lon[r->nnodes] = lon;
	r->nnodes++;
}

/* A way starts: its references and tags follow, then finish_way. */
static void start_way(struct osm_file *r)
{
	r->in_way = true;
	r->way_first = r->nrefs;
	r->highway[0] = r->oneway[0] = r->maxspeed[0] = r->access[0] =
		r->junction[0] = r->motor[0] = r->area[0] = '\0';
}

static void add_ref(struct osm_file *r, long long ref)
{
	ALLOC_GROW(r->refs, r->nrefs + 1, r->refs_alloc);
	r->refs[r->nrefs++] = ref;
}

/* Keeps the tags of the way being read that say how it is driven. */
static void way_tag(struct osm_file *r, const char *key, const char *v)
{
#define FIELD(key, f) { key, offsetof(struct osm_file, f), \
			    sizeof(((struct osm_file *)0)->f) }
	static const struct { const char *key; size_t off, size; } keep[] = {
		FIELD("highway", highway), FIELD("oneway", oneway),
		FIELD("maxspeed", maxspeed), FIELD("access", access),
		FIELD("motor_vehicle", motor), FIELD("motorcar", motor),
		FIELD("junction", junction), FIELD("area", area),
	};
#undef FIELD
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (!strcmp(key, keep[i].key))
			snprintf((char *)r + keep[i].off, keep[i].size, "%s",
				 v ? v : "");
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

static int read_xml(const char *path, struct osm_file *r, struct mr_error *err)
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
				if (id && lat && lon)
					add_node(r, strtoll((const char *)id, NULL, 10),
						 atof((const char *)lat),
						 atof((const char *)lon));
				xmlFree(id);
				xmlFree(lat);
				xmlFree(lon);
			} else if (xmlStrEqual(name, X("way"))) {
				start_way(r);
				if (xmlTextReaderIsEmptyElement(rd))
					finish_way(r);
			} else if (r->in_way && xmlStrEqual(name, X("nd"))) {
				xmlChar *ref = xmlTextReaderGetAttribute(rd, X("ref"));
				if (ref)
					add_ref(r, strtoll((const char *)ref, NULL, 10));
				xmlFree(ref);
			} else if (r->in_way && xmlStrEqual(name, X("tag"))) {
				xmlChar *k = xmlTextReaderGetAttribute(rd, X("k"));
				xmlChar *v = xmlTextReaderGetAttribute(rd, X("v"));
				if (k && v)
					way_tag(r, (const char *)k, (const char *)v);
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

static int pbf_node(const void *ctx, const readosm_node *n)
{
	add_node((struct osm_file *)ctx, n->id, n->latitude, n->longitude);
	return READOSM_OK;
}

static int pbf_way(const void *ctx, const readosm_way *w)
{
	struct osm_file *r = (struct osm_file *)ctx;
	start_way(r);
	for (int i = 0; i < w->node_ref_count; i++)
		add_ref(r, w->node_refs[i]);
	for (int i = 0; i < w->tag_count; i++)
		way_tag(r, w->tags[i].key, w->tags[i].value);
	finish_way(r);
	return READOSM_OK;
}

/* An .osm.pbf extract, through libreadosm. */
static int read_pbf(const char *path, struct osm_file *r, struct mr_error *err)
{
	const void *h = NULL;
	int rc = readosm_open(path, &h);
	if (rc == READOSM_OK)
		rc = readosm_parse(h, r, pbf_node, pbf_way, NULL);
	readosm_close(h);
	if (rc == READOSM_FILE_NOT_FOUND)
		return mr_fail(err, EX_NOINPUT, "%s: cannot open: %s", path,
			       strerror(ENOENT));
	if (rc != READOSM_OK)
		return mr_fail(err, EX_DATAERR, "%s: not an OpenStreetMap PBF "
			       "file, or damaged (readosm error %d)", path, rc);
	return 0;
}

int osm_file_read(const char *path, struct osm_file *r, struct mr_error *err)
{
	size_t n = strlen(path);
	if (n > 4 && !strcmp(path + n - 4, ".pbf")) {
		/* readosm says "not found" for a file it cannot read too. */
		FILE *probe = fopen(path, "rb");
		if (!probe)
			return mr_fail(err, EX_NOINPUT, "%s: cannot open: %s",
				       path, strerror(errno));
		fclose(probe);
		return read_pbf(path, r, err);
	}
	return read_xml(path, r, err);
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
