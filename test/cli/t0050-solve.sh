#!/bin/sh
# mealrun solve: Solomon instances answered as DESIGN.md says, checked by
# an independent checker, proved optimal when small, the same for the same
# seed; VROOM problems answered in VROOM's format; bad files refused.
. "$(dirname "$0")/../lib.sh"

tiny="$FIXTURES/solomon/tiny12.txt"
expect_exit 0 "solve a small Solomon instance" "$MEALRUN" solve \
	--solomon "$tiny" --iterations 20000 --quiet
cp "$TMP/out" "$TMP/tiny.json"
for key in instance vehicles distance routes elapsed_s; do
	expect_grep "the answer has $key" "\"$key\":" "$TMP/tiny.json"
done
if "$TOOLS/solomon-check" "$tiny" "$TMP/tiny.json" >"$TMP/check"; then
	ok "the answer is feasible to an independent check: $(cat "$TMP/check")"
else
	not_ok "the answer is feasible to an independent check"
	show "$TMP/check"
fi
expect_grep "12 customers prove optimal" '"proved_optimal":true' \
	"$TMP/tiny.json"

# The same seed and iterations: the same routes (elapsed_s aside).
strip() { sed 's/"elapsed_s":[0-9.e+-]*,//' "$1"; }
"$MEALRUN" solve --solomon "$tiny" --iterations 3000 --seed 7 --quiet \
	>"$TMP/a.json" 2>/dev/null
"$MEALRUN" solve --solomon "$tiny" --iterations 3000 --seed 7 --quiet \
	>"$TMP/b.json" 2>/dev/null
strip "$TMP/a.json" >"$TMP/a"
strip "$TMP/b.json" >"$TMP/b"
expect_same "same seed, same answer" "$TMP/a" "$TMP/b"

expect_exit 0 "progress goes to stderr" "$MEALRUN" solve --solomon "$tiny" \
	--iterations 2000
expect_grep "progress names the best cost" "best [0-9]" "$TMP/err"

for f in "$ROOT"/test/bad/solomon/*.txt; do
	expect_exit 65 "$(basename "$f") is refused" "$MEALRUN" solve \
		--solomon "$f" --quiet
	expect_grep "$(basename "$f"): the message names file and line" \
		"$(basename "$f"):[0-9]" "$TMP/err"
done
expect_exit 66 "a missing instance" "$MEALRUN" solve --solomon \
	"$TMP/none.txt"
expect_exit 2 "solve needs a problem" "$MEALRUN" solve
expect_exit 2 "solve takes one problem" "$MEALRUN" solve --solomon "$tiny" \
	--vroom "$FIXTURES/vroom/matrix.json"

# VROOM: a custom matrix; job 5 is larger than any vehicle.
expect_exit 3 "solve a VROOM problem with a matrix" "$MEALRUN" solve \
	--vroom "$FIXTURES/vroom/matrix.json" --quiet
cp "$TMP/out" "$TMP/vroom.json"
expect_grep "VROOM code 0" '"code": 0' "$TMP/vroom.json"
expect_grep "VROOM summary cost" '"cost": [0-9]' "$TMP/vroom.json"
expect_grep "VROOM start steps" '"type": "start"' "$TMP/vroom.json"
expect_grep "VROOM job steps carry arrival" '"arrival": [0-9]' \
	"$TMP/vroom.json"
expect_grep "VROOM end steps" '"type": "end"' "$TMP/vroom.json"
expect_grep "the oversized job is unassigned" '"reason": "too_large"' \
	"$TMP/vroom.json"
jobs=$(grep -c '"job": [0-9]' "$TMP/vroom.json")
if [ "$jobs" -eq 4 ]; then ok "the other four jobs are routed"; else
	not_ok "the other four jobs are routed ($jobs)"; fi

expect_exit 0 "VROOM without a matrix uses the road provider" "$MEALRUN" \
	solve --vroom "$FIXTURES/vroom/coordinates.json" --quiet
expect_grep "coordinates come back in steps" '"location": \[' "$TMP/out"
expect_grep "distances are given" '"distance": [0-9]' "$TMP/out"

expect_exit 65 "VROOM shipments are refused" "$MEALRUN" solve --vroom \
	"$FIXTURES/vroom/shipments.json" --quiet
expect_grep "the refusal is VROOM's input error" '"code":2' "$TMP/out"
expect_grep "the refusal names the field" "shipments" "$TMP/err"

# 6,000 jobs in a process limited to 600 MB: the travel tables would not
# fit, and the refusal comes before they are allocated, with their size.
awk 'BEGIN {
	printf "{\"vehicles\": [{\"id\": 1, \"start\": [15.6, 48.4], "
	printf "\"capacity\": [100000]}], \"jobs\": ["
	for (i = 1; i <= 6000; i++)
		printf "%s{\"id\": %d, \"location\": [%.5f, %.5f], " \
			"\"delivery\": [1]}", (i > 1 ? ", " : ""), i,
			15.5 + (i % 97) * 0.002, 48.3 + (i % 89) * 0.002
	printf "]}\n" }' >"$TMP/big.json"
# A sanitized build cannot start under such a limit.
if (ulimit -v 600000 && "$MEALRUN" --version) >/dev/null 2>&1; then
	expect_exit 65 "too large for the memory it may use: refused" sh -c \
		'ulimit -v 600000; exec "$0" solve --vroom "$1" --quiet' \
		"$MEALRUN" "$TMP/big.json"
	expect_grep "the refusal gives the size" \
		"6001 places need travel tables of [0-9]* MB, more than the" \
		"$TMP/err"
else
	skip "too large for memory: this build cannot run under a limit"
	skip "the refusal gives the size: this build cannot run under a limit"
fi

done_testing
