/* spec-portfolio: sorting and filtering of the dashboard table, with no library and no network.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  /* "13/17" sorts by its ratio, "42" by its value; anything else as text. */
  function number(text) {
    var ratio = /^\s*(\d+)\s*\/\s*(\d+)/.exec(text);
    if (ratio) return Number(ratio[2]) ? Number(ratio[1]) / Number(ratio[2]) : 0;
    var match = /^\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
    return match ? parseFloat(match[1]) : null;
  }

  function compare(a, b) {
    var x = number(a), y = number(b);
    if (x !== null && y !== null) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setup() {
    var root = document.querySelector(".sp-dashboard table");
    var controls = document.querySelector(".sp-controls");
    if (!root || !controls || root.dataset.spReady) return;
    root.dataset.spReady = "1";
    var body = root.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = controls.querySelector(".sp-filter-text");
    var selects = controls.querySelectorAll(".sp-filter-select");
    var count = controls.querySelector(".sp-count");

    function matches(row) {
      var query = text.value.trim().toLowerCase();
      if (query && row.textContent.toLowerCase().indexOf(query) === -1) return false;
      for (var i = 0; i < selects.length; i++) {
        var value = selects[i].value, column = selects[i].dataset.column;
        if (!value) continue;
        var marker = row.querySelector("[data-" + column + "]");
        if (!marker || marker.getAttribute("data-" + column) !== value) return false;
      }
      return true;
    }

    function filter() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row);
        row.hidden = !visible;
        if (visible) shown++;
      });
      count.textContent = shown + " of " + rows.length + " features";
    }

    Array.prototype.forEach.call(root.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(root.tHead.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var result = compare(a.cells[index].textContent.trim(), b.cells[index].textContent.trim());
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
    text.addEventListener("input", filter);
    Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", filter); });
    filter();
  }

  /* A diagram mermaid cannot parse stays as source; say why above it instead of leaving a puzzle. */
  function explainBrokenDiagrams() {
    if (!window.mermaid || typeof window.mermaid.parse !== "function") return;
    document.querySelectorAll("pre.mermaid, div.mermaid").forEach(function (block) {
      if (block.dataset.spChecked || block.querySelector("svg")) return;
      block.dataset.spChecked = "1";
      var source = block.textContent;
      if (!source.trim()) return;
      Promise.resolve()
        .then(function () { return window.mermaid.parse(source); })
        .catch(function (error) {
          var note = document.createElement("div");
          note.className = "sp-diagram-error";
          note.setAttribute("role", "alert");
          note.textContent = "This diagram has a syntax error: " + String((error && error.message) || error);
          block.parentNode.insertBefore(note, block);
        });
    });
  }

  function onPage() {
    setup();
    explainBrokenDiagrams();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
