// Source Lab: the projector view. The arrow keys move to the previous and next slide, as the
// Previous and Next links do (a clicker sends the same keys). Keys typed into a control are left alone.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var target = event.target;
    if (target && target.closest && target.closest("input, select, textarea, [contenteditable]")) {
      return;
    }
    var selector = {
      ArrowLeft: "[data-projector-prev]",
      PageUp: "[data-projector-prev]",
      ArrowRight: "[data-projector-next]",
      PageDown: "[data-projector-next]",
    }[event.key];
    var link = selector && document.querySelector(selector);
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
