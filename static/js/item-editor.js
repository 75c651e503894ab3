// Item editors (templates/quizzes/editors/): after a row was added, moved or removed (a full
// form post, so the editor works without JavaScript), put the keyboard back where it was:
// on the row's button, so that pressing it again moves the row again.
(function () {
  "use strict";
  document.querySelectorAll("[data-item-editor][data-focus]").forEach(function (editor) {
    var target = document.getElementById(editor.getAttribute("data-focus"));
    if (!target) return;
    if (target.tagName === "FIELDSET" || target.tagName === "DIV") {
      target = target.querySelector("input:not([type=hidden]), textarea, select") || target;
    }
    target.focus();
  });
})();
