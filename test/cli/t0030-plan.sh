#!/bin/sh
# Planning a service end to end: plan.json that `mealrun check` accepts,
# one valid GPX per trip, a dispatch page per trip, the plan saved in the
# database, and every ordered box on a trip or unassigned with a reason.
. "$(dirname "$0")/../lib.sh"

new_db town "$FIXTURES/town" || exit 1
db="$TMP/town.db"
out="$TMP/plan"
expect_exit 3 "a plan with an inactive meal point exits 3" \
	"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --meal lunch --out "$out"
expect_grep "the unassigned order is named on stderr" \
	"unassigned: F Altes Amt" "$TMP/err"
check_plan "$out"

"$TOOLS/planq" -s "$out/plan.json" >"$TMP/shape"
cat >"$TMP/expected" <<'SHAPE'
route 1 V1 trip 1 load 25: A D E
route 2 V1 trip 2 load 20: B C
unassigned F inactive
SHAPE
expect_same "routes and unassigned as expected" "$TMP/expected" "$TMP/shape"

expect_grep "plan.json names its format" '"format": "mealrun-plan/1"' \
	"$out/plan.json"
expect_grep "a day this small is proved optimal" '"proved_optimal": true' \
	"$out/plan.json"
expect_grep "the kitchen has every trip's food ready" '"on_time": true' \
	"$out/plan.json"
expect_grep "batches name their unit" '"equipment": "STEAMER#1"' \
	"$out/plan.json"
expect_grep "a dish shared by two diets is one batch" \
	'"diet": "low_salt+regular"' "$out/plan.json"
expect_grep "plan.json times are local ISO 8601" \
	'"depart": "2030-03-04T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"' "$out/plan.json"

set -- "$out"/gpx/route-*.gpx
if [ "$#" -eq 2 ]; then ok "one GPX file per trip"; else
	not_ok "one GPX file per trip (found $#)"; fi
check_gpx "$@"
expect_grep "GPX waypoints are named NN short-name" \
	"<name>0[1-3] Nordplatz</name>" "$out/gpx/route-01.gpx"
expect_grep "GPX comment holds boxes per diet" \
	"22 boxes: Regular 18, Low salt 4" "$out/gpx/route-01.gpx"
expect_grep "GPX text is escaped" "ring twice, &quot;back&quot; door" \
	"$out/gpx/route-01.gpx"

if "$TOOLS/xsdcheck" - "$out/maps/overview.svg" "$out/maps/trip-01.svg" \
	>"$TMP/xml" 2>&1; then
	ok "the maps are well-formed SVG"
else
	not_ok "the maps are well-formed SVG"
	show "$TMP/xml"
fi
expect_grep "the kitchen sheet has the production schedule" \
	"Production schedule" "$out/kitchen.html"
expect_grep "the pull list is in kg by storage" "Chilled" "$out/kitchen.html"
expect_grep "the pull list adds up the rice: 43 x 90 g + 2 x 40 g" "3.95" \
	"$out/kitchen.html"
expect_grep "packing lists say to load in reverse" "reverse order" \
	"$out/kitchen.html"
expect_grep "labels carry the licence" "JY0000" "$out/kitchen.html"
expect_grep "the retention log keeps 125 g" "125" "$out/kitchen.html"
expect_grep "the dispatch sheet shows the trip's map" \
	'src="maps/trip-01.svg"' "$out/dispatch.html"
pages=$(grep -c '<section class="trip"' "$out/dispatch.html")
if [ "$pages" -eq 2 ]; then ok "one dispatch page per trip"; else
	not_ok "one dispatch page per trip (found $pages)"; fi
# The phone number in one piece: no-break spaces.
nbsp=$(printf '\302\240')
expect_grep "the dispatch sheet names the driver and phone" \
	"王师傅 Wang Jun +43${nbsp}664${nbsp}1" "$out/dispatch.html"
expect_grep "the dispatch sheet has a signature column" "Signature" \
	"$out/dispatch.html"
expect_grep "the dispatch sheet has a temperature column" "°C" \
	"$out/dispatch.html"

saved=$(sqlite3 "$db" "SELECT count(*) FROM plans; SELECT count(*) FROM \
plan_trips; SELECT count(*) FROM plan_stops; SELECT count(*) FROM \
plan_unassigned" | tr '\n' ' ')
if [ "$saved" = "1 2 5 1 " ]; then ok "the plan is saved in the database"
else not_ok "the plan is saved in the database (counts: $saved)"; fi

# Planning again writes over the outputs and saves a second plan.
expect_exit 3 "planning again" "$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 \
	--out "$out"
if [ "$(sqlite3 "$db" 'SELECT count(*) FROM plans')" = 2 ]; then
	ok "each plan made is kept"; else not_ok "each plan made is kept"; fi
set -- "$out"/*.tmp.* "$out"/gpx/*.tmp.*
if [ ! -e "$1" ]; then ok "no temporary files are left behind"; else
	not_ok "temporary files left: $*"; fi

# One small vehicle: it goes out as often as needed.
new_db small "$FIXTURES/town" "$FIXTURES/scenarios/vehicles-one-small.csv" ||
	exit 1
expect_exit 3 "one small vehicle plans" "$MEALRUN" plan $BUDGET "$TMP/small.db" \
	--date 2030-03-04 --out "$TMP/small"
check_plan "$TMP/small"
"$TOOLS/planq" "$TMP/small/plan.json" >"$TMP/shape"
trips=$(grep -c '^route .* V1 trip' "$TMP/shape")
if [ "$trips" -ge 3 ]; then ok "the vehicle makes $trips trips"; else
	not_ok "the vehicle makes several trips (made $trips)"; cat "$TMP/shape"; fi
expect_grep "an order larger than the vehicle is unassigned" \
	"unassigned A too_large" "$TMP/shape"

# A window before any vehicle's shift, and no vehicle at all.
new_db early "$FIXTURES/town" \
	"$FIXTURES/scenarios/delivery_windows-too-early.csv" || exit 1
expect_exit 3 "an unreachable window plans" "$MEALRUN" plan $BUDGET \
	"$TMP/early.db" --date 2030-03-04 --out "$TMP/early"
"$TOOLS/planq" "$TMP/early/plan.json" >"$TMP/shape"
expect_grep "the unreachable window is the reason" "unassigned C window" \
	"$TMP/shape"
expect_grep "the reason says when the window closes" "07:00-07:15" \
	"$TMP/early/plan.json"
check_plan "$TMP/early"

new_db none "$FIXTURES/town" "$FIXTURES/scenarios/vehicles-none.csv" ||
	exit 1
expect_exit 3 "a kitchen without vehicles plans" "$MEALRUN" plan $BUDGET \
	"$TMP/none.db" --date 2030-03-04 --out "$TMP/none"
expect_grep "no vehicles is the reason" "no_vehicles" "$TMP/none/plan.json"
expect_grep "the missing vehicles are warned of" "no active vehicles" \
	"$TMP/err"
check_plan "$TMP/none"
expect_exit 2 "an unknown kitchen is a usage error" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --kitchen K9 --out "$TMP/k9"

# A meal point 300 km away, and 2,000 boxes for the vans of the town.
new_db far "$FIXTURES/town" "$FIXTURES/scenarios/meal_points-far.csv" \
	"$FIXTURES/scenarios/delivery_windows-far.csv" \
	"$FIXTURES/scenarios/orders-far.csv" || exit 1
expect_exit 3 "a meal point 300 km away plans" "$MEALRUN" plan $BUDGET \
	"$TMP/far.db" --date 2030-03-04 --out "$TMP/far"
"$TOOLS/planq" "$TMP/far/plan.json" >"$TMP/shape"
expect_grep "the far meal point is unassigned with a reason" \
	"unassigned G window" "$TMP/shape"
check_plan "$TMP/far"
awk 'BEGIN { print "date,meal,meal_point,diet,boxes"
	split("A B C D E", mp, " ")
	for (i = 1; i <= 5; i++) printf "2030-03-04,lunch,%s,regular,400\n", mp[i] }' \
	>"$TMP/orders-2000.csv"
new_db many "$FIXTURES/town" "$FIXTURES/scenarios/vehicles-one-small.csv" \
	"$TMP/orders-2000.csv" || exit 1
expect_exit 3 "one small van for 2,000 boxes plans" "$MEALRUN" plan $BUDGET \
	"$TMP/many.db" --date 2030-03-04 --out "$TMP/many"
expect_grep "orders larger than the van are unassigned" "too_large" \
	"$TMP/many/plan.json"
check_plan "$TMP/many"

# 30,000 boxes in a truck that holds them: the loading alone takes longer
# than the morning has, and the reason says so.
printf 'date,meal,meal_point,diet,boxes\n%s\n%s\n%s\n' \
	2030-03-04,lunch,A,regular,10000 2030-03-04,lunch,A,low_salt,10000 \
	2030-03-04,lunch,A,pureed,10000 >"$TMP/orders-30000.csv"
sed 's/^V1,K1,TD-1A,Van 1,30,/V1,K1,TD-1A,Van 1,100000,/' \
	"$FIXTURES/town/vehicles.csv" >"$TMP/vehicles.csv"
new_db huge "$FIXTURES/town" "$TMP/vehicles.csv" "$TMP/orders-30000.csv" ||
	exit 1
expect_exit 3 "30,000 boxes at one meal point plan" "$MEALRUN" plan \
	$BUDGET "$TMP/huge.db" --date 2030-03-04 --out "$TMP/huge"
expect_grep "the reason is the loading time" \
	"loading its 30000 boxes alone takes 16 h 45 min" "$TMP/huge/plan.json"
check_plan "$TMP/huge"

expect_exit 0 "a day without orders plans" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-05 --out "$TMP/empty"
expect_grep "a day without orders is reported" "no orders" "$TMP/err"
check_plan "$TMP/empty"

# Two more steamer dishes for a 22-stop trip: one steamer cannot cook
# three batches within what the food limit leaves the trip, in any order,
# and the plan says so, on stderr and in plan.json. At the default budget,
# which finds the plan with one trip late.
new_db short "$FIXTURES/town" "$FIXTURES"/scenarios/*-long-trip.csv \
	"$FIXTURES"/scenarios/*-short-steamer.csv || exit 1
expect_exit 4 "a kitchen short of steamers plans, and exits 4: food late" \
	"$MEALRUN" plan "$TMP/short.db" --date 2030-03-06 --out "$TMP/short"
expect_grep "the late trip is named" "kitchen: trip [0-9]* loads at" "$TMP/err"
expect_grep "the steamer is named as the reason" \
	"Steamer (1 unit, 40 min a batch and 10 to clean) cannot cook its dishes within their food limits, in any order, for \(trip [0-9]* (loading\|the first [0-9]* trips in loading order (the last loading\) at" \
	"$TMP/err"
expect_grep "plan.json carries the reason" '"kitchen: 蒸饭柜 Steamer (1 unit' \
	"$TMP/short/plan.json"
expect_grep "plan.json says the kitchen is late" '"on_time": false' \
	"$TMP/short/plan.json"
expect_grep "plan.json counts the late trip" '"late_trips": 1' \
	"$TMP/short/plan.json"
"$TOOLS/planq" -f "$TMP/short/plan.json" >"$TMP/food"
if grep -q '^route [0-9]* late [1-9]' "$TMP/food" &&
	[ "$(grep -c '"dish"' "$TMP/short/plan.json")" -gt 0 ]; then
	ok "the late plan carries its batches, and the route its minutes late"
else
	not_ok "the late plan carries its batches and minutes late"
	show "$TMP/food"
fi
check_plan "$TMP/short"
expect_grep "check says the food is late, as the plan does" \
	"food is late for 1 trip" "$TMP/out"

done_testing
