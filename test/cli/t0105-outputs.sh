#!/bin/sh
# A plan's outputs are one whole: an --out that cannot take them is
# refused before the plan is made, a second plan into the same --out is
# refused while the first writes, SIGINT and SIGTERM stop a plan and leave
# --out and the database as they were, as does a killed process writing
# the kitchen's sheets, nothing of an older plan stays, and
# a link planted in --out overwrites nothing.
. "$(dirname "$0")/../lib.sh"

new_db sample "$ROOT/data/sample" || exit 1
db="$TMP/sample.db"
out="$TMP/plan-out"
budget="$BUDGET --quiet"
plans() {
	sqlite3 "$db" 'SELECT count(*) FROM plans'
}
snapshot() {
	(cd "$1" && find . | LC_ALL=C sort | while read -r f; do
		if [ -f "$f" ]; then sha256sum "$f"; else echo "$f"; fi
	done)
}

# shellcheck disable=SC2086
expect_exit 0 "a first plan" "$MEALRUN" plan "$db" --date 2026-11-23 \
	--out "$out" $budget
snapshot "$out" >"$TMP/first"

# --out that is not a plan's folder, or cannot be made: refused at once,
# nothing saved.
mkdir "$TMP/home"
echo "a letter" >"$TMP/home/letter.txt"
before=$(plans)
# shellcheck disable=SC2086
expect_exit 73 "a folder of other files is refused as --out" "$MEALRUN" \
	plan "$db" --date 2026-11-24 --out "$TMP/home" $budget
expect_grep "the refusal says why" "are not a plan's" "$TMP/err"
expect_grep "and the letter is still there" "a letter" "$TMP/home/letter.txt"
# A plan.json among files of somebody's (the database itself, notes), as
# a folder an older mealrun wrote into might hold: refused, all kept.
cp "$out/plan.json" "$TMP/home/plan.json"
cp "$db" "$TMP/home/kitchen.db"
# shellcheck disable=SC2086
expect_exit 73 "a folder with a plan.json and other files is refused" \
	"$MEALRUN" plan "$TMP/home/kitchen.db" --date 2026-11-24 \
	--out "$TMP/home" $budget
if [ -s "$TMP/home/kitchen.db" ] && [ -s "$TMP/home/letter.txt" ]; then
	ok "the database and the letter beside the plan.json are kept"
else
	not_ok "files beside the plan.json were lost"
fi
echo "not a folder" >"$TMP/file"
# shellcheck disable=SC2086
expect_exit 73 "an --out below a file is refused" "$MEALRUN" plan "$db" \
	--date 2026-11-24 --out "$TMP/file/plan" $budget
if [ "$(plans)" -eq "$before" ]; then
	ok "no plan was saved for the refused outputs"
else
	not_ok "a plan was saved for outputs that were refused"
fi

# A second plan into an --out being written is refused; the first, held
# at a point while it writes, then finishes.
# shellcheck disable=SC2086
MEALRUN_STOP_AT=outputs:STOP "$MEALRUN" plan "$db" --date 2026-11-24 \
	--out "$out" $budget >"$TMP/held.out" 2>&1 &
held=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	# the state, third in /proc/PID/stat: T once it stopped itself
	state=$(sed 's/.*) //' "/proc/$held/stat" 2>/dev/null)
	case "$state" in T*) break ;; esac
	sleep 0.5
done
modes=$(find "$TMP" -maxdepth 1 -name '.plan-out.new-*' -exec stat -c %a {} +)
if [ "$modes" = 700 ]; then
	ok "the outputs are written in a private folder"
else
	not_ok "the outputs are written in a folder of mode '$modes', not 700"
fi
# shellcheck disable=SC2086
expect_exit 75 "a second plan into the same --out is refused" "$MEALRUN" \
	plan "$db" --date 2026-11-25 --out "$out" $budget
expect_grep "the refusal names the other plan" "another plan is writing" \
	"$TMP/err"
kill -CONT "$held"
wait "$held"
status=$?
if [ "$status" -eq 0 ]; then
	ok "the first plan finishes when continued"
else
	not_ok "the first plan finishes when continued (exit $status)"
	show "$TMP/held.out"
fi
expect_grep "its outputs are in place" '"date": "2026-11-24"' \
	"$out/plan.json"
snapshot "$out" >"$TMP/second"

# SIGTERM and SIGINT while the sheets are written, and SIGINT at a few
# moments of a plan: the run ends by the signal, nothing is saved, and
# --out is as it was.
for how in outputs:TERM outputs:INT; do
	before=$(plans)
	# shellcheck disable=SC2086
	MEALRUN_STOP_AT=$how "$MEALRUN" plan "$db" --date 2026-11-25 \
		--out "$out" $budget >/dev/null 2>"$TMP/sig.err"
	status=$?
	case "$how:$status" in
	*TERM:143 | *INT:130) ok "$how: the plan ends by the signal" ;;
	*) not_ok "$how: the plan ends by the signal (exit $status)"
	   show "$TMP/sig.err" ;;
	esac
	expect_grep "$how: it says nothing was saved" "nothing was saved" \
		"$TMP/sig.err"
	if [ "$(plans)" -eq "$before" ]; then
		ok "$how: no plan saved"
	else
		not_ok "$how: a plan was saved"
	fi
	snapshot "$out" >"$TMP/now"
	expect_same "$how: --out is as it was" "$TMP/second" "$TMP/now"
done
# SIGINT while the plan is saved (held there, then continued): nothing
# is saved and --out is as it was.
before=$(plans)
# shellcheck disable=SC2086
MEALRUN_STOP_AT=save:STOP "$MEALRUN" plan "$db" --date 2026-11-25 \
	--out "$out" $budget >/dev/null 2>&1 &
held=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	state=$(sed 's/.*) //' "/proc/$held/stat" 2>/dev/null)
	case "$state" in T*) break ;; esac
	sleep 0.5
done
kill -INT "$held"
kill -CONT "$held"
wait "$held"
status=$?
if [ "$status" -eq 130 ] && [ "$(plans)" -eq "$before" ]; then
	ok "SIGINT while saving: ends by it, nothing saved"
else
	not_ok "SIGINT while saving: exit $status, $(plans) plans, not $before"
fi
snapshot "$out" >"$TMP/now"
expect_same "SIGINT while saving: --out is as it was" "$TMP/second" "$TMP/now"

for ms in 100 400 900; do
	# shellcheck disable=SC2086
	"$MEALRUN" plan "$db" --date 2026-11-26 --out "$out" $budget \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	status=$?
	date=$(sed -n 's/^  "date": "\(.*\)",$/\1/p' "$out/plan.json")
	if [ "$status" -eq 130 ] && [ "$date" = 2026-11-24 ]; then
		ok "SIGINT after $ms ms: ends by it; --out holds the previous plan"
	elif [ "$status" -eq 0 ] && [ "$date" = 2026-11-26 ]; then
		ok "SIGINT after $ms ms: came after the plan; --out holds it"
	else
		not_ok "SIGINT after $ms ms: exit $status, --out holds $date"
	fi
	expect_exit 0 "SIGINT after $ms ms: plan.json is whole" "$MEALRUN" \
		check "$out/plan.json"
done
left=$(find "$TMP" -maxdepth 1 -name '.plan-out.new-*' | wc -l)
if [ "$left" -eq 0 ]; then
	ok "the stopped plans left nothing beside --out"
else
	not_ok "the stopped plans left $left folders beside --out"
fi

# The process writing the kitchen's sheets killed: the plan fails and
# says so, nothing is saved, and --out is as it was.
before=$(plans)
snapshot "$out" >"$TMP/before-kid"
# shellcheck disable=SC2086
MEALRUN_STOP_AT=kitchen-sheets "$MEALRUN" plan "$db" --date 2026-11-25 \
	--out "$out" $budget >/dev/null 2>"$TMP/kid.err"
status=$?
if [ "$status" -eq 70 ] && [ "$(plans)" -eq "$before" ]; then
	ok "kitchen sheets' process killed: the plan fails, nothing saved"
else
	not_ok "kitchen sheets' process killed: exit $status, $(plans) plans, not $before"
	show "$TMP/kid.err"
fi
expect_grep "kitchen sheets' process killed: it says so" \
	"kitchen's sheets were not written" "$TMP/kid.err"
snapshot "$out" >"$TMP/now"
expect_same "kitchen sheets' process killed: --out is as it was" \
	"$TMP/before-kid" "$TMP/now"

# SIGTERM while the kitchen's sheets are written (their process held
# there): the plan does not wait for them, and ends by the signal.
# shellcheck disable=SC2086
MEALRUN_STOP_AT=kitchen-sheets:STOP "$MEALRUN" plan "$db" --date 2026-11-25 \
	--out "$out" $budget >/dev/null 2>&1 &
held=$!
# The process whose parent is $1, from /proc.
child_of() {
	for s in /proc/[0-9]*/stat; do
		ppid=$(sed 's/.*) //' "$s" 2>/dev/null | cut -d' ' -f2)
		if [ "$ppid" = "$1" ]; then
			s=${s#/proc/}
			echo "${s%/stat}"
			return
		fi
	done
}
kid=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	kid=$(child_of "$held")
	[ -n "$kid" ] && case "$(sed 's/.*) //' "/proc/$kid/stat" 2>/dev/null)" in
		T*) break ;; esac
	sleep 0.5
done
kill -TERM "$held"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	kill -0 "$held" 2>/dev/null || break
	sleep 0.5
done
if kill -0 "$held" 2>/dev/null; then
	not_ok "SIGTERM while the kitchen's sheets are written: the plan waits"
	[ -n "$kid" ] && kill -KILL "$kid" 2>/dev/null
	wait "$held"
else
	wait "$held"
	status=$?
	if [ "$status" -eq 143 ] && ! kill -0 "$kid" 2>/dev/null; then
		ok "SIGTERM while the kitchen's sheets are written: ends by it"
	else
		not_ok "SIGTERM while the kitchen's sheets are written: exit $status"
		[ -n "$kid" ] && kill -KILL "$kid" 2>/dev/null
	fi
fi
snapshot "$out" >"$TMP/now"
expect_same "SIGTERM while the kitchen's sheets are written: --out is as it was" \
	"$TMP/before-kid" "$TMP/now"

# Nothing of an older plan stays: as many trip maps and GPX files as
# trips, after a day with more trips.
# shellcheck disable=SC2086
"$MEALRUN" plan "$db" --date 2026-11-26 --out "$out" $budget >/dev/null 2>&1
# shellcheck disable=SC2086
"$MEALRUN" plan "$db" --date 2026-11-29 --out "$out" $budget >/dev/null 2>&1
trips=$(grep -c '"vehicle": "' "$out/plan.json")
maps=$(find "$out/maps" -name 'trip-*.svg' | wc -l)
gpx=$(find "$out/gpx" -name 'route-*.gpx' | wc -l)
if [ "$maps" -eq "$trips" ] && [ "$gpx" -eq "$trips" ]; then
	ok "$trips trips: $maps trip maps and $gpx GPX files"
else
	not_ok "$trips trips, but $maps trip maps and $gpx GPX files"
fi

# A link planted in --out, where a careless writer would follow it.
echo "precious" >"$TMP/victim"
ln -s "$TMP/victim" "$out/dispatch.pdf.tmp.1"
for f in plan.json dispatch.pdf index.html; do
	rm -f "$out/$f"
	ln -s "$TMP/victim" "$out/$f"
done
# shellcheck disable=SC2086
expect_exit 0 "a plan into an --out with planted links" "$MEALRUN" plan \
	"$db" --date 2026-11-23 --out "$out" $budget
expect_grep "the file the links point at is untouched" "^precious$" \
	"$TMP/victim"
if [ -f "$out/plan.json" ] && [ ! -L "$out/plan.json" ]; then
	ok "plan.json is a file of its own again"
else
	not_ok "plan.json is still a link"
fi

done_testing
