// The rules editor: CodeMirror 5 over the page's <textarea id="code"> (which stays the form field,
// so the page works without JavaScript), DRL and JSON highlighting, and the lines named by the
// last compile's errors marked in the editor. No inline script or style: this file is loaded by
// the edit page, and CodeMirror's positioning uses the CSSOM, which the CSP allows.
(function () {
  "use strict";

  function defineDrl() {
    if (CodeMirror.modes.drl || !CodeMirror.defineSimpleMode) {
      return;
    }
    CodeMirror.defineSimpleMode("drl", {
      start: [
        { regex: /"(?:[^\\"]|\\.)*?(?:"|$)/, token: "string" },
        { regex: /\/\/.*/, token: "comment" },
        { regex: /\/\*/, token: "comment", next: "comment" },
        { regex: /@[A-Za-z_][\w]*/, token: "meta" },
        { regex: /\$[A-Za-z_][\w]*/, token: "variable-2" },
        {
          regex: /(?:package|import|rule|when|then|end|salience|no-loop|lock-on-active|not|exists|and|or|from|eval|modify|insert|retract|update|forall|accumulate|collect|function|global|declare|query|agenda-group|activation-group|true|false|null)\b/,
          token: "keyword"
        },
        { regex: /-?\d+(?:\.\d+)?\b/, token: "number" },
        { regex: /[A-Z][\w]*/, token: "type" },
        { regex: /[a-z_][\w]*/, token: null }
      ],
      comment: [
        { regex: /.*?\*\//, token: "comment", next: "start" },
        { regex: /.*/, token: "comment" }
      ],
      meta: { lineComment: "//" }
    });
  }

  function modeFor(name) {
    if (name === "json") {
      return { name: "javascript", json: true };
    }
    return name === "drl" ? "drl" : null;
  }

  function start() {
    var area = document.getElementById("code");
    if (!area || typeof CodeMirror === "undefined") {
      return;
    }
    defineDrl();
    var editor = CodeMirror.fromTextArea(area, {
      mode: modeFor(area.getAttribute("data-mode")),
      lineNumbers: true,
      indentUnit: 4,
      gutters: ["CodeMirror-linenumbers", "cm-error-gutter"],
      // Tab and Shift-Tab move the focus on, as in any form field; indent with spaces
      extraKeys: { Tab: false, "Shift-Tab": false }
    });
    var lines = (area.getAttribute("data-error-lines") || "")
      .split(",")
      .map(function (n) { return parseInt(n, 10); })
      .filter(function (n) { return n > 0 && n <= editor.lineCount(); });
    lines.forEach(function (n) {
      editor.addLineClass(n - 1, "wrap", "cm-error-line");
      var marker = document.createElement("span");
      marker.className = "cm-error-marker";
      marker.textContent = "!";
      marker.setAttribute("title", "compile error on line " + n);
      editor.setGutterMarker(n - 1, "cm-error-gutter", marker);
    });
    if (lines.length > 0) {
      editor.setCursor({ line: lines[0] - 1, ch: 0 });
      editor.scrollIntoView({ line: lines[0] - 1, ch: 0 }, 120);
    }
    document.querySelectorAll("a.error-at").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var n = parseInt(link.getAttribute("data-line"), 10) - 1;
        editor.setCursor({ line: n, ch: 0 });
        editor.scrollIntoView({ line: n, ch: 0 }, 120);
        editor.focus();
      });
    });
    document.documentElement.setAttribute("data-editor", "codemirror");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
