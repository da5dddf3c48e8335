#!/bin/sh
# Durability: plans killed while they save and while they write their
# outputs (MEALRUN_STOP_AT, see util/stop.h), and imports and plans killed
# at various moments, leave the database consistent and the previous
# outputs whole; two imports at once both succeed or one says the database
# is busy, and no order is lost.
. "$(dirname "$0")/../lib.sh"

new_db sample "$ROOT/data/sample" || exit 1
db="$TMP/sample.db"
out="$TMP/plan-out"
budget="$BUDGET --quiet"
# shellcheck disable=SC2086
expect_exit 0 "a first plan" "$MEALRUN" plan "$db" --date 2026-11-23 \
	--out "$out" $budget

# Every file of the outputs with its checksum.
snapshot() {
	(cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum)
}
snapshot "$out" >"$TMP/first.sums"
plans() {
	sqlite3 "$db" 'SELECT count(*) FROM plans'
}

# Killed at a named point of a plan of another day: while the plan is
# saved (inside the transaction), while its outputs are written, and
# just before they take the place of the previous ones.
for point in save outputs swap; do
	before=$(plans)
	# shellcheck disable=SC2086
	MEALRUN_STOP_AT=$point "$MEALRUN" plan "$db" --date 2026-11-24 \
		--out "$out" $budget >/dev/null 2>&1
	status=$?
	if [ "$status" -eq 137 ]; then
		ok "killed at '$point' (SIGKILL)"
	else
		not_ok "killed at '$point' (exit $status, expected 137)"
	fi
	if [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]; then
		ok "killed at '$point': the database is consistent"
	else
		not_ok "killed at '$point': the database is consistent"
	fi
	# The outputs are written before the plan is saved, and put in place
	# after it is.
	want=$before
	[ "$point" = swap ] && want=$((before + 1))
	if [ "$(plans)" -eq "$want" ]; then
		ok "killed at '$point': $want plans saved"
	else
		not_ok "killed at '$point': $(plans) plans saved, expected $want"
	fi
	snapshot "$out" >"$TMP/now.sums"
	expect_same "killed at '$point': the previous outputs are whole" \
		"$TMP/first.sums" "$TMP/now.sums"
done

# The next plan replaces the outputs whole and clears what the killed
# runs left beside them.
# shellcheck disable=SC2086
expect_exit 0 "a plan after the kills" "$MEALRUN" plan "$db" \
	--date 2026-11-24 --out "$out" $budget
expect_exit 0 "its outputs check" "$MEALRUN" check "$out/plan.json"
expect_grep "its outputs are of its day" '"date": "2026-11-24"' \
	"$out/plan.json"
left=$(find "$TMP" -maxdepth 1 -name '.plan-out.new-*' | wc -l)
if [ "$left" -eq 0 ]; then
	ok "nothing left beside the outputs"
else
	not_ok "$left folders left beside the outputs"
fi
cp "$out/plan.json" "$TMP/first.json"

# delays in milliseconds after which the run is killed
for ms in 5 20 60 150 300 600; do
	# shellcheck disable=SC2086
	"$MEALRUN" plan "$db" --date 2026-11-25 --out "$out" $budget \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	"$MEALRUN" import "$db" "$ROOT/data/sample/orders-2026-11-25.csv" \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { print m / 3000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]; then
		ok "killed after $ms ms: the database is consistent"
	else
		not_ok "killed after $ms ms: the database is consistent"
	fi
	expect_exit 0 "killed after $ms ms: plan.json is whole" "$MEALRUN" \
		check "$out/plan.json"
done

# Two imports at once.
"$MEALRUN" import "$db" "$ROOT/data/sample/orders-2026-11-26.csv" \
	>"$TMP/a.out" 2>&1 &
a=$!
"$MEALRUN" import "$db" "$ROOT/data/sample/orders-2026-11-27.csv" \
	>"$TMP/b.out" 2>&1 &
b=$!
wait "$a"
ra=$?
wait "$b"
rb=$?
case "$ra $rb" in
"0 0" | "0 75" | "75 0") ok "two imports at once: $ra and $rb" ;;
*) not_ok "two imports at once: $ra and $rb"; show "$TMP/a.out"; show "$TMP/b.out" ;;
esac
n26=$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE date = '2026-11-26'")
n27=$(sqlite3 "$db" "SELECT count(*) FROM orders WHERE date = '2026-11-27'")
want26=$(($(wc -l <"$ROOT/data/sample/orders-2026-11-26.csv") - 1))
want27=$(($(wc -l <"$ROOT/data/sample/orders-2026-11-27.csv") - 1))
if [ "$n26" -eq "$want26" ] && [ "$n27" -eq "$want27" ]; then
	ok "no order lost"
else
	not_ok "no order lost ($n26/$want26, $n27/$want27)"
fi

done_testing
