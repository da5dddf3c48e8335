#!/bin/sh
# Servers that answer what they should not, stood in for on 127.0.0.1: an
# OSRM table that cannot be used is refused (exit 69, saying what is wrong
# with it) and never cached; an answer too large is refused early and not
# retried; only an unreachable server or a 5xx answer is retried; and
# secrets in an address never reach a message.
. "$(dirname "$0")/../lib.sh"

new_db town "$FIXTURES/town" || exit 1
db="$TMP/town.db"
cached() {
	sqlite3 "$db" 'SELECT count(*) FROM matrix_cache'
}
requests() {
	if [ -f "$TMP/port.log" ]; then wc -l <"$TMP/port.log"; else echo 0; fi
}

# mode: what the message must say
while read -r mode says; do
	start_server "$mode"
	expect_exit 69 "$mode table: refused" "$MEALRUN" plan $BUDGET "$db" \
		--date 2030-03-04 --out "$TMP/$mode" --roads "osrm:$port_url"
	expect_grep "$mode table: the message says what is wrong" "$says" \
		"$TMP/err"
	if [ "$(cached)" -eq 0 ]; then
		ok "$mode table: nothing cached"
	else
		not_ok "$mode table: $(cached) matrices cached"
	fi
	if [ ! -e "$TMP/$mode" ]; then
		ok "$mode table: no outputs"
	else
		not_ok "$mode table: outputs written"
	fi
	stop_server
done <<'EOF'
negative durations row 1, column 1 is -5, not between 0 and
huge durations row 1, column 1 is 1e+12, not between 0 and
string durations row 1, column 1 is not a number
short durations row 1 has [0-9]* columns for [0-9]* destinations
shortdist distances row 1 has [0-9]* columns for [0-9]* destinations
EOF

# Once the server is right again, the day plans on its answers.
start_server ok
expect_exit 3 "a good server afterwards: the day plans" "$MEALRUN" plan \
	$BUDGET "$db" --date 2030-03-04 --out "$TMP/good" \
	--roads "osrm:$port_url"
check_plan "$TMP/good"
# A cached table with a value no server should have sent (as one cached
# before answers were checked might): asked for again, not used.
sqlite3 "$db" "UPDATE matrix_cache SET durations =
	CAST(X'000000000000F0BF' || substr(durations, 9) AS BLOB)"
tables() {
	grep -c table "$TMP/port.log"
}
asked=$(tables)
expect_exit 3 "a bad cached table: the day plans" "$MEALRUN" plan $BUDGET \
	"$db" --date 2030-03-04 --out "$TMP/good2" --roads "osrm:$port_url"
if [ "$(tables)" -gt "$asked" ]; then
	ok "a bad cached table is asked for again"
else
	not_ok "a bad cached table was used"
fi
check_plan "$TMP/good2"
stop_server

# Too large: refused as soon as known, once.
for mode in big stream; do
	start_server "$mode"
	expect_exit 69 "$mode answer: refused" "$MEALRUN" plan $BUDGET "$db" \
		--date 2030-03-04 --out "$TMP/$mode" --roads "osrm:$port_url"
	expect_grep "$mode answer: the message says so" \
		"answer larger than 16 MB" "$TMP/err"
	if [ "$(requests)" -eq 1 ]; then
		ok "$mode answer: asked once"
	else
		not_ok "$mode answer: asked $(requests) times"
	fi
	stop_server
done

# Retries: a 5xx answer three times more, a 4xx answer not.
start_server 500
expect_exit 69 "HTTP 500: refused" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --out "$TMP/e500" --roads "osrm:$port_url"
if [ "$(requests)" -eq 4 ]; then
	ok "HTTP 500: asked four times"
else
	not_ok "HTTP 500: asked $(requests) times, not 4"
fi
stop_server
start_server error
expect_exit 69 "an error code: refused" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --out "$TMP/e400" --roads "osrm:$port_url"
if [ "$(requests)" -eq 1 ]; then
	ok "an error code: asked once"
else
	not_ok "an error code: asked $(requests) times"
fi
stop_server

# The ordering platform: too large, once; a duplicate order named by its
# place in the list; secrets in the address masked.
start_server big
expect_exit 69 "orders: an answer too large is refused" "$MEALRUN" \
	fetch-orders "$db" --url "$port_url/orders" --date 2030-03-06
expect_grep "orders: the message says so" "answer larger than 64 MB" \
	"$TMP/err"
if [ "$(requests)" -eq 1 ]; then
	ok "orders: asked once"
else
	not_ok "orders: asked $(requests) times"
fi
stop_server
start_server "file:$FIXTURES/orders-api/duplicate.json"
expect_exit 65 "orders: a duplicate order is refused" "$MEALRUN" \
	fetch-orders "$db" --url "$port_url/orders" --date 2030-03-06
expect_grep "orders: the duplicate is named by its order" \
	"order 3:.*same as order 1" "$TMP/err"
if grep -q 'orders-from-platform\|/tmp/mealrun' "$TMP/err"; then
	not_ok "orders: a temporary file is named"
	show "$TMP/err"
else
	ok "orders: no temporary file is named"
fi
stop_server
start_server 500
secret_url=$(echo "$port_url" | sed 's#http://#http://clerk:s3cr3t@#')
expect_exit 69 "orders: a failing server with secrets in its address" \
	"$MEALRUN" fetch-orders "$db" --url "$secret_url/orders?apikey=K3Y&city=krems" \
	--date 2030-03-06
if grep -q 's3cr3t\|K3Y' "$TMP/err"; then
	not_ok "orders: a secret is printed"
	show "$TMP/err"
else
	ok "orders: no secret is printed"
fi
expect_grep "orders: the address is named, masked" \
	"http://\*\*\*@127.0.0.1:[0-9]*/orders?apikey=\*\*\*&city=krems" "$TMP/err"
stop_server
expect_exit 69 "OSRM: a server with secrets in its address, down" \
	"$MEALRUN" plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/down" \
	--roads "osrm:http://u:s3cr3t@127.0.0.1:1/?token=K3Y"
if grep -q 's3cr3t\|K3Y' "$TMP/err"; then
	not_ok "OSRM: a secret is printed"
	show "$TMP/err"
else
	ok "OSRM: no secret is printed"
fi

done_testing
