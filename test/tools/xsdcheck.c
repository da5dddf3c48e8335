/*
 * xsdcheck SCHEMA FILE...: validates each XML file against an XML Schema
 * with libxml2, never touching the network. Prints "FILE: valid" or the
 * schema errors, and exits 1 if any file is invalid. With SCHEMA "-", only
 * checks that each file is well-formed XML.
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: xsdcheck SCHEMA FILE...\n");
		return 2;
	}
	int well_formed_only = !strcmp(argv[1], "-");
	xmlSchemaParserCtxtPtr pctx = well_formed_only ? NULL
				    : xmlSchemaNewParserCtxt(argv[1]);
	xmlSchemaPtr schema = pctx ? xmlSchemaParse(pctx) : NULL;
	if (!schema && !well_formed_only) {
		fprintf(stderr, "xsdcheck: cannot read schema %s\n", argv[1]);
		return 2;
	}
	int bad = 0;
	for (int i = 2; i < argc; i++) {
		xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
		if (!doc) {
			printf("%s: not well-formed XML\n", argv[i]);
			bad = 1;
			continue;
		}
		int rc = 0;
		if (schema) {
			xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
			rc = xmlSchemaValidateDoc(vctx, doc);
			xmlSchemaFreeValidCtxt(vctx);
		}
		printf("%s: %s\n", argv[i], rc == 0 ? "valid" : "INVALID");
		bad |= rc != 0;
		xmlFreeDoc(doc);
	}
	if (schema)
		xmlSchemaFree(schema);
	if (pctx)
		xmlSchemaFreeParserCtxt(pctx);
	xmlCleanupParser();
	return bad;
}
