/*
 * The countdown of a timed quiz (progressive enhancement: the server enforces the deadline
 * whatever happens here). It starts from the seconds left as the server counted them when it
 * rendered the page (data-remaining), measured with the page's monotonic clock, so a wrong
 * clock on the device does not matter. At zero it submits the quiz form with its answers.
 */
(function () {
  "use strict";

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = (h && m < 10 ? "0" : "") + m;
    var ss = (s < 10 ? "0" : "") + s;
    return (h ? h + ":" : "") + mm + ":" + ss;
  }

  function start() {
    var timer = document.querySelector("[data-countdown]");
    if (!timer) {
      return;
    }
    var value = timer.querySelector("[data-countdown-value]");
    var alert = document.querySelector("[data-countdown-alert]");
    var form = document.querySelector("form.quiz-form");
    var submit = form && form.querySelector("[data-submit-quiz]");
    var remaining = parseInt(timer.getAttribute("data-remaining"), 10);
    if (isNaN(remaining) || !value) {
      return;
    }
    var ends = performance.now() + remaining * 1000;
    var announced = {};
    var done = false;

    function announce(key, text) {
      if (alert && text && !announced[key]) {
        announced[key] = true;
        alert.textContent = text;
      }
    }

    function tick() {
      var left = Math.max(0, Math.ceil((ends - performance.now()) / 1000));
      value.textContent = format(left);
      timer.setAttribute("data-seconds-left", String(left));
      if (left <= 300 && remaining > 300) {
        announce("five", timer.getAttribute("data-text-five"));
      }
      if (left <= 60 && remaining > 60) {
        timer.classList.add("is-ending");
        announce("one", timer.getAttribute("data-text-warning"));
      }
      if (left === 0 && !done) {
        done = true;
        window.clearInterval(interval);
        announce("up", timer.getAttribute("data-text-up"));
        value.textContent = timer.getAttribute("data-text-up");
        if (form && submit) {
          form.requestSubmit(submit);
        }
      }
    }

    var interval = window.setInterval(tick, 250);
    tick();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
