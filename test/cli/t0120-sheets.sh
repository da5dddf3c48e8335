#!/bin/sh
# The printable sheets looked at as a person would: the PDFs rendered with
# pdftoppm and read back with pdftotext and pdffonts, the HTML printed by
# headless Chromium. Pages: a trip per page plus its continuations; no text
# or ink off the page; a Chinese font embedded; every total printed equal
# to plan.json; the languages; index.html's links.
. "$(dirname "$0")/../lib.sh"

for tool in pdftoppm pdftotext pdffonts pdfinfo chromium; do
	if ! command -v "$tool" >/dev/null; then
		not_ok "$tool is installed (scripts/install-deps installs it)"
		done_testing
		exit 1
	fi
done

# The content box of the PDF sheets in points: 10 mm at the sides, 12 mm
# at the top, and the footer inside 16 mm at the bottom.
X0=28.0 X1=567.5 Y0=33.5 Y1=831.0

pages() {
	pdfinfo "$1" | sed -n 's/^Pages: *//p'
}

# inside DESC FILE X0 X1 Y0 Y1: every word pdftotext finds lies in the box.
inside() {
	pdftotext -bbox-layout "$2" "$TMP/bbox.html"
	awk -v x0="$3" -v x1="$4" -v y0="$5" -v y1="$6" '
		function attr(name) {
			if (!match($0, name "=\"[-0-9.]+\""))
				return "";
			return substr($0, RSTART + length(name) + 2,
				      RLENGTH - length(name) - 3) + 0
		}
		/<page / { page++ }
		/<word / {
			words++
			if (attr("xMin") < x0 || attr("xMax") > x1 ||
			    attr("yMin") < y0 || attr("yMax") > y1) {
				bad++
				if (bad <= 5) print "#   page " page ": " $0
			}
		}
		END { if (!words) print "#   no words"; exit bad || !words }
	' "$TMP/bbox.html" >"$TMP/outside"
	if [ $? -eq 0 ]; then ok "$1"; else not_ok "$1"; cat "$TMP/outside"; fi
}

# cjk_font DESC FILE: a Noto Sans CJK font is embedded.
cjk_font() {
	if pdffonts "$2" | grep 'NotoSansCJK' | grep -q ' yes '; then
		ok "$1"
	else
		not_ok "$1"
		pdffonts "$2" | sed 's/^/#   /'
	fi
}

# rendered DESC FILE: pdftoppm renders every page; no page is blank and
# none has ink within 5 mm of its edges.
rendered() {
	rm -f "$TMP"/page-*.pgm
	pdftoppm -gray -r 30 "$2" "$TMP/page"
	set -- "$1" "$(pages "$2")" "$TMP"/page-*.pgm
	desc=$1 want=$2
	shift 2
	if [ "$#" -eq "$want" ] && "$TOOLS/inkcheck" 6 "$@" >"$TMP/ink"; then
		ok "$desc"
	else
		not_ok "$desc ($# of $want pages rendered)"
		grep -v ' border 0$' "$TMP/ink" | sed 's/^/#   /'
	fi
}

# totals LABEL FILE: the numbers of the rows that start with LABEL and
# hold nothing but numbers, a line each.
totals() {
	pdftotext -layout "$2" - |
		sed -n "s/^ *$1\(\( \{1,\}[0-9]\{1,\}\)\{1,\}\) *\$/\1/p" |
		sed 's/^ *//; s/  */ /g'
}

# headings FILE: the first line of each page.
headings() {
	pdftotext -layout "$1" - | awk 'BEGIN { RS = "\f" }
		{ n = split($0, l, "\n"); for (i = 1; i <= n; i++)
			if (l[i] ~ /[^ ]/) { sub(/^ */, "", l[i]); print l[i]; break } }'
}

# trip_pages DESC FILE TRIPS: the dispatch sheet has a page per trip and
# one per continuation, each trip starts once, in order, and continues
# only on the pages right after its start.
trip_pages() {
	headings "$2" >"$TMP/headings"
	awk -v trips="$3" '
		{ if (!match($0, /Trip [0-9]+/)) { print "#   no trip: " $0; bad++; next }
		  t = substr($0, RSTART + 5, RLENGTH - 5) + 0 }
		/\(continued\)/ { if (t != last) { print "#   continues " t " after " last; bad++ }; cont++; next }
		{ starts++; if (t != last + 1) { print "#   trip " t " after " last; bad++ }; last = t }
		END { pages = NR
		      if (starts != trips || pages != trips + cont) {
			print "#   " pages " pages, " starts " trips started, " cont " continued; " trips " trips planned"; bad++ }
		      print cont + 0 > "/dev/stderr"; exit bad > 0 }
	' "$TMP/headings" >"$TMP/trips" 2>"$TMP/continued"
	if [ $? -eq 0 ]; then ok "$1"; else not_ok "$1"; cat "$TMP/trips"; fi
}

# same_numbers DESC EXPECTED ACTUAL
same_numbers() {
	if [ -s "$3" ] && diff -u "$2" "$3" >"$TMP/diff"; then
		ok "$1"
	else
		not_ok "$1"
		show "$TMP/diff"
	fi
}

# --- a small day: two trips, one order unassigned -------------------------

new_db town "$FIXTURES/town" || exit 1
out="$TMP/town"
expect_exit 3 "the town day plans, but for its inactive meal point" \
	"$MEALRUN" plan $BUDGET "$TMP/town.db" --date 2030-03-04 --out "$out" --quiet \
	--iterations 2000
"$TOOLS/planq" -d "$out/plan.json" >"$TMP/counts"
ntrips=$("$TOOLS/planq" "$out/plan.json" | grep -c '^route')
head -n "$ntrips" "$TMP/counts" >"$TMP/routes"

for f in dispatch loading kitchen; do
	pdf="$out/$f.pdf"
	if [ -s "$pdf" ] && [ -s "$out/$f.html" ]; then
		ok "$f.pdf and $f.html written"
	else
		not_ok "$f.pdf and $f.html written"
		continue
	fi
	size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
	case $size in
	"595.276 x 841.89 pts (A4)"*) ok "$f.pdf is A4 portrait" ;;
	*) not_ok "$f.pdf is A4 portrait ($size)" ;;
	esac
	cjk_font "$f.pdf embeds a Noto Sans CJK font" "$pdf"
	inside "$f.pdf: no text outside the margins" "$pdf" $X0 $X1 $Y0 $Y1
	rendered "$f.pdf: every page rendered, none blank, no ink at the edges" \
		"$pdf"
done

trip_pages "dispatch.pdf: a page per trip, none continued" \
	"$out/dispatch.pdf" "$ntrips"
if [ "$(cat "$TMP/continued")" = 0 ]; then ok "short trips need no continuation"
else not_ok "short trips need no continuation"; fi
totals "合计 Total" "$out/dispatch.pdf" >"$TMP/printed"
same_numbers "dispatch.pdf: each trip's boxes per diet and total as in plan.json" \
	"$TMP/routes" "$TMP/printed"
totals "合计 Total" "$out/kitchen.pdf" >"$TMP/printed"
same_numbers "kitchen.pdf: each packing list's totals as in plan.json" \
	"$TMP/routes" "$TMP/printed"
sed -n "$((ntrips + 1))p" "$TMP/counts" >"$TMP/day"
totals "总计 Grand total" "$out/loading.pdf" >"$TMP/printed"
same_numbers "loading.pdf: stops, boxes per diet and grand total as in plan.json" \
	"$TMP/day" "$TMP/printed"
pdftotext "$out/loading.pdf" "$TMP/loading.txt"
sed -n 's/^订购 Ordered \([0-9]*\) − 未安排订单 Unassigned orders \([0-9]*\) = 总计 Grand total \([0-9]*\)$/ordered \1 unassigned \2 assigned \3/p' \
	"$TMP/loading.txt" >"$TMP/printed"
tail -n 1 "$TMP/counts" >"$TMP/balance"
same_numbers "loading.pdf: ordered - unassigned = grand total, as in plan.json" \
	"$TMP/balance" "$TMP/printed"
expect_grep "loading.pdf lists the unassigned meal point" "Altes Amt" \
	"$TMP/loading.txt"
expect_grep "loading.pdf gives its reason" "助餐点已停用 meal point is" \
	"$TMP/loading.txt"
pdftotext "$out/dispatch.pdf" "$TMP/dispatch.txt"
expect_grep "each page's footer has page x/y" "页 Page 2/2" "$TMP/dispatch.txt"
expect_grep "each page's footer has the kitchen's phone" \
	"厨房电话 Kitchen phone +43 1 000" "$TMP/dispatch.txt"
expect_grep "the food line says from when and until when" \
	"cooked from [0-9][0-9]:[0-9][0-9], 最迟送达 serve by [0-9][0-9]:[0-9][0-9]" \
	"$TMP/dispatch.txt"
for col in 到达时间 Arrival "温度 °C" Temp. 签收 Signature; do
	expect_grep "the stop table has a blank column: $col" "$col" \
		"$TMP/dispatch.txt"
done
pdftotext "$out/kitchen.pdf" "$TMP/kitchen.txt"
for part in "Production schedule" "Ingredient pull list" "Packing lists" \
	"Box labels" "Sample-retention log"; do
	expect_grep "kitchen.pdf has its $part" "$part" "$TMP/kitchen.txt"
done

# --- the HTML printed by Chromium ------------------------------------------

# chromium_pdf HTML PDF: prints HTML to PDF as a browser would.
chromium_pdf() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$TMP/chromium" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" >"$TMP/chromium.log" 2>&1
	if [ -s "$2" ]; then ok "Chromium prints $(basename "$1")"; else
		not_ok "Chromium prints $(basename "$1")"; show "$TMP/chromium.log"; fi
}

chromium_pdf "$out/dispatch.html" "$TMP/dispatch-html.pdf"
trip_pages "dispatch.html printed: a page per trip" "$TMP/dispatch-html.pdf" \
	"$ntrips"
# Chromium's margin boxes carry the footer, so only the sides are checked
# against the margins (its glyphs may reach 0.5 pt past them); the footer
# must still be on the page.
CX1=568.5
inside "dispatch.html printed: no text off the page or in the side margins" \
	"$TMP/dispatch-html.pdf" $X0 $CX1 0 841.9
# Chromium embeds the CJK glyphs as Type 3 fonts without their name: the
# Chinese must be there as text, in fonts all embedded.
pdftotext "$TMP/dispatch-html.pdf" "$TMP/dispatch-html.txt"
if grep -q '派送单 Dispatch sheet' "$TMP/dispatch-html.txt" &&
	! pdffonts "$TMP/dispatch-html.pdf" | tail -n +3 | grep -qv ' yes '; then
	ok "dispatch.html printed: Chinese text in embedded fonts"
else
	not_ok "dispatch.html printed: Chinese text in embedded fonts"
fi
totals "合计 Total" "$TMP/dispatch-html.pdf" >"$TMP/printed"
same_numbers "dispatch.html printed: each trip's totals as in plan.json" \
	"$TMP/routes" "$TMP/printed"
expect_grep "dispatch.html printed: page x/y in the footer" "Page 2/2" \
	"$TMP/dispatch-html.txt"

chromium_pdf "$out/loading.html" "$TMP/loading-html.pdf"
totals "总计 Grand total" "$TMP/loading-html.pdf" >"$TMP/printed"
same_numbers "loading.html printed: grand total as in plan.json" \
	"$TMP/day" "$TMP/printed"
inside "loading.html printed: no text off the page" \
	"$TMP/loading-html.pdf" $X0 $CX1 0 841.9

# --- index.html --------------------------------------------------------------

index="$out/index.html"
expect_grep "index.html shows the overview map" 'src="maps/overview.svg"' \
	"$index"
expect_grep "index.html links trip 01's dispatch page" \
	'href="dispatch.html#trip-01"' "$index"
expect_grep "index.html links trip 01's GPX file" 'href="gpx/route-01.gpx"' \
	"$index"
expect_grep "index.html lists the unassigned order" "Altes Amt" "$index"
expect_grep "index.html has the kitchen's timeline" 'class="timeline"' "$index"
missing=""
for href in $(grep -o 'href="[^"#]*' "$index" | sed 's/^href="//'); do
	[ -f "$out/$href" ] || missing="$missing $href"
done
if [ -z "$missing" ]; then ok "every file index.html links to exists"
else not_ok "every file index.html links to exists (missing:$missing)"; fi
starts=0
for page in $(grep -o 'dispatch.pdf#page=[0-9]*' "$index" | sed 's/.*=//'); do
	pdftotext -f "$page" -l "$page" "$out/dispatch.pdf" - | head -n 1 |
		grep 'Trip [0-9]*$' >/dev/null && starts=$((starts + 1))
done
if [ "$starts" -eq "$ntrips" ]; then
	ok "index.html's PDF links open the first page of each trip"
else
	not_ok "index.html's PDF links open the first page of each trip ($starts of $ntrips)"
fi

# --- a trip longer than a page -----------------------------------------------

new_db long "$FIXTURES/town" "$FIXTURES"/scenarios/*-long-trip.csv || exit 1
long="$TMP/long"
expect_exit 0 "a day of one trip with 22 stops plans" "$MEALRUN" plan $BUDGET \
	"$TMP/long.db" --date 2030-03-06 --out "$long" --quiet --iterations 2000
"$TOOLS/planq" "$long/plan.json" >"$TMP/shape"
expect_grep "all 22 stops are on one trip" "^route 1 V1 trip 1 load 43: L01" \
	"$TMP/shape"
trip_pages "dispatch.pdf: the long trip goes on to a continuation page" \
	"$long/dispatch.pdf" 1
if [ "$(cat "$TMP/continued")" -ge 1 ]; then ok "the long trip is continued"
else not_ok "the long trip is continued"; fi
pdftotext -f 2 -l 2 "$long/dispatch.pdf" "$TMP/page2.txt"
expect_grep "the continuation repeats the trip's header" "王师傅 Wang Jun" \
	"$TMP/page2.txt"
expect_grep "the continuation repeats the table's header row" "Signature" \
	"$TMP/page2.txt"
chromium_pdf "$long/dispatch.html" "$TMP/long-html.pdf"
pdftotext -f 2 -l 2 "$TMP/long-html.pdf" "$TMP/html-page2.txt"
expect_grep "dispatch.html printed: the continuation repeats the trip's header" \
	"王师傅 Wang Jun" "$TMP/html-page2.txt"
expect_grep "dispatch.html printed: and the table's header row" "Signature" \
	"$TMP/html-page2.txt"
pdftotext "$long/dispatch.pdf" "$TMP/long.txt"
names=$(grep -o '^居家 [A-Za-z]*weg [0-9]*$' "$TMP/long.txt" | sort | uniq -c |
	awk '$1 == 1' | wc -l)
if [ "$names" -eq 22 ]; then ok "each of the 22 stops is printed once"
else not_ok "each of the 22 stops is printed once ($names)"; fi
inside "the long dispatch.pdf: no text outside the margins" \
	"$long/dispatch.pdf" $X0 $X1 $Y0 $Y1
rendered "the long dispatch.pdf: no ink at the edges" "$long/dispatch.pdf"
"$TOOLS/planq" -d "$long/plan.json" | head -n 1 >"$TMP/routes"
totals "合计 Total" "$long/dispatch.pdf" >"$TMP/printed"
same_numbers "the long trip's totals as in plan.json" "$TMP/routes" \
	"$TMP/printed"

# --- languages -----------------------------------------------------------------

expect_exit 2 "--lang xx is a usage error" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
	--date 2030-03-04 --out "$TMP/xx" --lang xx
expect_grep "the message names the languages" "lang is zh, en or both" \
	"$TMP/err"
for lang in en zh; do
	expect_exit 3 "--lang $lang plans" "$MEALRUN" plan $BUDGET "$TMP/town.db" \
		--date 2030-03-04 --out "$TMP/$lang" --quiet --no-save \
		--iterations 2000 --lang "$lang"
	pdftotext "$TMP/$lang/dispatch.pdf" "$TMP/$lang.txt"
done
expect_grep "--lang en: English labels" "Dispatch sheet" "$TMP/en.txt"
expect_grep "--lang en: English diet names" "Low salt" "$TMP/en.txt"
if grep -q '派送单\|司机\|低盐餐' "$TMP/en.txt"; then
	not_ok "--lang en: no Chinese labels or diet names"
else
	ok "--lang en: no Chinese labels or diet names"
fi
expect_grep "--lang zh: Chinese labels" "派送单" "$TMP/zh.txt"
expect_grep "--lang zh: Chinese diet names" "低盐餐" "$TMP/zh.txt"
if grep -q 'Dispatch sheet\|Driver\|Low salt' "$TMP/zh.txt"; then
	not_ok "--lang zh: no English labels or diet names"
else
	ok "--lang zh: no English labels or diet names"
fi
expect_grep "--lang zh: a Chinese HTML page" 'lang="zh-CN"' \
	"$TMP/zh/kitchen.html"
expect_grep "--lang en: an English HTML page" 'lang="en"' \
	"$TMP/en/loading.html"

done_testing
