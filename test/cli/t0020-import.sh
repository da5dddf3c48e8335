#!/bin/sh
# Import: a whole directory in one transaction, idempotent re-import,
# later orders replacing earlier ones, and bad files refused with
# file:line:column, exit 65 and the database exactly as before.
. "$(dirname "$0")/../lib.sh"

db="$TMP/town.db"
expect_exit 0 "init creates a database" "$MEALRUN" init "$db"
expect_exit 0 "init on an existing database is harmless" "$MEALRUN" init "$db"
expect_exit 0 "import the town fixture" "$MEALRUN" import "$db" \
	"$FIXTURES/town"
expect_grep "import reports what it wrote" "9 orders" "$TMP/err"

# Content, not bytes: a re-import stamps its time on the orders.
content() {
	sqlite3 "$1" "SELECT * FROM meal_points ORDER BY id;
		SELECT date, meal, meal_point_id, diet, boxes FROM orders
		ORDER BY 1, 2, 3, 4; SELECT * FROM vehicles ORDER BY id;
		SELECT * FROM menus ORDER BY 1, 2, 3, 4;
		SELECT * FROM recipes ORDER BY 1, 2" | sha256sum
}
before=$(content "$db")
expect_exit 0 "import the same files again" "$MEALRUN" import "$db" \
	"$FIXTURES/town"
if [ "$(content "$db")" = "$before" ]; then
	ok "importing the same files again changes nothing"
else
	not_ok "importing the same files again changes nothing"
fi
printf 'date,meal,meal_point,diet,boxes\n' >"$TMP/orders-none.csv"
expect_exit 0 "a file with a header only imports" "$MEALRUN" import "$db" \
	"$TMP/orders-none.csv"
expect_grep "a file without rows is warned of" "no rows in" "$TMP/err"
"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/p1" --no-save \
	>/dev/null 2>"$TMP/plan.err"
expect_grep "orders are not doubled by a second import" \
	"45 of 50 boxes" "$TMP/plan.err"
check_plan "$TMP/p1"

# A meal point's later order for a service replaces its earlier one whole:
# A had 18 regular and 4 low-salt boxes, and now orders 20 regular only.
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,A,regular,20\n' \
	>"$TMP/orders-change.csv"
expect_exit 0 "import a changed order" "$MEALRUN" import "$db" \
	"$TMP/orders-change.csv"
"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/p2" --no-save \
	>/dev/null 2>"$TMP/plan.err"
expect_grep "the later order replaces the meal point's earlier one" \
	"43 of 48 boxes" "$TMP/plan.err"
expect_grep "the changed order is planned" '"low_salt": 3,' \
	"$TMP/p2/plan.json"
check_plan "$TMP/p2"

# A file without the `active` column leaves the inactive point inactive.
printf 'id,kitchen,kind,name,lat,lon\nF,K1,meal_point,Altes Amt 助餐点,48.408,15.61\n' \
	>"$TMP/meal_points-renamed.csv"
expect_exit 0 "import meal points without the active column" "$MEALRUN" \
	import "$db" "$TMP/meal_points-renamed.csv"
expect_exit 3 "plan after it" "$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 \
	--out "$TMP/p3" --no-save
expect_grep "a column left out keeps its value" "F Altes Amt.*inactive" \
	"$TMP/err"
check_plan "$TMP/p3"

expect_exit 66 "import of a missing file" "$MEALRUN" import "$db" \
	"$TMP/orders-missing.csv"
printf 'a,b\n1,2\n' >"$TMP/stuff.csv"
expect_exit 65 "a file named after no table is refused" "$MEALRUN" import \
	"$db" "$TMP/stuff.csv"
expect_grep "the refusal lists the table names" "meal_points.csv" "$TMP/err"
expect_exit 66 "import into a missing database" "$MEALRUN" import \
	"$TMP/none.db" "$FIXTURES/town"

# Each bad file: exit 65, the expected message, nothing written. The good
# file listed first proves that a bad one rolls back the whole import.
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,B,regular,99\n' \
	>"$TMP/orders-good.csv"
cd "$ROOT/test/bad" || exit 1
while IFS= read -r expected; do
	file=${expected%%:*}
	before=$(db_digest "$db")
	"$MEALRUN" import "$db" "$TMP/orders-good.csv" "$file" \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq 65 ] && [ "$(cat "$TMP/err")" = "mealrun: $expected" ]
	then
		ok "$file: refused with '$expected'"
	else
		not_ok "$file: exit $rc, expected 65 and '$expected'"
		show "$TMP/err"
	fi
	if [ "$(db_digest "$db")" = "$before" ]; then
		ok "$file: database unchanged"
	else
		not_ok "$file: database changed"
	fi
done <expected.txt

done_testing
