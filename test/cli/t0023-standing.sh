#!/bin/sh
# Standing orders and pauses: a meal point without an order of its own for
# a service gets its standing order for the weekday, unless a pause covers
# the date or the order is cancelled; its own order overrides both. The
# sample week as standing orders plans the same boxes as its order files.
. "$(dirname "$0")/../lib.sh"

new_db s "$FIXTURES/town" || exit 1
db="$TMP/s.db"
cat >"$TMP/standing_orders.csv" <<'EOF'
meal_point,meal,weekdays,diet,boxes,valid_from,valid_to
D,lunch,mon-fri,pureed,2,,
D,lunch,sat,pureed,1,,
E,lunch,daily,regular,3,2030-03-01,2030-03-31
E,lunch,daily,regular,4,2030-03-06,
EOF
printf 'meal_point,from,to,reason\nD,2030-03-08,2030-03-10,hospital\n' \
	>"$TMP/pauses.csv"
expect_exit 0 "standing orders and a pause import" "$MEALRUN" import "$db" \
	"$TMP/standing_orders.csv" "$TMP/pauses.csv"
expect_grep "the import counts them" "4 standing order lines, 1 pause" \
	"$TMP/err"

# 2030-03-04 is a Monday: D and E have orders of their own that day.
expect_exit 0 "the orders of a day with orders of their own" "$MEALRUN" \
	orders "$db" --date 2030-03-04
expect_grep "a meal point's own order overrides its standing order" \
	"^  D  *1 boxes  pureed 1  *orders.csv$" "$TMP/out"
# Tuesday 2030-03-05: no order files; the standing orders stand.
expect_exit 0 "the orders of a day without order files" "$MEALRUN" orders \
	"$db" --date 2030-03-05
expect_grep "the weekday's standing order" \
	"^  D  *2 boxes  pureed 2  *standing$" "$TMP/out"
expect_grep "the standing order valid on the date" \
	"^  E  *3 boxes  regular 3  *standing$" "$TMP/out"
expect_grep "the day's total" "^2 meal points, 5 boxes$" "$TMP/out"
# Thursday 2030-03-07: E's later standing order has started.
"$MEALRUN" orders "$db" --date 2030-03-07 >"$TMP/out" 2>&1
expect_grep "the standing order that started last" \
	"^  E  *4 boxes  regular 4  *standing$" "$TMP/out"
# Saturday 2030-03-09: D is paused.
"$MEALRUN" orders "$db" --date 2030-03-09 >"$TMP/out" 2>&1
if grep -q '^  D .*boxes' "$TMP/out"; then
	not_ok "a pause takes the standing order out"
	show "$TMP/out"
else
	ok "a pause takes the standing order out"
fi
expect_grep "the pause is listed" \
	"^  D  *from 2030-03-08 to 2030-03-10: hospital$" "$TMP/out"
# An order of its own during the pause stands.
printf 'date,meal,meal_point,diet,boxes\n2030-03-09,lunch,D,regular,1\n' \
	>"$TMP/orders-d.csv"
"$MEALRUN" import "$db" "$TMP/orders-d.csv" >/dev/null 2>&1
"$MEALRUN" orders "$db" --date 2030-03-09 >"$TMP/out" 2>&1
expect_grep "an order of its own overrides a pause" \
	"^  D  *1 boxes  regular 1  *orders-d.csv$" "$TMP/out"
# A cancellation takes a standing order out, and the plan follows.
expect_exit 0 "a standing order cancelled for a day" "$MEALRUN" order "$db" \
	--date 2030-03-05 --point E --cancel --by Li
expect_grep "the cancellation is printed" \
	"E lunch 2030-03-05: 3 → 0 boxes, cancelled by Li" \
	"$TMP/out"
expect_exit 0 "the day plans" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-05 --out "$TMP/p" --no-save
if grep -q '"meal_point": "E"' "$TMP/p/plan.json"; then
	not_ok "the cancelled standing order is planned"
elif grep -q '"meal_point": "D"' "$TMP/p/plan.json"; then
	ok "the plan has the standing order and not the cancelled one"
else
	not_ok "the standing order is not planned"
fi
check_plan "$TMP/p"
# One line of a standing order changed for a day: the day's own order,
# its other lines with it; its last line removed: nothing that day.
printf 'meal_point,meal,weekdays,diet,boxes\nF,lunch,daily,pureed,2\nF,lunch,daily,regular,1\n' \
	>"$TMP/standing_orders-f.csv"
"$MEALRUN" import "$db" "$TMP/standing_orders-f.csv" >/dev/null 2>&1
expect_exit 0 "a standing order's line changed for a day" "$MEALRUN" order \
	"$db" --date 2030-03-05 --point F --diet regular --boxes 3
expect_grep "the change is printed against the standing order" \
	"^F lunch 2030-03-05: 3 → 5 boxes; regular 1 → 3$" "$TMP/out"
"$MEALRUN" orders "$db" --date 2030-03-05 >"$TMP/out" 2>&1
expect_grep "the other line stays" "^  F  *5 boxes  pureed 2, regular 3" \
	"$TMP/out"
"$MEALRUN" order "$db" --date 2030-03-05 --point F --diet regular --boxes 0 \
	>/dev/null 2>&1
expect_exit 0 "and its last line removed" "$MEALRUN" order "$db" \
	--date 2030-03-05 --point F --diet pureed --boxes 0 --by Li
expect_grep "the removal is printed" \
	"^F lunch 2030-03-05: 2 → 0 boxes, cancelled by Li$" "$TMP/out"
"$MEALRUN" orders "$db" --date 2030-03-05 >"$TMP/out" 2>&1
if grep -q '^  F .*boxes' "$TMP/out"; then
	not_ok "the standing order came back"
else
	ok "nothing for F that day, not its standing order"
fi
expect_exit 65 "days of the week that are not" "$MEALRUN" import "$db" \
	"$FIXTURES/scenarios/standing_orders-bad-weekdays.csv"
expect_grep "the bad days are named" \
	"standing_orders-bad-weekdays.csv:2:3: weekdays: 'funday' is not" \
	"$TMP/err"
printf 'meal_point,from,to,reason\nD,2030-03-10,2030-03-04,x\n' \
	>"$TMP/pauses-backwards.csv"
expect_exit 65 "a pause that ends before it starts" "$MEALRUN" import \
	"$db" "$TMP/pauses-backwards.csv"
expect_grep "the dates are named" "to: 2030-03-04 is before from 2030-03-10" \
	"$TMP/err"

# The sample week as standing orders, one per order line, each valid on
# its date only, and no order files: the same boxes every day.
new_db week "$ROOT/data/sample" || exit 1
new_db weekstanding "$ROOT/data/sample/kitchens.csv" \
	"$ROOT/data/sample/diets.csv" "$ROOT/data/sample/meal_points.csv" \
	"$ROOT/data/sample/delivery_windows.csv" \
	"$ROOT/data/sample/ingredients.csv" "$ROOT/data/sample/dishes.csv" \
	"$ROOT/data/sample/recipes.csv" "$ROOT/data/sample/menus.csv" \
	"$ROOT/data/sample/equipment.csv" "$ROOT/data/sample/drivers.csv" \
	"$ROOT/data/sample/vehicles.csv" || exit 1
{
	echo "meal_point,meal,weekdays,diet,boxes,valid_from,valid_to"
	for f in "$ROOT"/data/sample/orders-*.csv; do
		day=$(basename "$f" .csv)
		day=${day#orders-}
		wd=$(date -d "$day" +%u)
		sed 1d "$f" | awk -F, -v wd="$wd" \
			'{ printf "%s,%s,%s,%s,%s,%s,%s\n", $3, $2, wd, $4, $5, $1, $1 }'
	done
	# The homes' standing orders as they are, but for the pause.
	sed 1d "$ROOT/data/sample/standing_orders.csv"
} >"$TMP/standing_orders.csv"
"$MEALRUN" import "$TMP/weekstanding.db" "$TMP/standing_orders.csv" \
	"$ROOT/data/sample/pauses.csv" >/dev/null 2>"$TMP/err" ||
	show "$TMP/err"
for day in 23 24 25 26 27 28 29; do
	"$MEALRUN" orders "$TMP/week.db" --date 2026-11-$day | tail -n +2 |
		sed 's/ [^ ]*$//' >"$TMP/a"
	"$MEALRUN" orders "$TMP/weekstanding.db" --date 2026-11-$day |
		tail -n +2 | sed 's/ [^ ]*$//' >"$TMP/b"
	expect_same "2026-11-$day: the same orders as standing orders" \
		"$TMP/a" "$TMP/b"
done

done_testing
