// A small SPARQL editor on a plain textarea: line numbers, Tab indents, Ctrl/Cmd+Enter runs the query.
// No dependencies and nothing fetched: the page works without it, this only makes editing pleasanter.
(function () {
  "use strict";
  function attach(area) {
    var gutter = document.createElement("div");
    gutter.className = "gutter";
    gutter.setAttribute("aria-hidden", "true");
    area.parentNode.insertBefore(gutter, area);
    function renumber() {
      var n = area.value.split("\n").length, out = [];
      for (var i = 1; i <= n; i++) out.push(i);
      gutter.textContent = out.join("\n");
      gutter.style.height = area.offsetHeight + "px";
      gutter.scrollTop = area.scrollTop;
    }
    area.addEventListener("input", renumber);
    area.addEventListener("scroll", function () { gutter.scrollTop = area.scrollTop; });
    area.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        area.form.requestSubmit ? area.form.requestSubmit() : area.form.submit();
      } else if (e.key === "Tab" && !e.shiftKey && !e.altKey) {
        // Tab indents; Escape then Tab still leaves the field (keyboard users are not trapped).
        if (area.dataset.escaped === "1") { area.dataset.escaped = ""; return; }
        e.preventDefault();
        var s = area.selectionStart, end = area.selectionEnd;
        area.setRangeText("  ", s, end, "end");
        renumber();
      } else if (e.key === "Escape") {
        area.dataset.escaped = "1";
      }
    });
    if (window.ResizeObserver) new ResizeObserver(renumber).observe(area);
    renumber();
  }
  document.querySelectorAll("textarea[data-editor]").forEach(attach);
})();
