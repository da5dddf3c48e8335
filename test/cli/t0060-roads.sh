#!/bin/sh
# Real roads: the osm:FILE provider on a hand-made grid of streets, and on
# the Krems extract in ../shared (skipped where it is absent): every GPX
# valid, with a track from the kitchen back to it past every stop.
. "$(dirname "$0")/../lib.sh"

grid="$FIXTURES/osm/grid.osm"
expect_exit 0 "VROOM problem over the grid's roads" "$MEALRUN" solve \
	--vroom "$FIXTURES/vroom/grid.json" --roads "osm:$grid" --quiet
expect_grep "the answer has road distances" '"distance": [1-9]' "$TMP/out"
# The same grid as an .osm.pbf extract (made from grid.osm with osmium):
# the same answer.
cp "$TMP/out" "$TMP/xml.json"
expect_exit 0 "VROOM problem over the grid's roads from .osm.pbf" "$MEALRUN" \
	solve --vroom "$FIXTURES/vroom/grid.json" \
	--roads "osm:$FIXTURES/osm/grid.osm.pbf" --quiet
grep -v '"loading"\|"solving"\|"routing"' "$TMP/xml.json" >"$TMP/a"
grep -v '"loading"\|"solving"\|"routing"' "$TMP/out" >"$TMP/b"
expect_same "the .osm.pbf gives the same routes as the .osm" "$TMP/a" "$TMP/b"
printf 'not a pbf' >"$TMP/bad.osm.pbf"
expect_exit 65 "a damaged .osm.pbf is refused" "$MEALRUN" solve --vroom \
	"$FIXTURES/vroom/grid.json" --roads "osm:$TMP/bad.osm.pbf"
expect_grep "the refusal names the file" "bad.osm.pbf: not an OpenStreetMap PBF" \
	"$TMP/err"
expect_exit 66 "a missing .osm.pbf" "$MEALRUN" solve --vroom \
	"$FIXTURES/vroom/grid.json" --roads "osm:$TMP/none.osm.pbf"
expect_exit 66 "a missing OSM file" "$MEALRUN" solve --vroom \
	"$FIXTURES/vroom/grid.json" --roads "osm:$TMP/none.osm"
printf '<?xml version="1.0"?>\n<!DOCTYPE osm [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<osm><way id="1"><tag k="highway" v="&x;"/></way></osm>\n' \
	>"$TMP/entity.osm"
expect_exit 65 "an external entity is refused, not read" "$MEALRUN" solve \
	--vroom "$FIXTURES/vroom/grid.json" --roads "osm:$TMP/entity.osm"
expect_grep "the refusal names the file and line" "entity.osm:[0-9]" \
	"$TMP/err"

# A real extract in both forms, where ../shared has them.
andorra="$SHARED/data/osm/andorra"
if [ -f "$andorra.osm.pbf" ] && [ -f "$andorra.osm.gz" ]; then
	"$TOOLS/roadsbench" "$andorra.osm.pbf" 20 | sed -n 's/^load: [^;]*; //p' \
		>"$TMP/pbf"
	"$TOOLS/roadsbench" "$andorra.osm.gz" 20 | sed -n 's/^load: [^;]*; //p' \
		>"$TMP/gz"
	expect_same "Andorra: the same road network from .osm.pbf as .osm.gz" \
		"$TMP/gz" "$TMP/pbf"
else
	skip "$andorra.osm.pbf not found; PBF against XML not compared"
fi

krems="$SHARED/data/osm/krems.osm.gz"
if [ ! -f "$krems" ]; then
	skip "$krems not found; the sample day by road is not planned"
	done_testing
	exit 0
fi
new_db sample "$ROOT/data/sample" || exit 1
out="$TMP/krems"
expect_exit 0 "the sample day plans by road" "$MEALRUN" plan $BUDGET \
	"$TMP/sample.db" --date 2026-11-23 --out "$out" --roads "osm:$krems"
check_plan "$out"
expect_grep "plan.json names the roads" '"roads": "osm"' "$out/plan.json"
set -- "$out"/gpx/route-*.gpx
check_gpx "$@"
if "$TOOLS/gpxtrack" "$@" >"$TMP/tracks"; then
	ok "every track leaves and returns to the kitchen and passes each stop within 30 m"
else
	not_ok "tracks leave and return to the kitchen and pass each stop"
	show "$TMP/tracks"
fi
expect_grep "GPX credits OpenStreetMap" "OpenStreetMap contributors" "$1"
if [ -s "$out/maps/overview.svg" ] && [ -s "$out/maps/trip-01.svg" ]; then
	ok "an overview map and a map per trip"
else
	not_ok "an overview map and a map per trip"
fi
expect_grep "maps draw the streets" "stroke:#cfcfcf" "$out/maps/overview.svg"
expect_grep "maps credit OpenStreetMap" "© OpenStreetMap contributors" \
	"$out/maps/trip-01.svg"

done_testing
