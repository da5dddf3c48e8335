#!/bin/sh
# The bad-input corpus beyond CSV (test/bad/osm, json, solomon; the CSV
# cases are in t0020): each file is refused with exit 65 and exactly the
# line in its directory's expected.txt, naming the file and, where the
# format has them, the line and the field.
. "$(dirname "$0")/../lib.sh"

# check_corpus DIR COMMAND...: runs COMMAND FILE for each expected line.
check_corpus() {
	dir=$1
	shift
	while IFS= read -r expected; do
		file=${expected%%:*}
		(cd "$dir" && "$@" "$file") >"$TMP/out" 2>"$TMP/err"
		rc=$?
		if [ "$rc" -eq 65 ] && [ "$(cat "$TMP/err")" = "mealrun: $expected" ]
		then
			ok "$(basename "$dir")/$file: refused with '$expected'"
		else
			not_ok "$(basename "$dir")/$file: exit $rc, expected 65 and '$expected'"
			show "$TMP/err"
		fi
	done <"$dir/expected.txt"
}

osm_solve() {
	"$MEALRUN" solve --vroom "$FIXTURES/vroom/grid.json" --quiet \
		--roads "osm:$1"
}

check_corpus "$ROOT/test/bad/osm" osm_solve
check_corpus "$ROOT/test/bad/json" "$MEALRUN" solve --quiet --vroom
check_corpus "$ROOT/test/bad/solomon" "$MEALRUN" solve --quiet --solomon

done_testing
