/*
 * The lesson studio's enhancements; every page works without them (plain forms, Save buttons).
 * - Autosave: a form with data-autosave posts itself a moment after a change (header
 *   X-Studio-Autosave), and says in its [data-autosave-status] what happened.
 * - Sentences: on a focused sentence, "m" merges it with the next, "s" moves to its split menu.
 * - Glossary: "Use the selected words" copies the words selected in the document into the
 *   term field.
 * - Question preview: a change in the question's form redraws the preview (X-Studio-Preview).
 * Texts come from the page (translated by Django); no framework.
 */
(function () {
  "use strict";

  function post(url, form, header) {
    var headers = { "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value };
    headers[header] = "1";
    return fetch(url, { method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin" });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var status = form.querySelector("[data-autosave-status]");
    var texts = document.getElementById("studio-texts").dataset;
    var save = debounce(function () {
      status.textContent = texts.saving;
      post(form.action || window.location.href, form, "X-Studio-Autosave")
        .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
        .then(function (pair) {
          if (!pair[0].ok) { status.textContent = texts.notSaved; return; }
          status.textContent = pair[1].errors ? texts.savedErrors.replace("%s", pair[1].errors) : texts.saved;
        })
        .catch(function () { status.textContent = texts.offline; });
    }, 1200);
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  });

  document.querySelectorAll("[data-sentence]").forEach(function (item) {
    item.addEventListener("keydown", function (event) {
      if (event.target !== item || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.key === "m") {
        var merge = item.querySelector("[data-merge]");
        if (merge) { event.preventDefault(); merge.click(); }
      } else if (event.key === "s") {
        var select = item.querySelector("[data-split-select]");
        if (select) { event.preventDefault(); select.focus(); }
      }
    });
  });

  var termForm = document.querySelector("[data-term-form]");
  if (termForm) {
    var pick = termForm.querySelector("[data-term-pick]");
    var hint = termForm.querySelector("[data-term-hint]");
    var remembered = "";
    pick.hidden = false;
    hint.hidden = false;
    // The selection is lost when the button takes focus: remember the last one in the document.
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      var documentList = document.querySelector("[data-document]");
      if (selection && selection.rangeCount && documentList && documentList.contains(selection.anchorNode)) {
        var text = selection.toString().replace(/\s+/g, " ").trim();
        if (text) { remembered = text; }
      }
    });
    pick.addEventListener("click", function () {
      var field = termForm.querySelector("[name=term]");
      if (remembered) { field.value = remembered; }
      field.focus();
    });
  }

  var questionForm = document.getElementById("question-form");
  if (questionForm) {
    var target = document.getElementById("question-preview");
    var refresh = debounce(function () {
      post(questionForm.dataset.previewUrl, questionForm, "X-Studio-Preview")
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { target.innerHTML = html; } })
        .catch(function () { /* the Preview button still works */ });
    }, 800);
    questionForm.addEventListener("change", function (event) {
      if (!target.contains(event.target)) { refresh(); }
    });
  }
}());
