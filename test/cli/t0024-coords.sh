#!/bin/sh
# Coordinates from Chinese map platforms: a meal point or kitchen given in
# GCJ-02 (Amap, Tencent) or BD-09 (Baidu) is kept in WGS-84, converted on
# import within a metre of the published reference pairs; WGS-84 and an
# empty coords column are kept as given; anything else is refused.
. "$(dirname "$0")/../lib.sh"

new_db c "$FIXTURES/town" || exit 1
db="$TMP/c.db"
# Shanghai: WGS-84 (31.1774276, 121.5272106) is GCJ-02 (31.17530398364597,
# 121.531541859215); Beijing: GCJ-02 (39.915, 116.404) is BD-09
# (39.92133699351021, 116.41036949371029).
cat >"$TMP/meal_points.csv" <<'CSV'
id,kitchen,kind,name,lat,lon,coords
SH,K1,home,Shanghai,31.17530398364597,121.531541859215,gcj02
BJ,K1,home,Beijing,39.92133699351021,116.41036949371029,bd09
BJG,K1,home,Beijing GCJ,39.915,116.404,gcj02
KR,K1,home,Krems,48.41,15.61,
KW,K1,home,Krems,48.41,15.61,wgs84
CSV
expect_exit 0 "meal points in three datums import" "$MEALRUN" import "$db" \
	"$TMP/meal_points.csv"
# metres between a stored point and an expected one
near() {
	sqlite3 "$db" "SELECT lat, lon FROM meal_points WHERE id = '$1'" |
		awk -F'|' -v lat="$2" -v lon="$3" '{
			dy = ($1 - lat) * 111320
			dx = ($2 - lon) * 111320 * cos(lat * 3.14159265 / 180)
			d = sqrt(dx * dx + dy * dy)
			printf "%.2f\n", d
			exit !(d < 1.0) }'
}
if d=$(near SH 31.1774276 121.5272106); then
	ok "GCJ-02 in Shanghai is kept as WGS-84 ($d m from the reference)"
else
	not_ok "GCJ-02 in Shanghai: $d m from the reference"
fi
bjg=$(sqlite3 "$db" "SELECT lat || ' ' || lon FROM meal_points WHERE id = 'BJG'")
# shellcheck disable=SC2086
if d=$(near BJ $bjg); then
	ok "BD-09 in Beijing is kept as the same WGS-84 point ($d m)"
else
	not_ok "BD-09 in Beijing: $d m from the point its GCJ-02 gives"
fi
if [ "$(sqlite3 "$db" "SELECT lat || ',' || lon FROM meal_points WHERE
	id IN ('KR', 'KW')" | sort -u)" = "48.41,15.61" ]; then
	ok "WGS-84 and an empty coords column are kept as given"
else
	not_ok "WGS-84 points moved"
fi
printf 'id,kitchen,kind,name,lat,lon,coords\nX,K1,home,X,31.1,121.5,mars\n' \
	>"$TMP/meal_points-bad.csv"
expect_exit 65 "an unknown datum is refused" "$MEALRUN" import "$db" \
	"$TMP/meal_points-bad.csv"
expect_grep "the refusal names the column" \
	"meal_points-bad.csv:2:7: coords: 'mars' is not one of wgs84/gcj02/bd09" \
	"$TMP/err"
# A kitchen given in GCJ-02 too.
printf 'id,name,lat,lon,coords\nK1,Kitchen,31.17530398364597,121.531541859215,gcj02\n' \
	>"$TMP/kitchens.csv"
expect_exit 0 "a kitchen in GCJ-02 imports" "$MEALRUN" import "$db" \
	"$TMP/kitchens.csv"
if sqlite3 "$db" "SELECT lat, lon FROM kitchens WHERE id = 'K1'" |
	awk -F'|' '{ exit !(($1 - 31.1774276)^2 + ($2 - 121.5272106)^2 < 1e-10) }'
then
	ok "the kitchen is kept in WGS-84"
else
	not_ok "the kitchen is not kept in WGS-84"
fi

done_testing
