/*
 * The assignment form: choosing another lesson puts that lesson's quiz defaults into the quiz
 * settings (the server renders the first lesson's; ?lesson=<slug> renders another's without
 * JavaScript). The change is announced to screen readers.
 */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form[data-assignment-form]");
    var lesson = form && form.querySelector("select[name=lesson]");
    if (!form || !lesson || !form.hasAttribute("data-lesson-defaults")) {
      return;
    }
    var defaults = JSON.parse(form.getAttribute("data-lesson-defaults"));
    var status = form.querySelector("[data-defaults-status]");

    lesson.addEventListener("change", function () {
      var settings = defaults[lesson.value];
      if (!settings) {
        return;
      }
      Object.keys(settings).forEach(function (name) {
        var field = form.elements[name];
        if (!field) {
          return;
        }
        var value = settings[name];
        if (field.type === "checkbox") {
          field.checked = Boolean(value);
        } else {
          field.value = value === null ? "" : String(value);
        }
      });
      if (status) {
        status.textContent = status.getAttribute("data-text");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
