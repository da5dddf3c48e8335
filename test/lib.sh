# Shared by the command tests in test/cli/: TAP output, a scratch
# directory, and the paths of the binary, the test tools and the fixtures.
# Each test file sources this, runs its checks and ends with `done_testing`.

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build/default}
MEALRUN="$ROOT/mealrun"
TOOLS="$ROOT/$BUILD/test"
FIXTURES="$ROOT/test/fixtures"
SHARED="$ROOT/../shared"
GPX_XSD="$SHARED/data/schema/gpx-1.1.xsd"

# A small work budget for the tests' plans, so that the suite is quick;
# the default budget is measured by scripts/bench-plan. Used unquoted.
BUDGET="--iterations 500"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
test_count=0

ok() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $*"
}

not_ok() {
	test_count=$((test_count + 1))
	echo "not ok $test_count - $*"
}

skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP $*"
}

# Shows the start of a file as TAP comments.
show() {
	head -n 30 "$1" | sed 's/^/#   /'
}

# expect_exit CODE DESCRIPTION COMMAND...: runs the command with its output
# in $TMP/out and $TMP/err, and passes when it exits with CODE.
expect_exit() {
	want=$1
	desc=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$desc"
	else
		not_ok "$desc (exit $got, expected $want)"
		show "$TMP/err"
	fi
}

# expect_grep DESCRIPTION PATTERN FILE: passes when FILE has PATTERN.
expect_grep() {
	if grep -q -e "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1 (no '$2' in $(basename "$3"))"
		show "$3"
	fi
}

# expect_same DESCRIPTION EXPECTED ACTUAL: passes when the files are equal.
expect_same() {
	if diff -u "$2" "$3" >"$TMP/diff"; then
		ok "$1"
	else
		not_ok "$1"
		show "$TMP/diff"
	fi
}

# new_db NAME FIXTURE...: a fresh database with the fixtures imported.
new_db() {
	db="$TMP/$1.db"
	shift
	"$MEALRUN" init "$db" 2>/dev/null && "$MEALRUN" import "$db" "$@" \
		>/dev/null 2>"$TMP/import.err" ||
		{ show "$TMP/import.err"; return 1; }
}

# db_digest DB: a digest of the database file and its write-ahead log.
db_digest() {
	cat "$1" "$1-wal" 2>/dev/null | sha256sum | cut -d' ' -f1
}

# check_gpx FILE...: validates GPX files against the GPX 1.1 schema, or
# skips where ../shared is not beside the project.
check_gpx() {
	if [ ! -f "$GPX_XSD" ]; then
		skip "GPX schema not found at $GPX_XSD; GPX not validated"
		return
	fi
	if "$TOOLS/xsdcheck" "$GPX_XSD" "$@" >"$TMP/xsd" 2>&1; then
		ok "$# GPX files valid against gpx-1.1.xsd"
	else
		not_ok "GPX files valid against gpx-1.1.xsd"
		show "$TMP/xsd"
	fi
}

# check_plan DIR: `mealrun check` accepts DIR/plan.json.
check_plan() {
	expect_exit 0 "mealrun check accepts $(basename "$1")/plan.json" \
		"$MEALRUN" check "$1/plan.json"
}

# start_server MODE: runs test/tools/fakeserver MODE on 127.0.0.1 in the
# background; sets $port_url (http://127.0.0.1:PORT) and $pid. Its log of
# requests is $TMP/port.log, the Authorization it got $TMP/port.auth.
start_server() {
	rm -f "$TMP/port" "$TMP/port.log" "$TMP/port.auth"
	"$TOOLS/fakeserver" "$1" "$TMP/port" &
	pid=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -s "$TMP/port" ] && break
		sleep 0.1
	done
	port_url="http://127.0.0.1:$(cat "$TMP/port")"
}

stop_server() {
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

done_testing() {
	echo "1..$test_count"
}
