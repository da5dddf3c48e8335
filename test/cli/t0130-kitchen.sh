#!/bin/sh
# The day's plan, dependable: the same plan for the same data, options and
# seed, also while the machine is busy; the safety cap names what it cuts;
# a plan without its kitchen says so and prints no cooking time; a dish
# without equipment of its kind is bad data; a heated van gets the
# kitchen's heated food limit.
. "$(dirname "$0")/../lib.sh"

new_db town "$FIXTURES/town" || exit 1
db="$TMP/town.db"

# Same seed, same plan.json (elapsed seconds aside), idle or busy.
plan_json() {
	grep -v '"elapsed_s"' "$1/plan.json"
}
"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/a" --no-save \
	--iterations 3000 >/dev/null 2>&1
busy=""
for cpu in 1 2; do
	sh -c 'while :; do :; done' &
	busy="$busy $!"
done
"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/b" --no-save \
	--iterations 3000 >/dev/null 2>&1
kill $busy
plan_json "$TMP/a" >"$TMP/a.json"
plan_json "$TMP/b" >"$TMP/b.json"
expect_same "the same plan, idle and with two busy loops running" \
	"$TMP/a.json" "$TMP/b.json"
expect_grep "a plan the cap did not cut says so" '"cut": \[\]' \
	"$TMP/a/plan.json"

# A cap too short for the budget: the plan still comes, and says what
# the cap cut, in plan.json and on stderr.
"$MEALRUN" init "$TMP/big.db" >/dev/null 2>&1
"$MEALRUN" import "$TMP/big.db" "$ROOT/data/sample" >/dev/null 2>&1
"$MEALRUN" plan $BUDGET "$TMP/big.db" --date 2026-11-23 --out "$TMP/cut" --no-save \
	--time-limit 0.001 >"$TMP/out" 2>"$TMP/err"
rc=$?
case $rc in
0 | 3 | 4) ok "a plan with a cap of a millisecond plans (exit $rc)" ;;
*) not_ok "a plan with a cap of a millisecond plans (exit $rc)"
	show "$TMP/err" ;;
esac
expect_grep "stderr names the phases the cap cut" \
	"the time limit of 0.001 s cut: [a-z]" "$TMP/err"
if tr -d ' \n' <"$TMP/cut/plan.json" | grep -q '"cut":\["[a-z]'; then
	ok "plan.json names them too"
else
	not_ok "plan.json names them too"
fi
check_plan "$TMP/cut"

# Without the kitchen: no batches, no cooking times on any sheet, and
# check says the kitchen was not planned.
expect_exit 3 "--no-kitchen plans the routes alone" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --out "$TMP/nk" --no-save --no-kitchen \
	--iterations 2000
expect_grep "plan.json says the kitchen was not planned" '"planned": false' \
	"$TMP/nk/plan.json"
expect_grep "routes say no food time" '"cooked_from": null' \
	"$TMP/nk/plan.json"
expect_grep "the dispatch sheet leaves the cooking time blank" \
	"cooked from ____, .*serve by ____" "$TMP/nk/dispatch.html"
if grep -q 'Cooked [0-9]' "$TMP/nk/kitchen.html"; then
	not_ok "box labels print no cooking time without batches"
else
	ok "box labels print no cooking time without batches"
fi
check_plan "$TMP/nk"
expect_grep "check says the kitchen was not planned" "not planned" \
	"$TMP/out"

# With the kitchen: every sheet prints the times plan.json has.
"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/k" --no-save \
	--iterations 2000 >/dev/null 2>&1
"$TOOLS/planq" -f "$TMP/k/plan.json" >"$TMP/food"
cooked=$(awk '/^route 1 / { print $8 }' "$TMP/food")
serve=$(awk '/^route 1 / { print $10 }' "$TMP/food")
expect_grep "the dispatch sheet prints plan.json's cooked-from and serve-by" \
	"cooked from $cooked, .*serve by $serve" "$TMP/k/dispatch.html"
expect_grep "the box labels print the same" "Cooked $cooked" \
	"$TMP/k/kitchen.html"

# A dish whose kind no equipment has: refused at import with its place,
# and at plan when the database was changed by hand.
printf 'id,name_zh,name_en,equipment_kind\nGRILLED,烤鱼,Grilled fish,grill\n' \
	>"$TMP/dishes.csv"
expect_exit 65 "a dish of a kind no equipment has is refused at import" \
	"$MEALRUN" import "$db" "$TMP/dishes.csv"
expect_grep "the message names the file, line and column" \
	"dishes.csv:2:4: equipment_kind: no equipment is of kind 'grill'" \
	"$TMP/err"
sqlite3 "$db" "DELETE FROM equipment WHERE kind = 'kettle'"
expect_exit 65 "a menu dish without equipment of its kind is refused at plan" \
	"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/nokettle" --no-save
expect_grep "the message names the dish and the kind" \
	"dish PUREE .* needs equipment of kind 'kettle', and kitchen K1 has none" \
	"$TMP/err"

# A heated van: its trips get the heated limit, in plan.json, on the
# dispatch sheet and in check.
new_db heated "$FIXTURES/town" || exit 1
sqlite3 "$TMP/heated.db" "UPDATE vehicles SET heated = 1 WHERE id = 'V1';
	UPDATE kitchens SET heated_food_limit_min = 200"
"$MEALRUN" plan $BUDGET "$TMP/heated.db" --date 2030-03-04 --out "$TMP/h" \
	--no-save --iterations 2000 >/dev/null 2>&1
"$TOOLS/planq" -f "$TMP/h/plan.json" >"$TMP/food"
if grep -q 'limit 200 heated 1' "$TMP/food"; then
	ok "the heated van's trips get the heated limit"
else
	not_ok "the heated van's trips get the heated limit"
	show "$TMP/food"
fi
expect_grep "the dispatch sheet prints the heated limit" "Food limit 200" \
	"$TMP/h/dispatch.html"
check_plan "$TMP/h"

# A long equipment name, in both languages: the sheets print it whole,
# with the unit's number.
new_db long "$FIXTURES/town" || exit 1
long=大型双门电热蒸饭柜大型双门电热蒸饭柜大型双门电热蒸饭柜
printf 'id,kitchen,kind,name,name_en,units,batch_portions,batch_minutes,cleaning_minutes\nSTEAMER,K1,steamer,%s,Large double-door electric rice steamer cabinet,1,100,40,10\n' \
	"$long" >"$TMP/equipment.csv"
"$MEALRUN" import "$TMP/long.db" "$TMP/equipment.csv" >/dev/null 2>&1
expect_exit 3 "a day with a long equipment name plans" "$MEALRUN" plan \
	$BUDGET "$TMP/long.db" --date 2030-03-04 --out "$TMP/long" --no-save \
	--quiet
pdftotext "$TMP/long/kitchen.pdf" - 2>/dev/null | tr -d '\n' >"$TMP/long.txt"
expect_grep "kitchen.pdf names the unit whole, with its number" \
	"rice steamer cabinet #1" "$TMP/long.txt"

done_testing
