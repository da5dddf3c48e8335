#!/bin/sh
# Orders with a clear meaning: a file replaces a meal point's whole order
# for a date and meal, the same in one import or several (a later file
# wins); `mealrun order` changes one line or cancels an order (kept, with
# who and when, and left out of plans); every change is printed per
# order; a file with a byte-order mark imports.
. "$(dirname "$0")/../lib.sh"

lines() {
	sqlite3 "$1" "SELECT date, meal, meal_point_id, diet, boxes FROM orders
		ORDER BY 1, 2, 3, 4"
}

new_db o "$FIXTURES/town" || exit 1
db="$TMP/o.db"

# A one-line file replaces A's whole order (18 regular, 4 low-salt) and
# says so.
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,A,regular,20\n' \
	>"$TMP/orders-a.csv"
expect_exit 0 "a one-line order file imports" "$MEALRUN" import "$db" \
	"$TMP/orders-a.csv"
expect_grep "the change is printed per order" \
	"^A lunch 2030-03-04: 22 → 20 boxes; low_salt 4 → 0, regular 18 → 20$" \
	"$TMP/out"

# Two files in one import, or one after the other: the same orders.
printf 'date,meal,meal_point,diet,boxes\n%s\n%s\n' \
	2030-03-04,lunch,B,regular,7 2030-03-04,lunch,B,pureed,2 \
	>"$TMP/orders-1.csv"
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,B,low_salt,5\n' \
	>"$TMP/orders-2.csv"
cp "$db" "$TMP/o2.db"
expect_exit 0 "two order files in one import" "$MEALRUN" import "$db" \
	"$TMP/orders-1.csv" "$TMP/orders-2.csv"
"$MEALRUN" import "$TMP/o2.db" "$TMP/orders-1.csv" >/dev/null 2>&1
"$MEALRUN" import "$TMP/o2.db" "$TMP/orders-2.csv" >/dev/null 2>&1
lines "$db" >"$TMP/one"
lines "$TMP/o2.db" >"$TMP/two"
expect_same "one import or two give the same orders" "$TMP/one" "$TMP/two"
if grep -q '^2030-03-04|lunch|B|low_salt|5$' "$TMP/one" &&
	! grep -q '|B|regular|' "$TMP/one"; then
	ok "the later file's order for B stands, whole"
else
	not_ok "the later file's order for B does not stand whole"
	show "$TMP/one"
fi

# One line changed, one removed.
expect_exit 0 "order: set a line" "$MEALRUN" order "$db" --date 2030-03-04 \
	--point A --diet pureed --boxes 3
expect_grep "order: the change is printed" \
	"^A lunch 2030-03-04: 20 → 23 boxes; pureed 0 → 3$" "$TMP/out"
expect_exit 0 "order: remove a line" "$MEALRUN" order "$db" \
	--date 2030-03-04 --point A --diet pureed --boxes 0
expect_grep "order: the removal is printed" \
	"^A lunch 2030-03-04: 23 → 20 boxes; pureed 3 → 0$" "$TMP/out"

# A cancellation is kept, with who and when, and the plan leaves A out.
expect_exit 0 "order: cancel" "$MEALRUN" order "$db" --date 2030-03-04 \
	--point A --cancel --by "clerk Li"
expect_grep "order: the cancellation is printed" \
	"^A lunch 2030-03-04: 20 → 0 boxes, cancelled by clerk Li$" "$TMP/out"
if [ "$(sqlite3 "$db" "SELECT boxes FROM orders WHERE meal_point_id = 'A'
	AND date = '2030-03-04'")" = 20 ] &&
	[ "$(sqlite3 "$db" "SELECT cancelled_by FROM order_cancellations")" = \
	"clerk Li" ]; then
	ok "the cancelled order is kept, marked with who cancelled it"
else
	not_ok "the cancelled order is not kept as cancelled"
fi
expect_exit 3 "a plan after the cancellation" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --out "$TMP/p" --no-save
if grep -q '"meal_point": "A"' "$TMP/p/plan.json"; then
	not_ok "the cancelled meal point is planned"
else
	ok "the cancelled meal point is not planned"
fi
before=$(lines "$db")
expect_exit 65 "order: a line of a cancelled order is refused" "$MEALRUN" \
	order "$db" --date 2030-03-04 --point A --diet regular --boxes 9
expect_grep "the refusal says who cancelled it" "cancelled (by clerk Li at" \
	"$TMP/err"
expect_exit 65 "order: an unknown meal point is refused" "$MEALRUN" order \
	"$db" --date 2030-03-04 --point ZZZ --diet regular --boxes 9
expect_exit 65 "order: an unknown diet is refused" "$MEALRUN" order "$db" \
	--date 2030-03-04 --point B --diet caviar --boxes 9
if [ "$(lines "$db")" = "$before" ]; then
	ok "refused changes change nothing"
else
	not_ok "a refused change changed the orders"
fi
expect_exit 2 "order: --boxes out of range is a usage error" "$MEALRUN" \
	order "$db" --date 2030-03-04 --point B --diet regular --boxes 10001
expect_exit 0 "order: restore" "$MEALRUN" order "$db" --date 2030-03-04 \
	--point A --restore
expect_grep "order: the restoration is printed" \
	"^A lunch 2030-03-04: 0 → 20 boxes, no longer cancelled$" "$TMP/out"

# The same order again leaves a cancellation be; a new one ends it.
"$MEALRUN" order "$db" --date 2030-03-04 --point A --cancel >/dev/null 2>&1
expect_exit 0 "the same order file for a cancelled order" "$MEALRUN" \
	import "$db" "$TMP/orders-a.csv"
if [ "$(sqlite3 "$db" "SELECT count(*) FROM order_cancellations WHERE
	meal_point_id = 'A'")" = 1 ] && [ ! -s "$TMP/out" ]; then
	ok "the same order again leaves the cancellation be"
else
	not_ok "the same order again ended the cancellation"
	show "$TMP/out"
fi
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,A,regular,21\n' \
	>"$TMP/orders-a21.csv"
expect_exit 0 "a new order file for a cancelled order" "$MEALRUN" import \
	"$db" "$TMP/orders-a21.csv"
expect_grep "the new order stands" \
	"^A lunch 2030-03-04: 0 → 21 boxes, no longer cancelled$" \
	"$TMP/out"
# A line set and its order cancelled in the same second as an import of
# another meal point's order: the cancellation stays.
"$MEALRUN" order "$db" --date 2030-03-04 --point D --diet regular --boxes 2 \
	>/dev/null 2>&1
"$MEALRUN" order "$db" --date 2030-03-04 --point D --cancel >/dev/null 2>&1
printf 'date,meal,meal_point,diet,boxes\n2030-03-04,lunch,B,regular,8\n' \
	>"$TMP/orders-b8.csv"
"$MEALRUN" import "$db" "$TMP/orders-b8.csv" >/dev/null 2>&1
if [ "$(sqlite3 "$db" "SELECT count(*) FROM order_cancellations WHERE
	meal_point_id = 'D'")" = 1 ]; then
	ok "an import of another order leaves a cancellation be"
else
	not_ok "an import of another order ended a cancellation"
fi

# Its last line removed, a meal point without a standing order simply
# has no order that day: nothing is cancelled.
"$MEALRUN" order "$db" --date 2030-03-04 --point E --diet regular --boxes 0 \
	>/dev/null 2>&1
if [ "$(sqlite3 "$db" "SELECT count(*) FROM order_cancellations WHERE
	meal_point_id = 'E'")" = 0 ] && [ "$(sqlite3 "$db" "SELECT count(*)
	FROM orders WHERE meal_point_id = 'E' AND date = '2030-03-04'")" = 0 ]
then
	ok "the last line removed: no order, and no cancellation"
else
	not_ok "the last line removed made a cancellation"
fi

# Excel's "CSV UTF-8", with a byte-order mark.
expect_exit 0 "a file with a byte-order mark imports" "$MEALRUN" import \
	"$db" "$FIXTURES/scenarios/orders-excel-bom.csv"
expect_grep "its order is read" "^A lunch 2030-03-04: 21 → 3 boxes" \
	"$TMP/out"

done_testing
