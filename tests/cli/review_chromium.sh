#!/bin/sh
# Opens the HTML review of sample-vault in headless Chromium and checks that it
# renders: the four sections and three SVG charts are in the DOM, and Chromium
# logged no console error. Usage: review_chromium.sh KITH SOURCE_DIR [PNG]
# With PNG, also saves a screenshot there (docs/review.png comes from this).
# Exits 77 (ctest: skipped) when chromium is not installed.
set -eu
kith=$1
src=$2
png=${3:-}
command -v chromium >/dev/null 2>&1 || { echo "chromium not installed: skipped"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/sample-vault" "$tmp/vault"
"$kith" --vault "$tmp/vault" --today 2026-11-22 review --out "$tmp/review.html"

run_chromium() {
    # A private profile, no GPU and no sandbox (containers), no network use.
    chromium --headless=new --no-sandbox --disable-gpu --disable-extensions \
        --no-first-run --no-default-browser-check --user-data-dir="$tmp/profile" \
        --enable-logging=stderr --v=0 "$@" 2>>"$tmp/stderr"
}

run_chromium --dump-dom "file://$tmp/review.html" >"$tmp/dom.html"
fail=0
for want in 'id="reminders"' 'id="dormant"' 'id="unthanked"' 'id="stats"' 'Weekly review, 2026-11-22' \
    'Interactions per month' 'People by tier'; do
    grep -q "$want" "$tmp/dom.html" || { echo "missing in the rendered DOM: $want"; fail=1; }
done
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
[ "$svgs" -eq 3 ] || { echo "expected 3 <svg> charts in the DOM, found $svgs"; fail=1; }
rects=$(grep -o '<rect' "$tmp/dom.html" | wc -l)
[ "$rects" -gt 10 ] || { echo "the charts have no bars ($rects <rect>)"; fail=1; }
if grep -E 'CONSOLE|Uncaught' "$tmp/stderr"; then
    echo "console errors while rendering the review"
    fail=1
fi
if [ -n "$png" ]; then
    run_chromium --hide-scrollbars --window-size="${KITH_SCREENSHOT_SIZE:-860,2750}" --screenshot="$png" "file://$tmp/review.html" >/dev/null
    [ -s "$png" ] || { echo "no screenshot written"; fail=1; }
fi
[ "$fail" -eq 0 ] && echo "review renders in chromium: sections, $svgs charts, no console errors"
exit "$fail"
