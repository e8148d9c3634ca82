#!/usr/bin/env bash
# Opens a `costtrace flame --svg` file in headless Chromium, clicks a frame, runs a regex
# search through the page's own script, and checks the results from the page: the clicked
# frame fills the width after the zoom, its children are scaled, "Matched: x%" is shown,
# and a span named <script>alert(1)</script> stayed text. Saves a screenshot to /tmp.
#
# Not part of CI: it needs Debian's `chromium` (installed here when missing, as root).
#
#   tools/flame-browser-test.sh [TRACE_OR_FOLDED_FILE]   (default: traces/research-agent.jsonl)
#   tools/flame-browser-test.sh diff DIFF_ARGUMENTS…      (the same checks on a `costtrace diff --svg`)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
input=${1:-traces/research-agent.jsonl}
scratch=${SCRATCH:-.build-flame}
work=$(mktemp -d /tmp/flame-browser-test.XXXXXX)
trap 'rm -rf "$work"' EXIT

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "installing Debian's chromium…" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
    browser=$(command -v chromium)
fi

swift build --scratch-path "$scratch" --product costtrace >&2
costtrace="$scratch/debug/costtrace"

# The SVG under test, plus one with a hostile span name.
if [ "$input" = diff ]; then
    "$costtrace" diff "${@:2}" --svg "$work/flame.svg"
else
    "$costtrace" flame "$input" --svg "$work/flame.svg"
fi
printf 'root;<script>alert(1)</script> 5\nroot;<img src=x onerror=alert(2)> 3\nroot;safe;leaf 2\n' > "$work/hostile.folded"
"$costtrace" flame "$work/hostile.folded" --svg "$work/hostile.svg"

# A copy of the SVG with a driver script after the page's own: it clicks a frame that has
# children (a real click event, through the page's handler), searches, and writes what the
# page shows into a <text id="test-result"> element that --dump-dom prints.
python3 - "$work/flame.svg" "$work/driven.svg" <<'PY'
import sys
svg = open(sys.argv[1], encoding="utf-8").read()
driver = r'''<script><![CDATA[
(function () {
  var out = {};
  var f = window.flame.frames;
  var target = -1;
  for (var i = 0; i < f.length && target < 0; i++) {
    if (f[i].parent >= 0 && f[i].width < 600 && f.some(function (c) { return c.parent === i; })) target = i;
  }
  if (target < 0) target = 0;
  var child = -1;
  for (var j = 0; j < f.length; j++) if (f[j].parent === target) { child = j; break; }
  out.target = target;
  out.name = f[target].name;
  out.widthBefore = +f[target].rect.getAttribute("width");
  out.childWidthBefore = child >= 0 ? +f[child].rect.getAttribute("width") : null;
  document.getElementById("f" + target).dispatchEvent(new MouseEvent("click", { bubbles: true }));
  out.widthAfter = +f[target].rect.getAttribute("width");
  out.childWidthAfter = child >= 0 ? +f[child].rect.getAttribute("width") : null;
  out.hiddenAfterZoom = f.filter(function (x) { return x.g.style.display === "none"; }).length;
  out.resetVisible = document.getElementById("unzoom").getAttribute("class") !== "hide";
  window.flame.search(f[child >= 0 ? child : target].name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  out.matched = document.getElementById("matched").textContent;
  out.highlighted = f.filter(function (x) { return x.rect.getAttribute("fill") === "rgb(230,0,230)"; }).length;
  var result = document.createElementNS("http://www.w3.org/2000/svg", "text");
  result.setAttribute("id", "test-result");
  result.setAttribute("display", "none");
  result.textContent = JSON.stringify(out);
  document.documentElement.appendChild(result);
})();
]]></script>
'''
open(sys.argv[2], "w", encoding="utf-8").write(svg.replace("</svg>\n", driver + "</svg>\n"))
PY

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --allow-file-access-from-files
    --user-data-dir="$work/profile" --virtual-time-budget=3000)
"$browser" "${flags[@]}" --dump-dom "file://$work/driven.svg" > "$work/driven.dom" 2> "$work/chromium.log" || {
    cat "$work/chromium.log" >&2
    exit 1
}
"$browser" "${flags[@]}" --dump-dom "file://$work/hostile.svg" > "$work/hostile.dom" 2>> "$work/chromium.log"
screenshot=/tmp/flame-browser-test.png
"$browser" "${flags[@]}" --window-size=1200,300 --screenshot="$screenshot" "file://$work/driven.svg" 2>> "$work/chromium.log"

python3 - "$work/driven.dom" "$work/hostile.dom" "$screenshot" <<'PY'
import json, re, sys, os
dom = open(sys.argv[1], encoding="utf-8").read()
found = re.search(r'<text id="test-result"[^>]*>(.*?)</text>', dom, re.S)
if not found:
    sys.exit("FAIL: the page did not run the driver script (no test-result in the DOM)")
import html
result = json.loads(html.unescape(found.group(1)))
print("page says:", json.dumps(result, ensure_ascii=False))
failures = []
if abs(result["widthAfter"] - 1180) > 0.01:
    failures.append(f"zoomed frame width {result['widthAfter']}, expected 1180 (the full width)")
if result["childWidthBefore"] is not None:
    expected = result["childWidthBefore"] * 1180 / result["widthBefore"]
    if abs(result["childWidthAfter"] - expected) > 0.02:
        failures.append(f"child width {result['childWidthAfter']} after the zoom, expected {expected:.2f}")
if result["hiddenAfterZoom"] == 0:
    failures.append("the zoom hid no frame outside the clicked one")
if not result["resetVisible"]:
    failures.append("'Reset Zoom' is not shown after the zoom")
if not re.fullmatch(r"Matched: \d+\.\d%", result["matched"]):
    failures.append(f"matched text is {result['matched']!r}")
if result["highlighted"] < 1:
    failures.append("the search highlighted nothing")

hostile = open(sys.argv[2], encoding="utf-8").read()
scripts = re.findall(r"<script\b", hostile)
if len(scripts) != 1:
    failures.append(f"the hostile SVG's DOM has {len(scripts)} <script> elements, expected only the page's own")
if "<img" in hostile:
    failures.append("the hostile SVG's DOM has an <img> element")
if "&lt;script&gt;alert(1)&lt;/script&gt;" not in hostile:
    failures.append("the hostile name is not shown as escaped text")

if not os.path.exists(sys.argv[3]) or os.path.getsize(sys.argv[3]) == 0:
    failures.append("no screenshot")
for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print(f"ok: zoom, search and escaping work in Chromium; screenshot at {sys.argv[3]}")
PY
