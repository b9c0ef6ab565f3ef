// Issue Drafter preview helpers. Injected by the app into its own JavaScript world;
// the draft's page itself runs no JavaScript. Every top-level block in <body> is one
// element with data-source-line (its first source line, 0-based).
(function () {
  "use strict";
  var programmaticY = -1;
  var scrollRequest = 0;
  var estimatedAll = false;  // every block of this page has had its height estimated once
  var LONG_PAGE = 1000;  // blocks (~300 KB of prose): past this, blocks out of view skip layout (html.long)

  // A long page lays out only the blocks near the view; the others take an estimated height
  // (set here from their text and source lines) until they have been shown once.
  function estimate(element, next) {
    var start = lineOf(element);
    var lines = next && start !== null ? lineOf(next) - start : 1;
    var wrapped = Math.ceil(element.textContent.length / 70);
    element.style.setProperty("--estimate", (1.6 * Math.max(1, lines - 1, wrapped) + 1) + "em");
  }

  function markLong(all, first, count) {
    var long = all.length > LONG_PAGE;
    if (document.documentElement.classList.contains("long") !== long) {
      document.documentElement.classList.toggle("long", long);
    }
    if (!long) { estimatedAll = false; return; }  // if it grows long again, estimate every block
    // Attributes of <html> are touched only when they change: that restyles the whole page.
    var done = estimatedAll;
    var from = done ? first : 0;
    var to = done ? Math.min(all.length, first + count + 1) : all.length;
    for (var i = Math.max(0, from - 1); i < to; i++) { estimate(all[i], all[i + 1] || null); }
    estimatedAll = true;
  }

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
    var added = 0;
    if (html) {
      var template = document.createElement("template");
      template.innerHTML = html;
      added = template.content.children.length;
      body.insertBefore(template.content, body.children[index] || null);
    }
    var all = body.children;
    var first = all.length - tailLines.length;
    for (var j = 0; j < tailLines.length; j++) {
      all[first + j].setAttribute("data-source-line", String(tailLines[j]));
    }
    markLong(all, index, added);  // after renumbering: an estimate reads the next block's line
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

  // The scroll position that puts source line `line` (fractional within its block) at the top.
  function targetY(line) {
    var pair = around(line);
    if (!pair) { return 0; }
    var block = pair[0], next = pair[1];
    var start = lineOf(block);
    var end = next ? lineOf(next) : start + 1;
    var rect = block.getBoundingClientRect();
    var fraction = end > start ? Math.min(1, (line - start) / (end - start)) : 0;
    var height = next ? next.getBoundingClientRect().top - rect.top : rect.height;
    return Math.max(0, Math.round(window.scrollY + rect.top + fraction * height - 8));
  }

  function scrollToY(y) {
    window.scrollTo(0, y);
    programmaticY = Math.round(window.scrollY);
    return programmaticY;
  }

  // Scroll so that source line `line` is at the top. On a long page the blocks near there
  // may have had estimated heights: as they are laid out (in the next frames), aim again
  // until the target holds still, unless the writer scrolls or another request comes.
  window.issueDrafterScrollTo = function (line) {
    var request = ++scrollRequest;
    var y = scrollToY(targetY(line));
    if (document.documentElement.classList.contains("long")) { settle(request, line, 0, 0); }
    return y;
  };

  function settle(request, line, frames, still) {
    if (frames > 30 || still > 2) { return; }
    requestAnimationFrame(function () {
      if (request !== scrollRequest) { return; }
      var y = targetY(line);
      var moved = Math.abs(y - Math.round(window.scrollY)) > 1;
      if (moved) { scrollToY(y); } else { programmaticY = Math.round(window.scrollY); }
      settle(request, line, frames + 1, moved ? 0 : still + 1);
    });
  }

  // The writer taking over the scrolling ends any re-aiming.
  ["wheel", "mousedown", "keydown", "touchstart"].forEach(function (name) {
    window.addEventListener(name, function () { scrollRequest++; }, { capture: true, passive: true });
  });

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
