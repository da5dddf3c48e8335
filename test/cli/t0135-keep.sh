#!/bin/sh
# The morning's changes planned with --keep from the saved plan: 5 boxes
# more at a meal point whose trip has room change no trip's stops; a
# cancelled meal point takes only its own trip; a van out of service
# gives its trips to others and leaves nothing out, a large one too;
# changes.html and changes.pdf say which trips changed and which dispatch pages to reprint.
. "$(dirname "$0")/../lib.sh"

new_db k "$ROOT/data/sample" || exit 1
db="$TMP/k.db"
day=2026-11-23
# shellcheck disable=SC2086
expect_exit 0 "the day's first plan" "$MEALRUN" plan $BUDGET "$db" \
	--date $day --out "$TMP/p0"
"$TOOLS/planq" "$TMP/p0/plan.json" >"$TMP/shape0"

# "V1 trip 1: MP-001 MP-002": each trip's vehicle and stops in order.
stops() {
	sed -n 's/^route [0-9]* \([^ ]*\) trip \([0-9]*\) load [0-9]*: /\1 trip \2: /p' "$1" |
		LC_ALL=C sort
}
changed() {
	pdftotext -layout "$1/changes.pdf" - |
		sed -n 's/^\([0-9]*\) \/ [0-9]* .*$/\1/p'
}

# A meal point on a trip with room for 5 boxes more.
capacity() {
	awk -F, -v v="$1" 'NR == 1 { for (i = 1; i <= NF; i++)
		if ($i == "capacity_boxes") c = i }
		$1 == v { print $c }' "$ROOT/data/sample/vehicles.csv"
}
point=""
while read -r _ _ vehicle _ _ _ load rest; do
	load=${load%:}
	if [ $((load + 5)) -le "$(capacity "$vehicle")" ]; then
		point=${rest%% *}
		break
	fi
done <"$TMP/shape0"
regular=$(sqlite3 "$db" "SELECT boxes FROM orders WHERE date = '$day' AND
	meal_point_id = '$point' AND diet = 'regular'")
"$MEALRUN" order "$db" --date $day --point "$point" --diet regular \
	--boxes $((${regular:-0} + 5)) >/dev/null 2>&1
# shellcheck disable=SC2086
expect_exit 0 "+5 boxes at $point: planned again with --keep" "$MEALRUN" \
	plan $BUDGET "$db" --date $day --out "$TMP/p1" --keep
"$TOOLS/planq" "$TMP/p1/plan.json" >"$TMP/shape1"
stops "$TMP/shape0" >"$TMP/a"
stops "$TMP/shape1" >"$TMP/b"
expect_same "+5 boxes: every trip keeps its stops in order" "$TMP/a" "$TMP/b"
if [ "$(changed "$TMP/p1")" = 1 ]; then
	ok "+5 boxes: the changes sheet names one trip changed"
else
	not_ok "+5 boxes: $(changed "$TMP/p1") trips changed, not 1"
fi
expect_grep "+5 boxes: and says what changed" \
	"$point 份数 Boxes" "$TMP/p1/changes.html"
expect_grep "plan.json names the plan it started from" '"based_on": 1' \
	"$TMP/p1/plan.json"
check_plan "$TMP/p1"

# One meal point cancelled: only its trip changes.
gone=$(sed -n 's/^route 1 [^:]*: \([^ ]*\).*/\1/p' "$TMP/shape1")
"$MEALRUN" order "$db" --date $day --point "$gone" --cancel --by test \
	>/dev/null 2>&1
# shellcheck disable=SC2086
expect_exit 0 "$gone cancelled: planned again with --keep" "$MEALRUN" plan \
	$BUDGET "$db" --date $day --out "$TMP/p2" --keep
"$TOOLS/planq" "$TMP/p2/plan.json" >"$TMP/shape2"
stops "$TMP/shape1" | sed "s/ $gone\$//; s/ $gone / /" >"$TMP/a"
stops "$TMP/shape2" >"$TMP/b"
expect_same "$gone cancelled: only its stop is gone" "$TMP/a" "$TMP/b"
if [ "$(changed "$TMP/p2")" = 1 ]; then
	ok "$gone cancelled: one trip changed"
else
	not_ok "$gone cancelled: $(changed "$TMP/p2") trips changed, not 1"
fi
expect_grep "$gone cancelled: the sheet says it was removed" \
	"取消 removed $gone" "$TMP/p2/changes.html"

# A van out of service: its trips go whole to others, the rest stay.
van=V5
trips=$(grep -c "^route [0-9]* $van " "$TMP/shape2")
# shellcheck disable=SC2086
expect_exit 0 "$van out of service: planned again with --keep" "$MEALRUN" \
	plan $BUDGET "$db" --date $day --out "$TMP/p3" --keep --without $van
"$TOOLS/planq" "$TMP/p3/plan.json" >"$TMP/shape3"
if grep -q "^route [0-9]* $van \|^unassigned" "$TMP/shape3"; then
	not_ok "$van out of service: it still drives, or orders are left out"
	show "$TMP/shape3"
else
	ok "$van out of service: it does not drive and nothing is left out"
fi
stops "$TMP/shape2" | grep -v "^$van " >"$TMP/a"
stops "$TMP/shape3" | grep -x -F -f "$TMP/a" >"$TMP/b"
expect_same "$van out of service: the other vans' trips stay" "$TMP/a" \
	"$TMP/b"
if [ "$(changed "$TMP/p3")" = "$trips" ]; then
	ok "$van out of service: its $trips trips are the ones changed"
else
	not_ok "$van out of service: $(changed "$TMP/p3") trips changed, not $trips"
fi
expect_grep "$van out of service: the sheet says where its trips went" \
	"$van → V" "$TMP/p3/changes.html"
expect_grep "the pages to reprint are named" "Reprint dispatch pages: [0-9]" \
	"$TMP/p3/changes.html"
check_plan "$TMP/p3"

# A large van out of service: its trips fit no other van whole. --keep
# leaves out no more than a plan made afresh without it would, and
# changes.pdf says the day was planned again.
van=V2
# shellcheck disable=SC2086
expect_exit 0 "$van out of service: planned again with --keep" "$MEALRUN" \
	plan $BUDGET "$db" --date $day --out "$TMP/p4" --keep --without $van \
	--no-save
# shellcheck disable=SC2086
"$MEALRUN" plan $BUDGET "$db" --date $day --out "$TMP/p4-afresh" \
	--without $van --no-save --quiet >/dev/null 2>&1
left() {
	"$TOOLS/planq" -d "$1/plan.json" | sed -n 's/^ordered [0-9]* unassigned \([0-9]*\) .*/\1/p'
}
if "$TOOLS/planq" "$TMP/p4/plan.json" | grep -q "^route [0-9]* $van " ||
	[ "$(left "$TMP/p4")" -gt "$(left "$TMP/p4-afresh")" ]; then
	not_ok "$van out of service: $(left "$TMP/p4") boxes left out, afresh $(left "$TMP/p4-afresh")"
else
	ok "$van out of service: no more left out than afresh ($(left "$TMP/p4"))"
fi
check_plan "$TMP/p4"

# Large vans out of service, the heated one too: their trips fit no
# other van whole, yet the day is not planned anew: at most two trips of
# the other vans change (they make room and move, whole or split); the
# others keep their stops, though their numbers may shift.
others_changed() {
	stops "$1" | grep -v "^$3 " | sed "s/ trip [0-9]*:/:/" >"$TMP/a"
	stops "$2" | sed "s/ trip [0-9]*:/:/" | grep -x -F -f "$TMP/a" >"$TMP/b"
	echo $(($(wc -l <"$TMP/a") - $(wc -l <"$TMP/b")))
}
for van in V2 V1; do
	# shellcheck disable=SC2086
	"$MEALRUN" plan $BUDGET "$db" --date $day --out "$TMP/p-$van" --keep \
		--without $van --no-save >"$TMP/out-$van" 2>&1
	"$TOOLS/planq" "$TMP/p-$van/plan.json" >"$TMP/shape-$van"
	n=$(others_changed "$TMP/shape3" "$TMP/shape-$van" $van)
	if grep -q "planned anew" "$TMP/out-$van" || [ "$n" -gt 2 ] ||
		grep -q "^route [0-9]* $van \|^unassigned" "$TMP/shape-$van"; then
		not_ok "$van out of service: $n other trips changed"
		show "$TMP/out-$van"
	else
		ok "$van out of service: nothing left out, $n other trips changed"
	fi
	# The other vans' trips that did not change keep their numbers.
	sed -n 's/^route \([0-9]*\) \([^ ]*\) trip [0-9]* load [0-9]*: /\1 \2: /p' \
		"$TMP/shape3" | grep -v "^[0-9]* $van:" >"$TMP/ids-a"
	sed -n 's/^route \([0-9]*\) \([^ ]*\) trip [0-9]* load [0-9]*: /\1 \2: /p' \
		"$TMP/shape-$van" >"$TMP/ids-b"
	renumbered=$(awk 'NR == FNR { now[substr($0, index($0, " "))] = $1; next }
		{ k = substr($0, index($0, " ")) }
		(k in now) && now[k] != $1 { n++ } END { print n + 0 }' \
		"$TMP/ids-b" "$TMP/ids-a")
	if [ "$renumbered" -eq 0 ]; then
		ok "$van out of service: the unchanged trips keep their numbers"
	else
		not_ok "$van out of service: $renumbered unchanged trips renumbered"
	fi
done

# --keep without a saved plan, and an unknown van.
expect_exit 66 "--keep without a saved plan" "$MEALRUN" plan $BUDGET "$db" \
	--date 2026-11-24 --out "$TMP/p4" --keep
expect_exit 2 "--without a van the kitchen does not have" "$MEALRUN" plan \
	$BUDGET "$db" --date $day --out "$TMP/p5" --without V9

done_testing
