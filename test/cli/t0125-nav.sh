#!/bin/sh
# The dispatch sheet's navigation codes, read back as a phone would: the
# PDF and the printed HTML rendered, every QR code decoded with zbarimg, and
# the link each carries checked against the coordinates the meal points
# were given in: a geo: link in WGS-84, an Amap link in GCJ-02, a Baidu
# link in BD-09, each within a metre; the trip's code in Amap passes the
# kitchen and every stop in the trip's order.
. "$(dirname "$0")/../lib.sh"

for tool in pdftoppm zbarimg chromium; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool is not installed (scripts/install-deps installs it)"
		done_testing
		exit 0
	fi
done

# codes PDF: every QR code on every page, one a line, sorted.
codes() {
	rm -f "$TMP"/qr-*.png
	pdftoppm -r 300 -png "$1" "$TMP/qr"
	for png in "$TMP"/qr-*.png; do
		zbarimg -q --raw "$png" 2>/dev/null
	done | LC_ALL=C sort
}

# csv_query CSV SQL: SQL over the CSV file as table m (sqlite3 reads its
# quoting), rows as space-separated fields.
csv_query() {
	sqlite3 -separator ' ' :memory: ".import --csv $1 m" "$2"
}

chromium_pdf() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$TMP/chromium" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" >"$TMP/chromium.log" 2>&1
}

# --- geo: links, the default ------------------------------------------------

new_db town "$FIXTURES/town" || exit 1
expect_exit 3 "the town day plans" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
	--date 2030-03-04 --out "$TMP/geo" --quiet
# The stops planned, by id, and what each one's code must say.
"$TOOLS/planq" "$TMP/geo/plan.json" | sed -n 's/^route .*: //p' | tr ' ' '\n' |
	LC_ALL=C sort >"$TMP/ids"
csv_query "$FIXTURES/town/meal_points.csv" "SELECT id, printf(
	'geo:%.6f,%.6f?q=%.6f,%.6f(%s)', lat, lon, lat, lon,
	replace(substr(short_name, 1, 6), ' ', '%20')) FROM m ORDER BY id" \
	>"$TMP/geo-of"
join "$TMP/ids" "$TMP/geo-of" | cut -d' ' -f2- | LC_ALL=C sort >"$TMP/want"
codes "$TMP/geo/dispatch.pdf" >"$TMP/got"
expect_same "dispatch.pdf: a code per stop, each a geo: link to that stop" \
	"$TMP/want" "$TMP/got"
if chromium_pdf "$TMP/geo/dispatch.html" "$TMP/geo-html.pdf"; then
	codes "$TMP/geo-html.pdf" >"$TMP/got"
	expect_same "dispatch.html printed: the same codes" "$TMP/want" "$TMP/got"
else
	not_ok "Chromium prints dispatch.html"
	show "$TMP/chromium.log"
fi
pdftotext "$TMP/geo/dispatch.pdf" "$TMP/geo.txt"
expect_grep "with geo: links the sheet says why there is no trip code" \
	"one place at a time" "$TMP/geo.txt"

# --- Amap and Baidu: the town moved to Shanghai --------------------------------

# The town's meal points and kitchen around Shanghai, given in datum $1,
# with names in Chinese ("东湖A号社区食堂": a link holds six characters).
china() {
	sqlite3 -csv -header :memory: \
		".import --csv $FIXTURES/town/meal_points.csv m" "SELECT id,
		kitchen, kind, name, '东湖' || id || '号社区食堂' AS short_name,
		'上海市浦东新区' || address AS address,
		printf('%.6f', 31.175 + (lat - 48.40)) AS lat,
		printf('%.6f', 121.53 + (lon - 15.60)) AS lon, contact, phone,
		service_minutes, service_seconds_per_box, access_notes, active,
		'$1' AS coords FROM m" >"$TMP/meal_points.csv"
	printf 'id,name,lat,lon,coords,navigation\nK1,测试厨房,31.175000,121.530000,%s,%s\n' \
		"$1" "$2" >"$TMP/kitchens.csv"
	new_db "$2" "$FIXTURES/town" "$TMP/kitchens.csv" "$TMP/meal_points.csv"
}

# given: "SHORT-NAME LAT LON" of each meal point, the name as a link has it.
given() {
	csv_query "$TMP/meal_points.csv" "SELECT substr(short_name, 1, 6), lat,
		lon FROM m" >"$TMP/given"
}

# decoded: NAME LAT LON lines with NAME percent-decoded.
decoded() {
	LC_ALL=C awk 'function hex(h,   i, v) {
			v = 0
			for (i = 1; i <= 2; i++)
				v = v * 16 + index("0123456789ABCDEF",
						   toupper(substr(h, i, 1))) - 1
			return v
		}
		{ n = $1; out = ""
		  while (match(n, /%[0-9A-Fa-f][0-9A-Fa-f]/)) {
			out = out substr(n, 1, RSTART - 1) \
			      sprintf("%c", hex(substr(n, RSTART + 1, 2)))
			n = substr(n, RSTART + 3)
		  }
		  print out n, $2, $3 }'
}

# near WANT GOT: each line "ID LAT LON" of GOT within a metre of WANT's.
near() {
	awk 'NR == FNR { lat[$1] = $2; lon[$1] = $3; next }
		{ if (!($1 in lat)) { print "unknown " $1; bad = 1; next }
		  dy = ($2 - lat[$1]) * 111320
		  dx = ($3 - lon[$1]) * 111320 * 0.856
		  if (dx * dx + dy * dy > 1) { print $1 " off by " \
			sqrt(dx * dx + dy * dy) " m"; bad = 1 }
		  n++ }
		END { if (!n) print "no codes"; exit bad || !n }' "$1" "$2"
}

china gcj02 amap || exit 1
given
expect_exit 3 "the town in Shanghai plans with Amap codes" "$MEALRUN" plan \
	$BUDGET "$TMP/amap.db" --date 2030-03-04 --out "$TMP/amap" --quiet
codes "$TMP/amap/dispatch.pdf" >"$TMP/amap-codes"
# https://uri.amap.com/navigation?to=LON,LAT,NAME&...
sed -n 's|^https://uri.amap.com/navigation?to=\([^,]*\),\([^,]*\),\([^&]*\)&.*|\3 \2 \1|p' \
	"$TMP/amap-codes" | decoded >"$TMP/got"
if msg=$(near "$TMP/given" "$TMP/got"); then
	ok "Amap stop codes carry the GCJ-02 coordinates given, within a metre"
else
	not_ok "Amap stop codes: $msg"
	show "$TMP/amap-codes"
fi
stops=$(wc -l <"$TMP/got")
planned=$("$TOOLS/planq" "$TMP/amap/plan.json" | sed -n 's/^route .*: //p' |
	wc -w)
if [ "$stops" -eq "$planned" ]; then ok "one Amap code per stop ($stops)"
else not_ok "Amap codes for $stops stops, $planned planned"; fi
# amapuri://route/plan/?...&slat=..&slon=..&dlat=..&dlon=..&vialats=a%7Cb
grep '^amapuri://route/plan/' "$TMP/amap-codes" >"$TMP/routes"
ntrips=$("$TOOLS/planq" "$TMP/amap/plan.json" | grep -c '^route')
if [ "$(wc -l <"$TMP/routes")" -eq "$ntrips" ]; then
	ok "each trip has an Amap route code ($ntrips)"
else
	not_ok "Amap route codes: $(wc -l <"$TMP/routes") for $ntrips trips"
	show "$TMP/amap-codes"
fi
# Each route code as its points' meal points, in order: "K A B C" with K
# the kitchen; a point more than a metre from every place is "?".
csv_query "$TMP/meal_points.csv" "SELECT id, lat, lon FROM m" >"$TMP/places"
echo "K 31.175000 121.530000" >>"$TMP/places"
tr '&?' '  ' <"$TMP/routes" | sed 's/%7C/|/g' | awk '
	NR == FNR { lat[$1] = $2; lon[$1] = $3; next }
	function place(y, x,   id, dy, dx) {
		for (id in lat) {
			dy = (y - lat[id]) * 111320
			dx = (x - lon[id]) * 111320 * 0.856
			if (dx * dx + dy * dy <= 1) return id
		}
		return "?"
	}
	{ delete v
	  for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	  line = place(v["slat"], v["slon"])
	  n = split(v["vialats"], ya, "|"); split(v["vialons"], xa, "|")
	  for (i = 1; i <= n && v["vialats"] != ""; i++)
		line = line " " place(ya[i], xa[i])
	  print line " " place(v["dlat"], v["dlon"]) }' "$TMP/places" - |
	LC_ALL=C sort >"$TMP/got"
"$TOOLS/planq" "$TMP/amap/plan.json" | sed -n 's/^route .*: /K /p' |
	LC_ALL=C sort >"$TMP/want"
expect_same "each route code starts at the kitchen and passes its trip's stops in order, within a metre" \
	"$TMP/want" "$TMP/got"

# A trip of 22 stops is longer than Amap's route takes: codes per stop.
new_db long "$FIXTURES/town" "$FIXTURES"/scenarios/*-long-trip.csv || exit 1
printf 'id,name,lat,lon,navigation\nK1,测试厨房 Test Kitchen,48.4,15.6,amap\n' \
	>"$TMP/kitchens.csv"
"$MEALRUN" import "$TMP/long.db" "$TMP/kitchens.csv" >/dev/null 2>&1
expect_exit 0 "a day of one trip with 22 stops plans with Amap codes" \
	"$MEALRUN" plan $BUDGET "$TMP/long.db" --date 2030-03-06 --out \
	"$TMP/long" --quiet
codes "$TMP/long/dispatch.pdf" >"$TMP/long-codes"
if [ "$(grep -c '^https://uri.amap.com/navigation' "$TMP/long-codes")" -eq 22 ] &&
	! grep -q '^amapuri:' "$TMP/long-codes"; then
	ok "22 stop codes and no route code"
else
	not_ok "22 stop codes and no route code"
	show "$TMP/long-codes"
fi
pdftotext "$TMP/long/dispatch.pdf" "$TMP/long.txt"
expect_grep "the sheet says the trip is longer than the app's route" \
	"More stops than the map app" "$TMP/long.txt"

china bd09 baidu || exit 1
given
expect_exit 3 "the town in Shanghai plans with Baidu codes" "$MEALRUN" plan \
	$BUDGET "$TMP/baidu.db" --date 2030-03-04 --out "$TMP/baidu" --quiet
codes "$TMP/baidu/dispatch.pdf" >"$TMP/baidu-codes"
# https://api.map.baidu.com/marker?location=LAT,LON&title=NAME&...
sed -n 's|^https://api.map.baidu.com/marker?location=\([^,]*\),\([^&]*\)&title=\([^&]*\)&.*|\3 \1 \2|p' \
	"$TMP/baidu-codes" | decoded >"$TMP/got"
if msg=$(near "$TMP/given" "$TMP/got"); then
	ok "Baidu stop codes carry the BD-09 coordinates given, within a metre"
else
	not_ok "Baidu stop codes: $msg"
	show "$TMP/baidu-codes"
fi
expect_grep "the trip has a Baidu route code" '^baidumap://map/direction?origin=' \
	"$TMP/baidu-codes"

done_testing
