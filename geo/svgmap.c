/*
 * SVG maps (see svgmap.h). The projection is equirectangular around the
 * map's middle latitude, which is exact enough for a town or a district.
 */
#include "geo/svgmap.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/outfile.h"

#define X(s) ((const xmlChar *)(s))
#define DEG (3.14159265358979323846 / 180.0)
#define MARGIN 24.0

struct frame {
	double lat0, lon0, kx, ky;  /* degrees to pixels */
	double ox, oy;
	double m_per_px;
};

static void fit(const struct svg_map *map, struct frame *f)
{
	double minlat = 90, maxlat = -90, minlon = 180, maxlon = -180;
	for (int i = 0; i < map->nmarks; i++) {
		struct geo_point p = map->marks[i].at;
		minlat = fmin(minlat, p.lat);
		maxlat = fmax(maxlat, p.lat);
		minlon = fmin(minlon, p.lon);
		maxlon = fmax(maxlon, p.lon);
	}
	if (minlat > maxlat) {
		minlat = maxlat = 0;
		minlon = maxlon = 0;
	}
	double mid = (minlat + maxlat) / 2;
	double m_lat = 111320.0, m_lon = 111320.0 * cos(mid * DEG);
	double w_m = fmax((maxlon - minlon) * m_lon, 200);
	double h_m = fmax((maxlat - minlat) * m_lat, 200);
	double s = fmin((map->width - 2 * MARGIN) / w_m,
			(map->height - 2 * MARGIN - 20) / h_m); /* px per m */
	f->kx = s * m_lon;
	f->ky = s * m_lat;
	f->lat0 = mid;
	f->lon0 = (minlon + maxlon) / 2;
	f->ox = map->width / 2.0;
	f->oy = (map->height - 20) / 2.0;
	f->m_per_px = 1 / s;
}

static void at(const struct frame *f, struct geo_point p, double *x, double *y)
{
	*x = f->ox + (p.lon - f->lon0) * f->kx;
	*y = f->oy - (p.lat - f->lat0) * f->ky;
}

static int attr(xmlTextWriterPtr w, const char *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int attr(xmlTextWriterPtr w, const char *k, const char *fmt, ...)
{
	char v[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return xmlTextWriterWriteAttribute(w, X(k), X(v)) < 0 ? -1 : 0;
}

static int polyline(xmlTextWriterPtr w, const struct frame *f,
		    const struct geo_point *pts, int n, const char *style)
{
	if (xmlTextWriterStartElement(w, X("polyline")) < 0 ||
	    xmlTextWriterStartAttribute(w, X("points")) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		double x, y;
		at(f, pts[i], &x, &y);
		if (xmlTextWriterWriteFormatString(w, "%s%.1f,%.1f", i ? " " : "",
						   x, y) < 0)
			return -1;
	}
	if (xmlTextWriterEndAttribute(w) < 0 ||
	    xmlTextWriterWriteAttribute(w, X("style"), X(style)) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

/* A bar of a round length near a fifth of the width. */
static int scale_bar(xmlTextWriterPtr w, const struct svg_map *map,
		     const struct frame *f)
{
	static const double steps[] = { 50, 100, 200, 500, 1000, 2000, 5000,
					10000, 20000, 50000 };
	double want = map->width / 5.0 * f->m_per_px, len = steps[0];
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] <= want)
			len = steps[i];
	double px = len / f->m_per_px, x0 = MARGIN, y0 = map->height - 12;
	char label[32];
	if (len >= 1000)
		snprintf(label, sizeof(label), "%g km", len / 1000);
	else
		snprintf(label, sizeof(label), "%g m", len);
	if (xmlTextWriterStartElement(w, X("path")) < 0 ||
	    attr(w, "d", "M%.1f %.1fv4h%.1fv-4", x0, y0 - 4, px) != 0 ||
	    attr(w, "style", "fill:none;stroke:#000;stroke-width:1.5") != 0 ||
	    xmlTextWriterEndElement(w) < 0 ||
	    xmlTextWriterStartElement(w, X("text")) < 0 ||
	    attr(w, "x", "%.1f", x0 + px + 6) != 0 ||
	    attr(w, "y", "%.1f", y0) != 0 ||
	    attr(w, "font-size", "11") != 0 ||
	    xmlTextWriterWriteString(w, X(label)) < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		return -1;
	return 0;
}

static int draw(xmlTextWriterPtr w, const struct svg_map *map)
{
	struct frame f;
	fit(map, &f);
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, X("svg")) < 0 ||
	    attr(w, "xmlns", "http://www.w3.org/2000/svg") != 0 ||
	    attr(w, "width", "%d", map->width) != 0 ||
	    attr(w, "height", "%d", map->height) != 0 ||
	    attr(w, "viewBox", "0 0 %d %d", map->width, map->height) != 0 ||
	    attr(w, "font-family", "Noto Sans, Noto Sans CJK SC, DejaVu Sans, "
		 "sans-serif") != 0)
		return -1;
	if (map->title && xmlTextWriterWriteElement(w, X("title"),
						    X(map->title)) < 0)
		return -1;
	if (xmlTextWriterStartElement(w, X("rect")) < 0 ||
	    attr(w, "width", "100%%") != 0 || attr(w, "height", "100%%") != 0 ||
	    attr(w, "fill", "#ffffff") != 0 || xmlTextWriterEndElement(w) < 0)
		return -1;
	for (int s = 0; s + 1 < 2 * map->nstreets; s += 2)
		if (polyline(w, &f, map->streets + s, 2,
			     "fill:none;stroke:#cfcfcf;stroke-width:1") != 0)
			return -1;
	for (int l = 0; l < map->nlines; l++) {
		char style[96];
		snprintf(style, sizeof(style), "fill:none;stroke:%s;"
			 "stroke-width:2.5;stroke-linejoin:round;opacity:0.85",
			 map->lines[l].color);
		if (polyline(w, &f, map->lines[l].pts, map->lines[l].n, style))
			return -1;
	}
	for (int i = 0; i < map->nmarks; i++) {
		const struct map_mark *mk = &map->marks[i];
		double x, y;
		at(&f, mk->at, &x, &y);
		if (xmlTextWriterStartElement(w, X("g")) < 0)
			return -1;
		if (mk->title && xmlTextWriterWriteElement(w, X("title"),
							   X(mk->title)) < 0)
			return -1;
		if (mk->kitchen) {
			if (xmlTextWriterStartElement(w, X("rect")) < 0 ||
			    attr(w, "x", "%.1f", x - 8) != 0 ||
			    attr(w, "y", "%.1f", y - 8) != 0 ||
			    attr(w, "width", "16") != 0 ||
			    attr(w, "height", "16") != 0 ||
			    attr(w, "style", "fill:#000;stroke:#fff") != 0 ||
			    xmlTextWriterEndElement(w) < 0)
				return -1;
		} else if (xmlTextWriterStartElement(w, X("circle")) < 0 ||
			   attr(w, "cx", "%.1f", x) != 0 ||
			   attr(w, "cy", "%.1f", y) != 0 || attr(w, "r", "8") ||
			   attr(w, "style", "fill:%s;stroke:#fff;stroke-width:1",
				mk->color ? mk->color : "#c0392b") != 0 ||
			   xmlTextWriterEndElement(w) < 0) {
			return -1;
		}
		if (mk->label &&
		    (xmlTextWriterStartElement(w, X("text")) < 0 ||
		     attr(w, "x", "%.1f", x) != 0 ||
		     attr(w, "y", "%.1f", y + 3.5) != 0 ||
		     attr(w, "font-size", "10") != 0 ||
		     attr(w, "text-anchor", "middle") != 0 ||
		     attr(w, "fill", "#ffffff") != 0 ||
		     xmlTextWriterWriteString(w, X(mk->label)) < 0 ||
		     xmlTextWriterEndElement(w) < 0))
			return -1;
		if (xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (scale_bar(w, map, &f) != 0)
		return -1;
	if (map->credit &&
	    (xmlTextWriterStartElement(w, X("text")) < 0 ||
	     attr(w, "x", "%d", map->width - 6) != 0 ||
	     attr(w, "y", "%d", map->height - 8) != 0 ||
	     attr(w, "font-size", "10") != 0 ||
	     attr(w, "text-anchor", "end") != 0 ||
	     xmlTextWriterWriteString(w, X(map->credit)) < 0 ||
	     xmlTextWriterEndElement(w) < 0))
		return -1;
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

int svg_map_write(const char *path, const struct svg_map *map,
		  struct mr_error *err)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w) {
		xmlBufferFree(buf);
		return mr_fail(err, EX_OSERR, "out of memory");
	}
	int rc = draw(w, map);
	xmlFreeTextWriter(w);
	if (rc != 0)
		rc = mr_fail(err, EX_SOFTWARE, "%s: cannot build the map", path);
	else
		rc = outfile_write_all(path, (const char *)xmlBufferContent(buf),
				       (size_t)xmlBufferLength(buf), err);
	xmlBufferFree(buf);
	return rc;
}
