// A step page holds neither the glossary nor the lesson's list of sources and references: each
// is a <details> that htmx fills when it is opened, and terms and citations link to the
// glossary page (which has both). Here a click on a term or a citation opens the right
// <details> instead, waits for its entries if they are not there yet, then moves the focus to
// the entry. Without JavaScript, or if loading fails, the link opens the glossary page.
(function () {
  "use strict";

  function show(id) {
    var target = document.getElementById(id);
    if (!target) return false;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "nearest" });
    target.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.term, .citation a");
    if (!link || !window.htmx) return;
    var panel = document.querySelector(
      link.classList.contains("term") ? "details[data-glossary]" : "details[data-references]",
    );
    if (!panel) return;
    var id = new URL(link.href, window.location.href).hash.slice(1);
    var page = panel.getAttribute("hx-get").split("?")[0];
    event.preventDefault();
    if (panel.querySelector("dl, ol")) {
      panel.open = true;
      show(id);
      return;
    }
    function fallback() {
      window.location.href = page + "#" + id;
    }
    panel.addEventListener(
      "htmx:afterSettle",
      function () {
        if (!show(id)) fallback();
      },
      { once: true },
    );
    panel.addEventListener("htmx:responseError", fallback, { once: true });
    panel.addEventListener("htmx:sendError", fallback, { once: true });
    panel.open = true; // its toggle event makes htmx load the entries
  });
})();
