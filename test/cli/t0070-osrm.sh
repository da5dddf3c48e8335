#!/bin/sh
# The osrm:URL provider against a stand-in OSRM server that the test
# starts on 127.0.0.1: answers in tiles, routes for GPX tracks, a pair
# without a route reported by meal point, and a server that errs or is
# down giving exit 69 with the reason.
. "$(dirname "$0")/../lib.sh"

new_db town "$FIXTURES/town" || exit 1

start_server ok
url="$port_url"
expect_exit 3 "the town day plans through OSRM" "$MEALRUN" plan $BUDGET \
	"$TMP/town.db" --date 2030-03-04 --out "$TMP/ok" --roads "osrm:$url"
check_plan "$TMP/ok"
expect_grep "plan.json names the provider" '"roads": "osrm"' \
	"$TMP/ok/plan.json"
set -- "$TMP/ok"/gpx/route-*.gpx
check_gpx "$@"
if "$TOOLS/gpxtrack" "$@" >"$TMP/tracks"; then
	ok "GPX tracks follow the server's routes"
else
	not_ok "GPX tracks follow the server's routes"
	show "$TMP/tracks"
fi
tables=$(grep -c table "$TMP/port.log")
expect_exit 3 "planning the day again" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
	--date 2030-03-04 --out "$TMP/ok2" --roads "osrm:$url"
if [ "$(grep -c table "$TMP/port.log")" -eq "$tables" ]; then
	ok "planning again takes travel times from the cache"
else
	not_ok "planning again takes travel times from the cache"
fi
expect_grep "the cache is said to be used" "from the cache" "$TMP/err"
expect_exit 0 "a VROOM problem through OSRM" "$MEALRUN" solve --vroom \
	"$FIXTURES/vroom/coordinates.json" --roads "osrm:$url" --quiet
# 150 jobs: the table comes in tiles of at most 100 by 100.
awk 'BEGIN {
	printf "{\"vehicles\": [{\"id\": 1, \"start\": [15.6, 48.4], \"capacity\": [1000]}], \"jobs\": ["
	for (i = 1; i <= 150; i++)
		printf "%s{\"id\": %d, \"location\": [%.5f, %.5f], \"delivery\": [1]}",
			(i > 1 ? ", " : ""), i, 15.55 + (i % 13) * 0.007, 48.38 + (i % 11) * 0.005
	printf "]}\n" }' >"$TMP/many.json"
expect_exit 0 "150 jobs through OSRM, in tiles" "$MEALRUN" solve --vroom \
	"$TMP/many.json" --roads "osrm:$url" --quiet --iterations 2000
expect_grep "all 150 are routed" '"unassigned": 0' "$TMP/out"
stop_server

start_server null
url="$port_url"
expect_exit 3 "a meal point without a route still plans" "$MEALRUN" plan $BUDGET \
	"$TMP/town.db" --date 2030-03-04 --out "$TMP/null" --roads "osrm:$url"
expect_grep "the missing routes are reported by meal point" \
	"no route for" "$TMP/err"
expect_grep "the meal point is unassigned with that reason" \
	'"reason_code": "no_route"' "$TMP/null/plan.json"
check_plan "$TMP/null"
stop_server

start_server error
url="$port_url"
expect_exit 69 "a server answering an error code" "$MEALRUN" plan $BUDGET \
	"$TMP/town.db" --date 2030-03-04 --out "$TMP/err1" --roads "osrm:$url"
expect_grep "the message gives the server's code" "InvalidQuery" "$TMP/err"
stop_server

start_server 500
url="$port_url"
expect_exit 69 "a server failing with HTTP 500" "$MEALRUN" plan $BUDGET \
	"$TMP/town.db" --date 2030-03-04 --out "$TMP/err2" --roads "osrm:$url"
expect_grep "the message says HTTP 500" "HTTP 500" "$TMP/err"
stop_server

# The port is closed now: nobody answers.
expect_exit 69 "a server that is down" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
	--date 2030-03-04 --out "$TMP/err3" --roads "osrm:$url"
expect_grep "the message says it did not answer" "did not answer" \
	"$TMP/err"
if [ ! -e "$TMP/err3/plan.json" ]; then ok "nothing is written"; else
	not_ok "nothing is written"; fi
expect_exit 2 "osrm needs an http URL" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
	--date 2030-03-04 --out "$TMP/err4" --roads "osrm:localhost:5000"

done_testing
