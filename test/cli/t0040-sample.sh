#!/bin/sh
# The bundled sample town, as `make demo` uses it: every day of its week
# plans completely, passes `mealrun check`, and writes valid GPX.
. "$(dirname "$0")/../lib.sh"

new_db sample "$ROOT/data/sample" || exit 1
expect_grep "the sample imports 40 meal points" "40 meal points" \
	"$TMP/import.err"
for day in 23 24 25 26 27 28 29; do
	date=2026-11-$day
	out="$TMP/$date"
	expect_exit 0 "$date: every box planned" "$MEALRUN" plan $BUDGET \
		"$TMP/sample.db" --date "$date" --meal lunch --out "$out"
	check_plan "$out"
	pages=$(grep -c '<section class="trip"' "$out/dispatch.html")
	set -- "$out"/gpx/route-*.gpx
	if [ "$pages" -eq "$#" ] && [ "$#" -gt 0 ]; then
		ok "$date: a dispatch page and a GPX file for each of $# trips"
	else
		not_ok "$date: $pages dispatch pages for $# GPX files"
	fi
	check_gpx "$@"
done

done_testing
