// A "Print" button for the credentials sheet. Without JavaScript the button stays hidden and
// the browser's own Print command gives the same sheet (print styles in teacher.css).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
