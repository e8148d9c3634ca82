extension FlameGraph {
    /// The script embedded in every SVG: click to zoom, reset zoom, regex search.
    ///
    /// Names are read from the `<title>` elements and only ever written with `textContent`,
    /// never as markup. `window.flame` exposes `zoom(index)`, `reset()`, `search(regex)` and
    /// `clearSearch()` for tests and the browser console.
    static let svgScript = #"""
        (function () {
          "use strict";
          var svg = document.documentElement;
          var CHAR = \#(svgCharacterWidth), PAD = +svg.getAttribute("data-padding");
          var WIDTH = +svg.getAttribute("width"), TOTAL = +svg.getAttribute("data-total");
          var HIGHLIGHT = "rgb(230,0,230)";
          var unzoomButton = document.getElementById("unzoom");
          var searchButton = document.getElementById("search");
          var matchedText = document.getElementById("matched");
          var details = document.getElementById("details");
          var frames = Array.prototype.map.call(document.querySelectorAll("g.f"), function (g) {
            var rect = g.querySelector("rect"), title = g.querySelector("title");
            return {
              g: g, rect: rect, text: g.querySelector("text"),
              name: title.textContent.split("\n")[0], summary: title.textContent.split("\n")[1] || "",
              x: +rect.getAttribute("x"), width: +rect.getAttribute("width"),
              parent: g.hasAttribute("data-p") ? +g.getAttribute("data-p") : -1,
              value: +g.getAttribute("data-v"), fill: rect.getAttribute("fill")
            };
          });
          var zoomed = -1, searching = null;

          function label(name, width) {
            var fits = Math.floor((width - 6) / CHAR);
            if (fits < 3) return "";
            var chars = Array.from(name);
            return chars.length <= fits ? name : chars.slice(0, fits - 1).join("") + "\u2026";
          }
          function isUnder(index, ancestor) {
            for (var at = index; at >= 0; at = frames[at].parent) if (at === ancestor) return true;
            return false;
          }
          function place(frame, x, width) {
            frame.rect.setAttribute("x", x.toFixed(2));
            frame.rect.setAttribute("width", width.toFixed(2));
            frame.text.setAttribute("x", (x + 3).toFixed(2));
            frame.text.textContent = label(frame.name, width);
            frame.g.style.display = "";
          }
          function zoom(index) {
            var target = frames[index], full = WIDTH - 2 * PAD, scale = full / target.width;
            frames.forEach(function (frame, at) {
              if (isUnder(index, at)) place(frame, PAD, full);
              else if (isUnder(at, index)) place(frame, PAD + (frame.x - target.x) * scale, frame.width * scale);
              else frame.g.style.display = "none";
            });
            zoomed = index;
            unzoomButton.setAttribute("class", "");
          }
          function reset() {
            frames.forEach(function (frame) { place(frame, frame.x, frame.width); });
            zoomed = -1;
            unzoomButton.setAttribute("class", "hide");
          }
          function search(term) {
            var pattern;
            try { pattern = new RegExp(term); } catch (error) { matchedText.textContent = "Invalid regex"; return null; }
            var under = [], matched = 0;
            frames.forEach(function (frame, at) {
              var hit = pattern.test(frame.name), parentUnder = frame.parent >= 0 && under[frame.parent];
              under[at] = hit || parentUnder;
              if (hit && !parentUnder) matched += frame.value;
              frame.rect.setAttribute("fill", hit ? HIGHLIGHT : frame.fill);
            });
            searching = term;
            var percent = TOTAL > 0 ? (100 * matched / TOTAL).toFixed(1) : "0.0";
            matchedText.textContent = "Matched: " + percent + "%";
            searchButton.textContent = "Reset Search";
            return percent;
          }
          function clearSearch() {
            frames.forEach(function (frame) { frame.rect.setAttribute("fill", frame.fill); });
            searching = null;
            matchedText.textContent = " ";
            searchButton.textContent = "Search";
          }

          document.getElementById("frames").addEventListener("click", function (event) {
            var g = event.target.closest("g.f");
            if (g) zoom(+g.id.slice(1));
          });
          document.getElementById("frames").addEventListener("mouseover", function (event) {
            var g = event.target.closest("g.f");
            if (g) { var frame = frames[+g.id.slice(1)]; details.textContent = frame.name + " \u00b7 " + frame.summary; }
          });
          document.getElementById("frames").addEventListener("mouseout", function () { details.textContent = " "; });
          unzoomButton.addEventListener("click", reset);
          searchButton.addEventListener("click", function () {
            if (searching !== null) { clearSearch(); return; }
            var term = window.prompt("Search frames by regular expression", "");
            if (term) search(term);
          });
          document.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { reset(); clearSearch(); }
            else if ((event.ctrlKey || event.metaKey) && event.key === "f") {
              event.preventDefault();
              var term = window.prompt("Search frames by regular expression", searching || "");
              if (term) search(term);
            }
          });
          window.flame = { zoom: zoom, reset: reset, search: search, clearSearch: clearSearch, frames: frames };
        })();

        """#
}
