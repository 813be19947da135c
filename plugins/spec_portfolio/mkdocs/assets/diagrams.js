/* spec-portfolio: the pinned mermaid, loaded when a page first draws a diagram, with no network.
   Material draws diagrams with the global `mermaid` and, when there is none, fetches one from its CDN
   (once per visit). mermaid2 adds the library only to pages that have a diagram, and Material's
   instant navigation does not run a new page's scripts, so a visit that starts on a page without a
   diagram would have none. This stands in for the global: its first call loads the library served
   beside this file, and every call is handed on to it. */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;
  var source = new URL("mermaid.min.js", document.currentScript.src).href;
  var stand_in, settings = null, loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = source;
        tag.onload = function () {
          var real = window.mermaid;
          if (!real || real === stand_in) return reject(new Error("no mermaid in " + source));
          if (settings) real.initialize(settings);
          resolve(real);
        };
        tag.onerror = function () { reject(new Error("cannot load " + source)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function handedOn(name) {
    return function () {
      var args = arguments;
      return load().then(function (real) { return real[name].apply(real, args); });
    };
  }

  stand_in = {
    initialize: function (options) { settings = options; },
    parse: handedOn("parse"),
    render: handedOn("render"),
    run: handedOn("run"),
  };
  window.mermaid = stand_in;
})();
