/*
 * xsdcheck SCHEMA FILE...: validates each XML file against an XML Schema
 * with libxml2, never touching the network. Prints "FILE: valid" or the
 * schema errors, and exits 1 if any file is invalid.
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: xsdcheck SCHEMA FILE...\n");
		return 2;
	}
	xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(argv[1]);
	xmlSchemaPtr schema = pctx ? xmlSchemaParse(pctx) : NULL;
	if (!schema) {
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
		xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
		int rc = xmlSchemaValidateDoc(vctx, doc);
		printf("%s: %s\n", argv[i], rc == 0 ? "valid" : "INVALID");
		bad |= rc != 0;
		xmlSchemaFreeValidCtxt(vctx);
		xmlFreeDoc(doc);
	}
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pctx);
	xmlCleanupParser();
	return bad;
}
