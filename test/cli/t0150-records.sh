#!/bin/sh
# What happened on the day: the record sheet each plan writes holds the
# plan's facts; `mealrun record` reads it back filled (CSV or JSON),
# refuses what the plan does not have with exit 65 and the database as it
# was, replaces a row recorded again and skips rows left blank; and the
# month's report adds up to the records, in every table and in report.csv.
. "$(dirname "$0")/../lib.sh"

new_db town "$FIXTURES/town" || exit 1
db="$TMP/town.db"
sed 's/2030-03-04/2030-03-05/' "$FIXTURES/town/orders.csv" \
	>"$TMP/orders-2030-03-05.csv"
"$MEALRUN" import "$db" "$TMP/orders-2030-03-05.csv" >/dev/null 2>&1
for day in 04 05; do
	expect_exit 3 "2030-03-$day planned (F is inactive)" "$MEALRUN" plan \
		$BUDGET "$db" --date 2030-03-$day --meal lunch \
		--out "$TMP/p$day"
done
sheet="$TMP/p04/records.csv"

# --- the record sheet ----------------------------------------------------

"$TOOLS/planq" -r "$TMP/p04/plan.json" >"$TMP/facts"
tail -n +2 "$sheet" | tr -d '\r' | cut -d, -f1-7,9-13 >"$TMP/sheet.facts"
expect_same "records.csv: a row per stop and diet with plan.json's facts" \
	"$TMP/facts" "$TMP/sheet.facts"
expect_grep "records.csv names its columns" \
	'^date,meal,kitchen,trip,vehicle,stop,meal_point,name,diet,boxes_planned,window_open,window_close,planned_arrival,arrived_at,boxes_delivered,temperature_c,received_by,not_delivered_reason,note' \
	"$sheet"
filled=$(tail -n +2 "$sheet" | tr -d '\r' | cut -d, -f14- | tr -d ',\n')
if [ -z "$filled" ]; then ok "the columns of what happened are empty"
else not_ok "the columns of what happened are empty (found '$filled')"; fi

# fill FILE SHEET: every row delivered whole at its planned arrival, 65 °C.
fill() {
	tr -d '\r' <"$2" | awk -F, -v OFS=, 'NR == 1 { print; next }
		{ $14 = $13; $15 = $10; $16 = "65"; $17 = "signed"; print }' >"$1"
}
fill "$TMP/day4.csv" "$sheet"
fill "$TMP/day5.csv" "$TMP/p05/records.csv"

# --- refusals ------------------------------------------------------------

# The first row of the sheet: its meal point, diet and boxes.
point=$(awk -F, 'NR == 2 { print $7 }' "$TMP/day4.csv")
boxes=$(awk -F, 'NR == 2 { print $10 }' "$TMP/day4.csv")
diet=$(awk -F, 'NR == 2 { print $9 }' "$TMP/day4.csv")

dump() { sqlite3 "$db" .dump >"$1"; }

# refuse DESC PATTERN AWK: line 2 of the filled sheet changed by AWK (on
# fields split at commas) must be refused with PATTERN and exit 65, and
# the database be as it was.
refuse() {
	awk -F, -v OFS=, "NR == 2 { $3 } NR <= 2 { print }" "$TMP/day4.csv" \
		>"$TMP/bad.csv"
	dump "$TMP/before.sql"
	expect_exit 65 "refused: $1" "$MEALRUN" record "$db" "$TMP/bad.csv"
	expect_grep "refused: $1: the message" "$2" "$TMP/err"
	dump "$TMP/after.sql"
	expect_same "refused: $1: the database as it was" "$TMP/before.sql" \
		"$TMP/after.sql"
}
refuse "a stop the plan does not have" \
	'bad.csv:2:6: stop: trip 1 of plan 1 has 3 stops, not 9' '$6 = 9'
refuse "a trip the plan does not have" \
	'bad.csv:2:4: trip: plan 1 of lunch 2030-03-04 has no trip 7' '$4 = 7'
refuse "a diet the plan does not have" \
	"bad.csv:2:9: diet: plan 1 has no 'halal' boxes for $point" \
	'$9 = "halal"'
refuse "another meal point at the stop" \
	"bad.csv:2:7: meal_point: stop 1 of trip 1 is $point in plan 1, not X" \
	'$7 = "X"'
refuse "more boxes delivered than planned" \
	"bad.csv:2:15: boxes_delivered: $((boxes + 1)) boxes delivered, but $boxes were planned" \
	'$15 = $10 + 1'
refuse "boxes short without a reason" \
	"bad.csv:2:18: not_delivered_reason: 1 of $boxes boxes not delivered; say why" \
	'$15 = $10 - 1'
refuse "a temperature above 100 °C" \
	'bad.csv:2:16: temperature_c: 101 °C is outside -10 to 100 °C' \
	'$16 = 101'
refuse "a temperature below -10 °C" \
	'bad.csv:2:16: temperature_c: -10.5 °C is outside -10 to 100 °C' \
	'$16 = -10.5'
refuse "an arrival before the trip left" \
	'bad.csv:2:14: arrived_at: 06:00 is before the trip left' \
	'$14 = "06:00"'
refuse "an arrival that is not a time" \
	"bad.csv:2:14: arrived_at: '11h05' is not a time HH:MM" '$14 = "11h05"'
refuse "an arrival on another day" \
	'bad.csv:2:14: arrived_at: 2030-04-04T11:00 is not on the day of the service' \
	'$14 = "2030-04-04T11:00"'
refuse "a temperature in hexadecimal" \
	"bad.csv:2:16: temperature_c: '0x3C' is not a number" '$16 = "0x3C"'
refuse "boxes with a plus sign" \
	"bad.csv:2:15: boxes_delivered: '+1' is not a whole number" '$15 = "+1"'
refuse "a day without a saved plan" \
	'bad.csv:2:1: date: no saved plan of lunch 2030-03-09' \
	'$1 = "2030-03-09"'
refuse "a sheet of another plan's boxes" \
	"bad.csv:2:10: boxes_planned: $((boxes + 5)), but plan 1 has $boxes" \
	'$10 = $10 + 5'

printf '[{"date": "2030-03-04", "meal": "lunch", "trip": 1, "stop": 1,
  "meal_point": "%s", "diet": "%s", "boxes_delivered": %s,
  "arrived_at": "2030-03-04T11:00", "temperature_c": 120}]\n' \
	"$point" "$diet" "$boxes" >"$TMP/bad.json"
dump "$TMP/before.sql"
expect_exit 65 "JSON: a temperature above 100 °C refused" \
	"$MEALRUN" record "$db" "$TMP/bad.json"
expect_grep "JSON: the record and field named" \
	'bad.json: record 1: temperature_c: 120 °C is outside' "$TMP/err"
dump "$TMP/after.sql"
expect_same "JSON: the database as it was" "$TMP/before.sql" "$TMP/after.sql"

# The same stop and diet twice in one file.
awk 'NR <= 2 { print } NR == 2 { print }' "$TMP/day4.csv" >"$TMP/twice.csv"
dump "$TMP/before.sql"
expect_exit 65 "a stop and diet twice in one file refused" \
	"$MEALRUN" record "$db" "$TMP/twice.csv"
expect_grep "the earlier line named" \
	'twice.csv:3:9: diet: the same stop and diet as line 2' "$TMP/err"
dump "$TMP/after.sql"
expect_same "twice: the database as it was" "$TMP/before.sql" "$TMP/after.sql"

# A good file and a bad one in one command: nothing of either is recorded.
refuse_pair() {
	dump "$TMP/before.sql"
	expect_exit 65 "a good file with a bad one: refused" \
		"$MEALRUN" record "$db" "$TMP/day4.csv" "$TMP/bad.csv"
	dump "$TMP/after.sql"
	expect_same "a good file with a bad one: nothing recorded" \
		"$TMP/before.sql" "$TMP/after.sql"
}
refuse_pair

# --- recording -----------------------------------------------------------

expect_exit 0 "a sheet left blank records nothing" \
	"$MEALRUN" record "$db" "$sheet"
expect_grep "blank rows are not records" "rows left blank" "$TMP/err"
expect_grep "and the day's stops are still missing" \
	'2030-03-04 at K1: 5 stops (45 boxes) still missing' "$TMP/out"

# Day 4 without its last row: that stop and diet is still missing.
head -n -1 "$TMP/day4.csv" >"$TMP/day4-part.csv"
expect_exit 0 "a filled sheet is recorded" \
	"$MEALRUN" record "$db" "$TMP/day4-part.csv"
rows=$(($(wc -l <"$TMP/day4.csv") - 2))
expect_grep "says what it recorded" \
	"2030-03-04 lunch at K1 (plan 1): recorded $rows rows" "$TMP/out"
expect_grep "and what is still missing" \
	'2030-03-04 lunch at K1: missing trip' "$TMP/out"
n=$(sqlite3 "$db" "SELECT count(*) FROM deliveries")
if [ "$n" -eq "$rows" ]; then ok "$rows records in the database"
else not_ok "$rows records in the database (found $n)"; fi

# Recording the largest row again replaces it: 3 boxes short, with a
# reason.
awk -F, -v OFS=, 'NR == 1 { print } NR > 1 && $10 > most { most = $10; row = $0 }
	END { $0 = row; $15 = $10 - 3; $18 = "client in hospital"; print }' \
	"$TMP/day4.csv" >"$TMP/again.csv"
short=$(awk -F, 'NR == 2 { print $10 - 3 }' "$TMP/again.csv")
expect_exit 0 "a row recorded again" "$MEALRUN" record "$db" "$TMP/again.csv"
expect_grep "replaces the earlier record" "1 replacing earlier records" \
	"$TMP/err"
got=$(sqlite3 "$db" "SELECT count(*), sum(boxes_delivered = $short AND
	not_delivered_reason = 'client in hospital') FROM deliveries")
if [ "$got" = "$rows|1" ]; then ok "still $rows records, the stop's replaced"
else not_ok "still $rows records, the stop's replaced (found $got)"; fi

# Day 4 again, saved by a spreadsheet as "CSV UTF-8" (with a byte-order
# mark) and CR LF line ends: the same records, the last row still missing.
{ printf '\357\273\277'; sed 's/$/\r/' "$TMP/day4-part.csv"; } \
	>"$TMP/day4-bom.csv"
expect_exit 0 "a sheet with a byte-order mark is recorded" \
	"$MEALRUN" record "$db" "$TMP/day4-bom.csv"
expect_grep "day 4 still misses its last row" \
	'2030-03-04 at K1: 1 stop (.* boxes) still missing' "$TMP/out"
awk -F, -v OFS=, 'NR == 1 { print } NR > 1 && $10 > most { most = $10; row = $0 }
	END { $0 = row; $15 = $10 - 3; $18 = "client in hospital"; print }' \
	"$TMP/day4.csv" >"$TMP/again.csv"
"$MEALRUN" record "$db" "$TMP/again.csv" >/dev/null 2>&1

# Day 5 as a JSON list, one stop late and one cold; a record read twice
# from the same file is refused.
tr -d '\r' <"$TMP/day5.csv" | awk -F, 'NR > 1 {
	late = (NR == 2) ? "12:45" : $14; temp = (NR == 3) ? 55.5 : 66
	sep = (NR > 2) ? ",\n" : "["
	printf "%s{\"date\": \"%s\", \"meal\": \"%s\", \"trip\": %s, \"stop\": %s, \"meal_point\": \"%s\", \"diet\": \"%s\", \"boxes_delivered\": %s, \"arrived_at\": \"%s\", \"temperature_c\": %s}", sep, $1, $2, $4, $6, $7, $9, $15, late, temp }
	END { print "]" }' >"$TMP/day5.json"
expect_exit 0 "a JSON list is recorded" "$MEALRUN" record "$db" "$TMP/day5.json"
expect_grep "every stop of day 5 recorded" '2030-03-05 at K1: every stop recorded' \
	"$TMP/out"

# --- the report ----------------------------------------------------------

expect_exit 0 "the month's report" "$MEALRUN" report "$db" --month 2030-03 \
	--lang en --out "$TMP/report"
rep="$TMP/report"
for f in report.pdf report.html report.csv plots/delivered.svg \
	plots/on-time.svg plots/temperatures.svg; do
	if [ -s "$rep/$f" ]; then ok "report: $f written"
	else not_ok "report: $f written"; fi
done

# The expected sums, from the database alone: plans in force, their stops
# and diets, and the records.
sqlite3 -separator ' ' "$db" "WITH force AS (SELECT max(id) AS id FROM plans
	WHERE date LIKE '2030-03-%' GROUP BY date, meal),
	rows AS (SELECT j.value AS planned, d.boxes_delivered AS got
	FROM force f JOIN plan_stops s ON s.plan_id = f.id, json_each(s.diets) j
	LEFT JOIN deliveries d ON d.plan_id = s.plan_id AND
	d.route_id = s.route_id AND d.seq = s.seq AND d.diet = j.key)
	SELECT sum(planned), sum(coalesce(got, 0)),
	sum(CASE WHEN got IS NULL THEN 0 ELSE planned - got END),
	sum(CASE WHEN got IS NULL THEN planned ELSE 0 END) FROM rows" \
	>"$TMP/expected"
read -r planned delivered lost missing <"$TMP/expected"
tr -d '\r' <"$rep/report.csv" | awk -F, 'NR > 1 { p += $9; d += $10;
	n += $11; m += $12 } END { print p, d, n, m }' >"$TMP/csv.sums"
expect_same "report.csv sums to the records" "$TMP/expected" "$TMP/csv.sums"
if [ "$planned" -eq $((delivered + lost + missing)) ] && [ "$lost" -eq 3 ] &&
   [ "$missing" -gt 0 ]; then
	ok "planned $planned = delivered $delivered + not delivered $lost + not recorded $missing"
else
	not_ok "planned $planned = $delivered + $lost + $missing, 3 not delivered"
fi

# Every total row of the HTML: the per-day and per-meal-point tables
# carry the four sums, the reasons' table the boxes not delivered.
awk '/<tr class="total">/ { row = ""; n = 0; on = 1; next }
	on && /<\/tr>/ { print row; on = 0; next }
	on { n++; gsub(/<[^>]*>/, ""); if (n >= 3 && n <= 6) row = row (row ? " " : "") $0 }' \
	"$rep/report.html" >"$TMP/totals"
{ echo "$planned $delivered $lost $missing"
  echo "$planned $delivered $lost $missing"; } >"$TMP/want"
head -n 2 "$TMP/totals" >"$TMP/got"
expect_same "report.html: the per-day and per-meal-point totals" \
	"$TMP/want" "$TMP/got"
if sed -n 3p "$TMP/totals" | grep -q "^$lost\$"; then
	ok "report.html: the reasons add up to the boxes not delivered"
else
	not_ok "report.html: the reasons add up to the boxes not delivered"
	show "$TMP/totals"
fi
expect_grep "report.html: the month balances" \
	"Planned $planned = Delivered $delivered + Not delivered $lost + Not recorded $missing" \
	"$rep/report.html"

# The PDF as a reader sees it: its pages render, the first is the month
# at a glance, and each part starts a page of its own.
pages=$(pdfinfo "$rep/report.pdf" | awk '/^Pages:/ { print $2 }')
if pdftoppm -r 30 -png "$rep/report.pdf" "$TMP/page" 2>"$TMP/ppm.err" &&
   [ "$(ls "$TMP"/page-*.png | wc -l)" -eq "$pages" ]; then
	ok "report.pdf: $pages pages render"
else
	not_ok "report.pdf: its pages render"
	show "$TMP/ppm.err"
fi
for part in "1:Monthly delivery report" "2:Per day" "3:Per meal point and diet" \
	"4:Food safety" "5:Per vehicle"; do
	page=${part%%:*}
	words=${part#*:}
	pdftotext -f "$page" -l "$page" "$rep/report.pdf" "$TMP/page.txt"
	expect_grep "report.pdf: page $page starts with $words" "$words" \
		"$TMP/page.txt"
done
if [ "$pages" -eq 5 ]; then ok "report.pdf: 5 pages"
else not_ok "report.pdf: 5 pages (found $pages)"; fi
pdftotext "$rep/report.pdf" "$TMP/report.txt"
expect_grep "report.pdf: the month balances" \
	"Planned $planned = Delivered $delivered + Not delivered $lost" \
	"$TMP/report.txt"
expect_grep "report.pdf: the late stop listed" "12:45" "$TMP/report.txt"
expect_grep "report.pdf: the cold delivery listed" "55.5" "$TMP/report.txt"

# A second report replaces the first; a folder that is not a report's is
# refused.
expect_exit 0 "a report again into the same folder" "$MEALRUN" report \
	"$db" --month 2030-03 --out "$rep"
mkdir "$TMP/other" && touch "$TMP/other/notes.txt"
expect_exit 73 "a folder of other files is refused" "$MEALRUN" report \
	"$db" --month 2030-03 --out "$TMP/other"
expect_exit 2 "--month is checked" "$MEALRUN" report "$db" --month 2030-13 \
	--out "$TMP/r2"
expect_exit 2 "an unknown --kitchen is a usage error" "$MEALRUN" report \
	"$db" --month 2030-03 --kitchen K9 --out "$TMP/r3"
expect_grep "and names the kitchen" "no kitchen 'K9'" "$TMP/err"
expect_exit 66 "a record file that is not there" "$MEALRUN" record "$db" \
	"$TMP/nothing.csv"

# --- a day planned again after its records came in -------------------------

# The clerk filled the sheet in its plan's folder: planning into that
# folder again is refused, and the sheet is kept.
cp "$TMP/day4.csv" "$TMP/p04/records.csv"
expect_exit 73 "planning over a filled record sheet is refused" "$MEALRUN" \
	plan $BUDGET "$db" --date 2030-03-04 --out "$TMP/p04"
expect_grep "and says why" "records.csv has been filled in" "$TMP/err"
if cmp -s "$TMP/day4.csv" "$TMP/p04/records.csv"; then
	ok "the filled sheet is still there"
else
	not_ok "the filled sheet is still there"
fi
# A new plan of a recorded day, saved: the report still counts the
# records against the plan they were made for.
"$MEALRUN" report "$db" --month 2030-03 --lang en --out "$TMP/before" \
	>/dev/null 2>&1
# shellcheck disable=SC2086
expect_exit 3 "a recorded day planned again" "$MEALRUN" plan $BUDGET "$db" \
	--date 2030-03-04 --seed 7 --out "$TMP/p04-again"
"$MEALRUN" report "$db" --month 2030-03 --lang en --out "$TMP/after" \
	>/dev/null 2>&1
expect_same "the month's report is the same after it" "$TMP/before/report.csv" \
	"$TMP/after/report.csv"

done_testing
