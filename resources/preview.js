// Issue Drafter preview helpers. Injected by the app into its own JavaScript world;
// the draft's page itself runs no JavaScript. Every top-level block in <body> is one
// element with data-source-line (its first source line, 0-based).
(function () {
  "use strict";
  var programmaticY = -1;

  function blocks() { return document.body ? document.body.children : []; }

  function lineOf(element) {
    var value = element.getAttribute("data-source-line");
    return value === null ? null : parseInt(value, 10);
  }

  // Replace `remove` blocks at `index` by the blocks in `html`; then renumber the last
  // tailLines.length blocks (they moved by whole lines).
  window.issueDrafterPatch = function (index, remove, html, tailLines) {
    var body = document.body;
    for (var i = 0; i < remove && index < body.children.length; i++) {
      body.removeChild(body.children[index]);
    }
    if (html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      body.insertBefore(template.content, body.children[index] || null);
    }
    var all = body.children;
    var first = all.length - tailLines.length;
    for (var j = 0; j < tailLines.length; j++) {
      all[first + j].setAttribute("data-source-line", String(tailLines[j]));
    }
    return all.length;
  };

  window.issueDrafterSetStyle = function (css) {
    var style = document.querySelector("style");
    if (style) { style.textContent = css; }
  };

  // The block holding source line `line`, and the next block (or null).
  function around(line) {
    var all = blocks();
    var lo = 0, hi = all.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (lineOf(all[mid]) <= line) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found < 0 ? null : [all[found], all[found + 1] || null];
  }

  // Scroll so that source line `line` (fractional within its block) is at the top.
  window.issueDrafterScrollTo = function (line) {
    var pair = around(line);
    var y = 0;
    if (pair) {
      var block = pair[0], next = pair[1];
      var start = lineOf(block);
      var end = next ? lineOf(next) : start + 1;
      var rect = block.getBoundingClientRect();
      var fraction = end > start ? Math.min(1, (line - start) / (end - start)) : 0;
      var height = next ? next.getBoundingClientRect().top - rect.top : rect.height;
      y = window.scrollY + rect.top + fraction * height - 8;
    }
    y = Math.max(0, Math.round(y));
    window.scrollTo(0, y);
    programmaticY = Math.round(window.scrollY);
    return programmaticY;
  };

  // The source line at the top of the view, or -1 when the app scrolled there itself.
  window.issueDrafterTopLine = function () {
    if (Math.abs(Math.round(window.scrollY) - programmaticY) <= 1) { return -1; }
    programmaticY = -1;
    var all = blocks();
    for (var i = 0; i < all.length; i++) {
      var rect = all[i].getBoundingClientRect();
      var next = all[i + 1] || null;
      var bottom = next ? next.getBoundingClientRect().top : rect.bottom;
      if (bottom > 0) {
        var start = lineOf(all[i]);
        var end = next ? lineOf(next) : start + 1;
        var fraction = bottom > rect.top ? Math.max(0, -rect.top) / (bottom - rect.top) : 0;
        return Math.floor(start + fraction * (end - start));
      }
    }
    return -1;
  };
})();
