#!/bin/sh
# The command line: help for every command, usage errors, exit codes.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "--help lists the commands" "$MEALRUN" --help
for c in init import plan check; do
	expect_grep "--help lists $c" "^  $c " "$TMP/out"
done

for c in init import plan check help; do
	expect_exit 0 "$c --help" "$MEALRUN" "$c" --help
	expect_grep "$c --help shows its usage" "^usage: mealrun $c" "$TMP/out"
done

expect_exit 2 "no command is a usage error" "$MEALRUN"
expect_exit 2 "an unknown command is a usage error" "$MEALRUN" frobnicate
expect_grep "an unknown command is named" "no command 'frobnicate'" "$TMP/err"
expect_exit 2 "plan without --date" "$MEALRUN" plan "$TMP/x.db" --out "$TMP/o"
expect_grep "a usage error says where to look" \
	"try 'mealrun plan --help'" "$TMP/err"
expect_exit 2 "plan with a bad date" "$MEALRUN" plan "$TMP/x.db" \
	--date 2030-02-30 --out "$TMP/o"
expect_exit 2 "plan with an unknown option" "$MEALRUN" plan "$TMP/x.db" \
	--date 2030-03-04 --out "$TMP/o" --fast
expect_exit 2 "plan with an unknown meal" "$MEALRUN" plan "$TMP/x.db" \
	--date 2030-03-04 --meal brunch --out "$TMP/o"
expect_exit 66 "plan on a missing database" "$MEALRUN" plan "$TMP/x.db" \
	--date 2030-03-04 --out "$TMP/o"
expect_grep "a missing database says how to make one" "mealrun init" \
	"$TMP/err"
expect_exit 66 "check of a missing plan" "$MEALRUN" check "$TMP/none.json"
expect_exit 0 "--version" "$MEALRUN" --version
expect_grep "--version prints the version" "^mealrun [0-9]" "$TMP/out"

done_testing
