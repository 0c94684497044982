#!/usr/bin/env bash
# The report page in a real browser: `twsim run` on a tiny config,
# scripts/plot.sh, `twsim report`, then Debian's headless chromium loads a
# copy of report.html with a small script appended that writes into the DOM
# how many <img> there are, how many loaded (complete, naturalWidth > 0) and
# how many rows the summary table has; --dump-dom reads it back. A copy with
# one image's data broken must count one image fewer (the check can fail).
# Exit 77 (skipped, one line) without chromium.
# Usage: report_browser_test.sh TWSIM_BINARY
set -euo pipefail
name=report_browser_test
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" > /dev/null; then browser="$b"; break; fi
done
if [[ -z "$browser" ]]; then
  echo "$name: skipped: no chromium on PATH (Debian: apt-get install chromium, or bash scripts/install_deps.sh chromium)"
  exit 77
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "$name: $*" >&2; exit 1; }

"$1" run "$root/tests/data/cli_tiny.json" -o "$out/r" --quiet > /dev/null
bash "$root/scripts/plot.sh" "$out/r" > /dev/null
"$1" report "$out/r" > /dev/null
pngs=$(find "$out/r" -maxdepth 1 -name '*.png' ! -name '.*' | wc -l)
[[ $pngs -ge 4 ]] || fail "plot.sh drew $pngs PNGs, expected at least 4"

# Appended, not part of the report (which has no script).
check='<script>window.addEventListener("load", function () {
  var imgs = Array.from(document.images);
  var loaded = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  var t = document.getElementById("summary-table");
  var rows = t && t.tBodies.length ? t.tBodies[0].rows.length : -1;
  var d = document.createElement("div");
  d.id = "twsim-check";
  d.textContent = "images=" + imgs.length + " loaded=" + loaded + " summary_rows=" + rows;
  document.body.appendChild(d);
});</script>'
render() {  # FILE -> the check's line
  "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$out/profile" \
    --virtual-time-budget=10000 --dump-dom "file://$1" 2> "$out/browser.err" |
    grep -o 'images=[0-9]* loaded=[0-9]* summary_rows=-\?[0-9]*' || true
}
{ sed 's#</body>##; s#</html>##' "$out/r/report.html"; echo "$check</body></html>"; } > "$out/check.html"
got=$(render "$out/check.html")
# cli_tiny.json: 2 points x 2 algorithms.
want="images=$pngs loaded=$pngs summary_rows=4"
[[ "$got" == "$want" ]] || fail "chromium saw '${got:-nothing}', want '$want' ($(tail -1 "$out/browser.err"))"

# The control: the first image's data broken, so it must fail to load.
sed '0,/base64,iVBOR/s//base64,AAAAA/' "$out/check.html" > "$out/broken.html"
got=$(render "$out/broken.html")
want="images=$pngs loaded=$((pngs - 1)) summary_rows=4"
[[ "$got" == "$want" ]] || fail "with one image broken chromium saw '${got:-nothing}', want '$want'"
echo "$name: ok ($browser: $pngs images loaded, summary table of 4 rows)"
