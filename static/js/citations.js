/*
 * Citations as numbers: a `[@id]` citation is rendered as a link "[id]" to its entry in the
 * page's list of sources and references (#ref-id); here it becomes "[n]", n being the entry's
 * number in that list, with the citation's text as its title. Without JavaScript, or when the
 * entry is not on the page, the link keeps its id, and still leads to the entry.
 */
(function () {
  "use strict";

  function start() {
    document.querySelectorAll('sup.citation a[href^="#ref-"]').forEach(function (link) {
      var entry = document.getElementById(link.getAttribute("href").slice(1));
      var list = entry && entry.parentElement;
      if (!entry || !list || list.tagName !== "OL") {
        return;
      }
      var number = Array.prototype.indexOf.call(list.children, entry) + 1;
      link.textContent = "[" + number + "]";
      link.setAttribute("title", entry.textContent.replace(/\s+/g, " ").trim());
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
