#!/bin/sh
# fetch-orders against a stand-in ordering platform on 127.0.0.1: orders
# imported once however often fetched, the token sent, and a bad order or
# a failing server leaving the database exactly as it was.
. "$(dirname "$0")/../lib.sh"


content() {
	sqlite3 "$1" "SELECT date, meal, meal_point_id, diet, boxes FROM orders
		ORDER BY 1, 2, 3, 4" | sha256sum
}

new_db town "$FIXTURES/town" || exit 1
db="$TMP/town.db"
printf 'secret-token\n' >"$TMP/token"

start_server "file:$FIXTURES/orders-api/day.json"
url="$port_url/orders"
expect_exit 0 "fetch a day's orders" "$MEALRUN" fetch-orders "$db" \
	--url "$url" --date 2030-03-06 --token-file "$TMP/token"
expect_grep "three orders are imported" "fetched 3 orders" "$TMP/err"
expect_grep "the token is sent as a bearer token" "Bearer secret-token" \
	"$TMP/port.auth"
once=$(content "$db")
expect_exit 0 "fetch the same day again" "$MEALRUN" fetch-orders "$db" \
	--url "$url" --date 2030-03-06
if [ "$(content "$db")" = "$once" ]; then
	ok "fetching twice imports the orders once"
else
	not_ok "fetching twice imports the orders once"
fi
expect_exit 0 "the fetched day plans" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-06 --out "$TMP/p" --no-save
check_plan "$TMP/p"
stop_server

for case in bad-boxes unknown-meal-point; do
	start_server "file:$FIXTURES/orders-api/$case.json"
	url="$port_url/orders"
	before=$(db_digest "$db")
	expect_exit 65 "$case: refused" "$MEALRUN" fetch-orders "$db" \
		--url "$url" --date 2030-03-06
	expect_grep "$case: the message names the order" "order [0-9]" "$TMP/err"
	if [ "$(db_digest "$db")" = "$before" ]; then
		ok "$case: database unchanged"
	else
		not_ok "$case: database unchanged"
	fi
	stop_server
done

start_server 500
url="$port_url/orders"
before=$(db_digest "$db")
expect_exit 69 "a failing server" "$MEALRUN" fetch-orders "$db" --url "$url" \
	--date 2030-03-06
expect_grep "the reason is given" "HTTP 500" "$TMP/err"
stop_server
expect_exit 69 "a server that is down" "$MEALRUN" fetch-orders "$db" \
	--url "$url" --date 2030-03-06
if [ "$(db_digest "$db")" = "$before" ]; then
	ok "failed fetches change nothing"
else
	not_ok "failed fetches change nothing"
fi
expect_exit 2 "fetch-orders needs a URL" "$MEALRUN" fetch-orders "$db" \
	--date 2030-03-06
expect_exit 66 "a missing token file" "$MEALRUN" fetch-orders "$db" \
	--url "$url" --date 2030-03-06 --token-file "$TMP/none"

done_testing
