#!/bin/sh
# Inputs the fuzzers once crashed on (test/fuzz/regressions/TARGET/), fed
# to mealrun the way a user would: each must be answered or refused with
# a message, never crash.
. "$(dirname "$0")/../lib.sh"

R="$ROOT/test/fuzz/regressions"
count=0
# answered_or_refused DESC COMMAND...: exit 0, 1, 3 or 65 and no crash.
answered_or_refused() {
	desc=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	case $rc in
	0 | 1 | 3 | 65) ok "$desc (exit $rc)" ;;
	*) not_ok "$desc (exit $rc)"; show "$TMP/err" ;;
	esac
	count=$((count + 1))
}

for f in "$R"/osm/*; do
	[ -e "$f" ] || continue
	answered_or_refused "osm: $(basename "$f")" "$MEALRUN" solve --vroom \
		"$FIXTURES/vroom/grid.json" --roads "osm:$f" --quiet
done
for f in "$R"/solomon/*; do
	[ -e "$f" ] || continue
	answered_or_refused "solomon: $(basename "$f")" "$MEALRUN" solve \
		--solomon "$f" --quiet --iterations 50
done
for f in "$R"/json/*; do
	[ -e "$f" ] || continue
	answered_or_refused "json check: $(basename "$f")" "$MEALRUN" check "$f"
	answered_or_refused "json vroom: $(basename "$f")" "$MEALRUN" solve \
		--vroom "$f" --quiet --iterations 50
done
for f in "$R"/csv/*; do
	[ -e "$f" ] || continue
	rm -f "$TMP/r.db"*
	new_db r "$FIXTURES/town" || exit 1
	# The file's name says its table: orders-xyz.csv and the like.
	answered_or_refused "csv: $(basename "$f")" "$MEALRUN" import \
		"$TMP/r.db" "$f"
done
[ "$count" -gt 0 ] || skip "no fuzz regressions yet"

done_testing
