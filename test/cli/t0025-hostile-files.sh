#!/bin/sh
# Databases and files that are not what they seem: a schema version
# changed by hand, an empty file, somebody else's SQLite database, a FIFO
# among the CSV files, and a disk that fills up during an import or while
# a plan writes its outputs. Each is a clear message and a sysexits code,
# with the database and the outputs as they were.
. "$(dirname "$0")/../lib.sh"

digest() {
	sqlite3 "$1" .dump | sha256sum
}

# A schema version that is negative, or older than the tables say.
for version in -1 1; do
	new_db "v$version" "$FIXTURES/town" || exit 1
	db="$TMP/v$version.db"
	sqlite3 "$db" "PRAGMA user_version = $version"
	before=$(digest "$db")
	expect_exit 65 "schema version $version: refused" "$MEALRUN" import \
		"$db" "$FIXTURES/town/orders.csv"
	expect_grep "schema version $version: the message says why" \
		"schema version $version" "$TMP/err"
	if [ "$(digest "$db")" = "$before" ]; then
		ok "schema version $version: the database is unchanged"
	else
		not_ok "schema version $version: the database changed"
	fi
done

# An empty file, and a database of somebody else's.
: >"$TMP/empty.db"
expect_exit 65 "an empty file is not a database" "$MEALRUN" import \
	"$TMP/empty.db" "$FIXTURES/town"
expect_grep "the message says it is empty" "an empty file" "$TMP/err"
if [ ! -s "$TMP/empty.db" ]; then
	ok "the empty file stays empty"
else
	not_ok "the empty file was written"
fi
sqlite3 "$TMP/other.db" "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x')"
before=$(digest "$TMP/other.db")
expect_exit 65 "somebody else's database is refused" "$MEALRUN" import \
	"$TMP/other.db" "$FIXTURES/town"
expect_grep "the message says whose it is not" "not a mealrun database" \
	"$TMP/err"
if [ "$(digest "$TMP/other.db")" = "$before" ]; then
	ok "somebody else's database is unchanged"
else
	not_ok "somebody else's database changed"
fi

# A FIFO among the CSV files, or named by itself: refused at once.
new_db fifo "$FIXTURES/town" || exit 1
mkdir "$TMP/csv"
cp "$FIXTURES/town/orders.csv" "$TMP/csv/"
mkfifo "$TMP/csv/meal_points.csv"
expect_exit 66 "a FIFO in an import folder is refused" timeout 20 \
	"$MEALRUN" import "$TMP/fifo.db" "$TMP/csv"
expect_grep "the FIFO is named" "meal_points.csv: not a regular file (a FIFO)" \
	"$TMP/err"
expect_exit 66 "a FIFO named by itself is refused" timeout 20 \
	"$MEALRUN" import "$TMP/fifo.db" "$TMP/csv/meal_points.csv"

# A disk that fills: a small tmpfs, where the test may mount one.
small="$TMP/small"
mkdir "$small"
if mount -t tmpfs -o size=8m tmpfs "$small" 2>/dev/null; then
	trap 'umount "$small" 2>/dev/null; rm -rf "$TMP"' EXIT
	"$MEALRUN" init "$small/k.db" 2>/dev/null &&
		"$MEALRUN" import "$small/k.db" "$FIXTURES/town" >/dev/null 2>&1
	awk 'BEGIN {
		print "date,meal,meal_point,diet,boxes"
		n = split("A B C D E", mp, " ")
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= 28; d++)
				for (i = 1; i <= n; i++) {
					printf "2031-%02d-%02d,lunch,%s,regular,5\n",
						m, d, mp[i]
					printf "2031-%02d-%02d,lunch,%s,low_salt,2\n",
						m, d, mp[i]
				}
	}' >"$TMP/orders-2031.csv"
	# Fill the disk but for less than a year of orders needs.
	dd if=/dev/zero of="$small/filler" bs=1k \
		count=$(($(df -k "$small" | awk 'NR == 2 { print $4 }') - 150)) \
		2>/dev/null
	before=$(digest "$small/k.db")
	"$MEALRUN" import "$small/k.db" "$TMP/orders-2031.csv" >/dev/null \
		2>"$TMP/err"
	status=$?
	case $status in
	74) ok "a full disk during an import is exit 74" ;;
	*) not_ok "a full disk during an import is exit $status, not 74"
	   show "$TMP/err" ;;
	esac
	if [ "$(digest "$small/k.db")" = "$before" ]; then
		ok "the database is as it was"
	else
		not_ok "the database changed"
	fi
	rm -f "$small/filler"
	expect_exit 3 "a plan into the small disk" "$MEALRUN" plan $BUDGET \
		"$small/k.db" --date 2030-03-04 --out "$small/out" --no-save
	(cd "$small/out" && find . -type f | LC_ALL=C sort | xargs sha256sum) \
		>"$TMP/before.sums"
	dd if=/dev/zero of="$small/filler" bs=1k \
		count=$(($(df -k "$small" | awk 'NR == 2 { print $4 }') - 8)) \
		2>/dev/null
	"$MEALRUN" plan $BUDGET "$small/k.db" --date 2030-03-04 \
		--out "$small/out" --no-save >/dev/null 2>"$TMP/err"
	status=$?
	case $status in
	74 | 73) ok "a full disk while the outputs are written is exit $status" ;;
	*) not_ok "a full disk while the outputs are written is exit $status"
	   show "$TMP/err" ;;
	esac
	(cd "$small/out" && find . -type f | LC_ALL=C sort | xargs sha256sum) \
		>"$TMP/after.sums"
	expect_same "the previous outputs are whole" "$TMP/before.sums" \
		"$TMP/after.sums"
	if [ "$(find "$small" -maxdepth 1 -name '.out.new-*' | wc -l)" -eq 0 ]
	then
		ok "nothing is left beside them"
	else
		not_ok "a half-written folder is left beside them"
	fi
	umount "$small"
else
	for t in "full disk during an import" "the database as it was" \
		"a plan into the small disk" "full disk while writing outputs" \
		"the previous outputs whole" "nothing left beside them"; do
		skip "$t: cannot mount a small tmpfs here"
	done
fi

done_testing
