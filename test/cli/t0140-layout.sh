#!/bin/sh
# The layout of the source, as the README's layout table states it: each
# folder includes only the folders it may use (no include runs back up),
# every third-party header stays in the files named for it, no file of
# product code is over 1,000 lines and no function over 120.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1

# folder: the folders whose headers its files may include
may_use() {
	case $1 in
	util) echo "util" ;;
	data) echo "util data" ;;
	geo) echo "util geo" ;;
	kitchen) echo "util data kitchen" ;;
	planner/vrp) echo "util geo planner/vrp" ;;
	planner) echo "util data geo kitchen planner/vrp planner" ;;
	planner/sheets) echo "util data geo kitchen planner/vrp planner \
planner/sheets" ;;
	esac
}

for dir in util data geo kitchen planner/vrp planner planner/sheets; do
	allowed=$(may_use "$dir")
	bad=""
	for f in "$dir"/*.c "$dir"/*.h; do
		# The command line sits on top of everything.
		[ "$f" = planner/main.c ] && continue
		[ "$f" = planner/cmd_record.c ] && continue
		for inc in $(sed -n 's/^#include "\([a-z_/]*\)\/[a-z_]*\.h".*/\1/p' "$f"); do
			case " $allowed " in
			*" $inc "*) ;;
			*) bad="$bad $f:$inc" ;;
			esac
		done
	done
	if [ -z "$bad" ]; then
		ok "$dir includes only from: $allowed"
	else
		not_ok "$dir includes from a folder above it:$bad"
	fi
done

# header pattern, then the only files that may include it
while read -r header files; do
	found=$(grep -l "^#include <$header" util/*.[ch] data/*.[ch] geo/*.[ch] \
		kitchen/*.[ch] planner/*.[ch] planner/*/*.[ch] | sort | tr '\n' ' ')
	extra=""
	for f in $found; do
		case " $files " in
		*" $f "*) ;;
		*) extra="$extra $f" ;;
		esac
	done
	if [ -z "$extra" ]; then
		ok "<$header> only in $files"
	else
		not_ok "<$header> also in$extra"
	fi
done <<'EOF'
sqlite3\.h data/store_internal.h
glpk\.h kitchen/mip.h kitchen/mip.c planner/vrp/pool.c planner/vrp/exact.c
curl/curl\.h util/http.c
\(cairo\|pango\|librsvg\) planner/sheets/sheet_pdf.c
csv\.h data/csvfile.c
readosm\.h geo/osm_read.c
qrencode\.h planner/sheets/qr.c
EOF

long_files=$(wc -l util/*.[ch] data/*.[ch] geo/*.[ch] kitchen/*.[ch] \
	planner/*.[ch] planner/*/*.[ch] | awk '$2 != "total" && $1 > 1000')
if [ -z "$long_files" ]; then
	ok "no source file over 1,000 lines"
else
	not_ok "source files over 1,000 lines: $long_files"
fi

# A function's body opens with "{" and closes with "}" in the first column.
long_functions=$(awk '
	/^\{/ { start = FNR; name = prev; next }
	/^\}/ { if (start && FNR - start + 1 > 120)
			printf " %s:%d(%d lines)", FILENAME, start, FNR - start + 1
		start = 0; next }
	/^[A-Za-z_].*\(/ { prev = $0 }' util/*.c data/*.c geo/*.c kitchen/*.c \
	planner/*.c planner/*/*.c)
if [ -z "$long_functions" ]; then
	ok "no function over 120 lines"
else
	not_ok "functions over 120 lines:$long_functions"
fi

done_testing
