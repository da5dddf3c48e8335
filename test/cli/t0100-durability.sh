#!/bin/sh
# Durability: imports and plans killed with SIGKILL at various moments
# leave the database consistent and the previous outputs whole; two
# imports at once both succeed or one says the database is busy, and no
# order is lost.
. "$(dirname "$0")/../lib.sh"

new_db sample "$ROOT/data/sample" || exit 1
db="$TMP/sample.db"
out="$TMP/plan-out"
expect_exit 0 "a first plan" "$MEALRUN" plan "$db" --date 2026-11-23 \
	--out "$out" --quiet
cp "$out/plan.json" "$TMP/first.json"

# delays in milliseconds after which the run is killed
for ms in 5 20 60 150 300 600; do
	"$MEALRUN" plan "$db" --date 2026-11-24 --out "$out" --quiet \
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
