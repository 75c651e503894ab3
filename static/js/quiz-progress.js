/*
 * The quiz's "before you submit" list kept current (progressive enhancement: the server renders
 * it as it was when the page loaded). A question leaves the list once its answer is saved,
 * which autosave.js marks with data-answered; "Finish" moves focus to the list.
 */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form.quiz-form");
    var panel = document.querySelector("[data-quiz-submit]");
    if (!form || !panel) {
      return;
    }
    var intro = panel.querySelector("[data-unanswered-intro]");
    var done = panel.querySelector("[data-all-answered]");

    function refresh() {
      var left = 0;
      panel.querySelectorAll("[data-unanswered]").forEach(function (row) {
        var item = document.getElementById(row.getAttribute("data-unanswered"));
        var answered = item && item.hasAttribute("data-answered");
        row.hidden = answered;
        left += answered ? 0 : 1;
      });
      if (intro) {
        intro.hidden = left === 0;
      }
      if (done) {
        done.hidden = left !== 0;
      }
    }

    new MutationObserver(refresh).observe(form, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-answered"],
    });

    var finish = document.querySelector("[data-quiz-finish]");
    if (finish) {
      finish.addEventListener("click", function (event) {
        event.preventDefault();
        refresh();
        panel.scrollIntoView({ block: "start" });
        panel.focus({ preventScroll: true });
      });
    }
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
