// The console's one script of its own (no inline scripts: the Content-Security-Policy forbids them).
// Every htmx request carries the CSRF token from the layout's meta tags, so unsafe methods pass.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute("content")] = token.getAttribute("content");
  }
});

// A button marked data-print prints the page (the adverse-action notice); console.css has the print layout.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
