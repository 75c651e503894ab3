// Live progress grid: fetch the grid again every few seconds and swap it in, without reloading
// the page. Without JavaScript the page works the same, refreshed by the browser.
// WCAG 2.2.2: updates that start by themselves can be paused (the "Pause live updates" button).
(function () {
  "use strict";
  var holder = document.querySelector("[data-poll-url]");
  var button = document.querySelector("[data-poll-toggle]");
  if (!holder) {
    return;
  }
  var every = Number(holder.getAttribute("data-poll-seconds") || 15) * 1000;
  var timer = null;
  var busy = false;

  function refocus(href) {
    if (!href) {
      return;
    }
    var links = holder.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i += 1) {
      if (links[i].getAttribute("href") === href) {
        links[i].focus();
        return;
      }
    }
  }

  function refresh() {
    if (busy || document.hidden) {
      return;
    }
    busy = true;
    fetch(holder.getAttribute("data-poll-url"), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          // Signed out, or the class is gone: stop asking.
          stop();
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var template = document.createElement("template");
        template.innerHTML = html;
        var fresh = template.content.querySelector("[data-grid]");
        var current = holder.querySelector("[data-grid]");
        if (!fresh || !current) {
          return;
        }
        var active = document.activeElement;
        var href = current.contains(active) && active.getAttribute ? active.getAttribute("href") : null;
        var scroller = current.querySelector(".grid-scroll");
        var left = scroller ? scroller.scrollLeft : 0;
        current.replaceWith(fresh);
        var again = fresh.querySelector(".grid-scroll");
        if (again) {
          again.scrollLeft = left;
        }
        refocus(href);
      })
      .catch(function () {
        // A dropped connection: try again at the next tick.
      })
      .then(function () {
        busy = false;
      });
  }

  function start() {
    timer = window.setInterval(refresh, every);
    if (button) {
      button.textContent = button.getAttribute("data-label-pause");
    }
  }

  function stop() {
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
    if (button) {
      button.textContent = button.getAttribute("data-label-resume");
    }
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      if (timer === null) {
        refresh();
        start();
      } else {
        stop();
      }
    });
  }
  start();
})();
