/*
 * Autosave for the lesson and quiz forms (progressive enhancement: the forms work without it).
 *
 * Every element with data-autosave-url (one activity or quiz item) posts its own fields (and
 * the CSRF token) to that URL when one of its answers changes.
 * Its [data-autosave-status] says "Saving…", "Saved", or why it was not saved. After a failed
 * connection the answer stays on the page and is sent again (backing off, and as soon as the
 * browser is back online). Texts come from data-text-* attributes on the form (translated by
 * Django). No framework: plain DOM and fetch.
 *
 * Requests leave one at a time, in order, and an htmx "Check" waits for them (it saves the
 * answer itself, so a save of the same activity still waiting is dropped): the server never
 * sees two writes of one student racing, and a slow school network is not flooded.
 *
 * It also reports a failed htmx "Check" (server error or no connection) in the activity's
 * feedback area, since htmx only swaps responses it received.
 */
(function () {
  "use strict";

  var DELAY_CHOICE_MS = 300; // radios, checkboxes, selects: save almost at once
  var DELAY_TYPING_MS = 1000; // text: save after a pause in typing
  var RETRY_MS = [2000, 5000, 10000, 20000, 30000];

  // --- one request at a time ---------------------------------------------------------------
  var queue = [];
  var sending = false;
  var checking = 0; // htmx requests on their way
  var afterIdle = []; // htmx requests waiting for the queue to empty

  function idle() {
    return !sending && checking === 0;
  }

  function pump() {
    if (!idle()) {
      return;
    }
    var unit = queue.shift();
    if (unit) {
      sending = true;
      unit.send().then(function () {
        sending = false;
        pump();
      });
      return;
    }
    var waiting = afterIdle.shift();
    if (waiting) {
      waiting();
    }
  }

  function enqueue(unit) {
    if (queue.indexOf(unit) === -1) {
      queue.push(unit);
    }
    pump();
  }

  function dequeue(unit) {
    var index = queue.indexOf(unit);
    if (index !== -1) {
      queue.splice(index, 1);
    }
  }

  // --- one question --------------------------------------------------------------------------
  function Unit(element, form) {
    this.element = element;
    this.form = form;
    this.url = element.getAttribute("data-autosave-url");
    this.status = element.querySelector("[data-autosave-status]");
    this.timer = null;
    this.failures = 0;
    this.dirty = false;
  }

  Unit.prototype.text = function (name) {
    return this.form.getAttribute("data-text-" + name) || "";
  };

  Unit.prototype.show = function (state, message, withRetry) {
    if (!this.status) {
      return;
    }
    this.status.setAttribute("data-state", state);
    this.status.textContent = message;
    if (withRetry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link btn-sm autosave-retry";
      button.textContent = this.text("retry");
      var unit = this;
      button.addEventListener("click", function () {
        unit.saveNow();
      });
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(button);
    }
  };

  Unit.prototype.schedule = function (delay) {
    var unit = this;
    this.dirty = true;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      unit.saveNow();
    }, delay);
  };

  Unit.prototype.saveNow = function () {
    window.clearTimeout(this.timer);
    enqueue(this);
  };

  /* Drop a save still waiting: the form's submit or a "Check" carries the answer instead. */
  Unit.prototype.cancel = function () {
    window.clearTimeout(this.timer);
    dequeue(this);
    this.dirty = false;
  };

  /* The fields of this question (those inside its element) and the CSRF token, URL-encoded:
   * the server reads only these, and one question's fields are quicker to send and to read
   * than the whole form as multipart. */
  Unit.prototype.body = function () {
    var names = { csrfmiddlewaretoken: true };
    this.element.querySelectorAll("[name]").forEach(function (field) {
      names[field.name] = true;
    });
    var body = new URLSearchParams();
    new FormData(this.form).forEach(function (value, name) {
      if (names[name] === true && typeof value === "string") {
        body.append(name, value);
      }
    });
    return body;
  };

  /* Post the answer; the promise always resolves (failures are shown, then retried). */
  Unit.prototype.send = function () {
    var unit = this;
    this.dirty = false;
    this.show("saving", this.text("saving"));
    return fetch(this.url, {
      method: "POST",
      body: this.body(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (response.ok && data.saved) {
              unit.failures = 0;
              unit.element.setAttribute("data-answered", "");
              countAnswered(unit.form);
              if (!unit.dirty) {
                unit.show("saved", "✓ " + unit.text("saved"));
              }
            } else if (response.status >= 500) {
              unit.failed();
            } else {
              // Refused (an answer that cannot be read, a closed quiz): say why. Sending it
              // again would not help; changing the answer will.
              unit.failures = 0;
              unit.show("error", "⚠ " + (data.error || response.statusText));
            }
          });
      })
      .catch(function () {
        unit.failed();
      });
  };

  Unit.prototype.failed = function () {
    var wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.show("offline", "⚠ " + this.text("offline"), true);
    this.schedule(wait);
  };

  /* "n of m questions answered", where the page shows it. */
  function countAnswered(form) {
    var count = form.querySelectorAll("[data-autosave-url][data-answered]").length;
    document.querySelectorAll("[data-answered-count]").forEach(function (element) {
      element.textContent = String(count);
    });
  }

  function isTyping(target) {
    if (target.tagName === "TEXTAREA") {
      return true;
    }
    if (target.tagName !== "INPUT") {
      return false;
    }
    var type = (target.getAttribute("type") || "text").toLowerCase();
    return type !== "radio" && type !== "checkbox";
  }

  function setUp(form) {
    var units = [];
    form.querySelectorAll("[data-autosave-url]").forEach(function (element) {
      var unit = new Unit(element, form);
      element.autosaveUnit = unit;
      units.push(unit);
      element.addEventListener("input", function (event) {
        unit.schedule(isTyping(event.target) ? DELAY_TYPING_MS : DELAY_CHOICE_MS);
      });
      element.addEventListener("change", function (event) {
        unit.schedule(isTyping(event.target) ? 0 : DELAY_CHOICE_MS);
      });
    });
    var submitting = false;
    form.addEventListener("submit", function () {
      // The form carries every answer itself: saves still waiting are not needed.
      submitting = true;
      units.forEach(function (unit) {
        unit.cancel();
      });
    });
    window.addEventListener("online", function () {
      units.forEach(function (unit) {
        if (unit.failures) {
          unit.saveNow();
        }
      });
    });
    window.addEventListener("beforeunload", function (event) {
      var unsaved = units.some(function (unit) {
        return unit.failures > 0;
      });
      if (unsaved && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  // --- htmx "Check" ---------------------------------------------------------------------------
  function unitOf(element) {
    var holder = element && element.closest("[data-autosave-url]");
    return holder ? holder.autosaveUnit : null;
  }

  function onConfirm(event) {
    var unit = unitOf(event.detail.elt);
    if (unit) {
      unit.cancel(); // the check saves this answer itself
    }
    if (!idle() || queue.length) {
      event.preventDefault();
      afterIdle.push(function () {
        event.detail.issueRequest(true);
      });
    }
  }

  function onBeforeRequest() {
    checking += 1;
  }

  function onAfterRequest(event) {
    checking = Math.max(0, checking - 1);
    var unit = unitOf(event.detail.elt);
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (unit && status >= 200 && status < 300 && !unit.dirty) {
      unit.failures = 0;
      unit.element.setAttribute("data-answered", "");
      unit.show("saved", "✓ " + unit.text("saved"));
    } else if (unit && (status === 0 || status >= 500)) {
      unit.failed(); // the check did not get through: keep trying to save the answer
    }
    pump();
  }

  function reportFailedCheck(event) {
    var target = event.detail && event.detail.target;
    var form = event.detail && event.detail.elt && event.detail.elt.form;
    var message = form && form.getAttribute("data-text-check-failed");
    if (!target || !message) {
      return;
    }
    var box = document.createElement("div");
    box.className = "feedback feedback-error";
    var line = document.createElement("p");
    line.className = "mb-0";
    line.textContent = "⚠ " + message;
    box.appendChild(line);
    target.replaceChildren(box);
  }

  function start() {
    document.querySelectorAll("form[data-autosave-form]").forEach(setUp);
    document.body.addEventListener("htmx:confirm", onConfirm);
    document.body.addEventListener("htmx:beforeRequest", onBeforeRequest);
    document.body.addEventListener("htmx:afterRequest", onAfterRequest);
    document.body.addEventListener("htmx:sendError", reportFailedCheck);
    document.body.addEventListener("htmx:responseError", reportFailedCheck);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
