#!/bin/sh
# Runs mealrun on the test fixtures under valgrind's memcheck and fails
# on any error or leak. .ci/run calls it after the test suite.
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not installed" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The process that writes the kitchen's sheets beside the dispatch sheet
# leaves by _exit with the plan's memory still held (the parent frees
# it); valgrind is not to judge it, AddressSanitizer runs in it (make
# SANITIZE=address,undefined test).
VG="valgrind --quiet --child-silent-after-fork=yes --suppressions=test/valgrind.supp --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
run() {
	name=$1
	shift
	set +e
	$VG ./mealrun "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	if [ "$rc" -eq 99 ]; then
		echo "not ok - valgrind: $name"
		sed 's/^/#   /' "$TMP/err" | head -40
		failed=$((failed + 1))
	else
		echo "ok - valgrind: $name (exit $rc)"
		passed=$((passed + 1))
	fi
}
passed=0
failed=0
run init init "$TMP/t.db"
run import import "$TMP/t.db" test/fixtures/town
run "bad import" import "$TMP/t.db" test/bad/orders-unknown-meal-point.csv
run plan plan "$TMP/t.db" --date 2030-03-04 --out "$TMP/p" --quiet
run check check "$TMP/p/plan.json"
run "plan by road" plan "$TMP/t.db" --date 2030-03-04 --out "$TMP/q" --quiet \
	--roads osm:test/fixtures/osm/grid.osm --iterations 2000
tr -d '\r' <"$TMP/p/records.csv" | awk -F, -v OFS=, 'NR == 1 { print; next }
	{ $14 = $13; $15 = $10 - (NR == 2); $16 = 58 + NR;
	  $18 = (NR == 2) ? "nobody at home" : ""; print }' >"$TMP/records.csv"
run record record "$TMP/t.db" "$TMP/records.csv"
run "bad record" record "$TMP/t.db" test/fixtures/town/orders.csv
run report report "$TMP/t.db" --month 2030-03 --out "$TMP/r"
run solomon solve --solomon test/fixtures/solomon/tiny12.txt --iterations 2000 --quiet
run vroom solve --vroom test/fixtures/vroom/matrix.json --iterations 2000 --quiet
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
