/*
 * The word picker of a select item's key (templates/quizzes/editors/_sentences_or_spans.html).
 * Without it the key is rows of (sentence, words typed exactly), and those rows stay the one
 * thing the form posts: the picker only reads and writes them.
 * - Each word of the document is a toggle button; words picked side by side in one sentence
 *   are one entry {sentence, text}, the text being the sentence's own characters from the
 *   first word to the last (the server resolves it the same way: quizzes/types/select.py).
 * - A text must occur once in its sentence (counted as Python's str.count does); when a
 *   picked run does not, the list under the picker says so next to it.
 * - Rows edited by hand repaint the picks; rows that do not resolve are kept as written.
 * Offsets (data-start, data-end) count characters (code points), as Python does.
 */
(function () {
  "use strict";

  function chars(text) { return Array.from(text); }

  // Non-overlapping occurrences, as Python's str.count.
  function occurrences(text, part) {
    if (!part) { return 0; }
    var count = 0;
    var at = text.indexOf(part);
    while (at !== -1) { count += 1; at = text.indexOf(part, at + part.length); }
    return count;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, name) { return values[name]; });
  }

  function setUp(picker) {
    var holder = picker.parentElement;
    var rowsBox = holder.querySelector("fieldset.editor-rows");
    var list = rowsBox.querySelector(":scope > ol");
    var count = rowsBox.querySelector(":scope > input[name$='--count']");
    var newRow = holder.querySelector("template[data-picker-row]");
    var spansList = picker.querySelector("[data-picker-spans]");
    var empty = picker.querySelector("[data-picker-empty]");
    var status = picker.querySelector("[data-picker-status]");
    var texts = picker.dataset;
    var sentences = {};  // id -> {box, text, chars, buttons}
    var order = [];
    var picks = {};      // sentence id -> {word number: true}
    var loose = [];      // rows that do not resolve, kept as written: {sentence, text, count}
    var writing = false;

    picker.querySelectorAll("[data-picker-sentence]").forEach(function (box) {
      var id = box.dataset.pickerSentence;
      sentences[id] = {
        box: box,
        text: box.dataset.text,
        chars: chars(box.dataset.text),
        buttons: Array.prototype.slice.call(box.querySelectorAll("button[data-n]"))
      };
      order.push(id);
    });

    function rowFields(li) {
      return { sentence: li.querySelector("[name$='-sentence']"), text: li.querySelector("[name$='-text']") };
    }

    function rows() { return Array.prototype.slice.call(list.querySelectorAll(":scope > li[data-row]")); }

    // The words a row's text covers, or null when it does not occur exactly once.
    function resolve(sid, text) {
      var sentence = sentences[sid];
      if (!sentence || occurrences(sentence.text, text) !== 1) { return null; }
      var start = chars(sentence.text.slice(0, sentence.text.indexOf(text))).length;
      var end = start + chars(text).length;
      return sentence.buttons.filter(function (b) {
        return Number(b.dataset.start) < end && Number(b.dataset.end) > start;
      }).map(function (b) { return Number(b.dataset.n); });
    }

    function readRows() {
      picks = {};
      loose = [];
      rows().forEach(function (li) {
        var f = rowFields(li);
        var sid = f.sentence ? f.sentence.value : "";
        var text = f.text ? f.text.value : "";
        if (!text) { return; }
        var words = resolve(sid, text);
        if (!words || !words.length) {
          var sentence = sentences[sid];
          loose.push({ sentence: sid, text: text, count: sentence ? occurrences(sentence.text, text) : 0 });
          return;
        }
        picks[sid] = picks[sid] || {};
        words.forEach(function (n) { picks[sid][n] = true; });
      });
    }

    // The picks as entries of the key: runs of neighbouring words, in document order.
    function spans() {
      var out = [];
      order.forEach(function (sid) {
        var sentence = sentences[sid];
        var run = [];
        function close() {
          if (!run.length) { return; }
          var first = run[0];
          var last = run[run.length - 1];
          var text = sentence.chars.slice(Number(first.dataset.start), Number(last.dataset.end)).join("");
          out.push({ sentence: sid, text: text, count: occurrences(sentence.text, text), buttons: run });
          run = [];
        }
        sentence.buttons.forEach(function (b) {
          if (picks[sid] && picks[sid][b.dataset.n]) { run.push(b); } else { close(); }
        });
        close();
      });
      return out;
    }

    function addRow(index) {
      var shell = document.createElement("template");
      shell.innerHTML = newRow.innerHTML.replace(/__row__/g, String(index)).replace(/__n__/g, String(index + 1));
      list.appendChild(shell.content.querySelector("li"));
    }

    function writeRows(entries) {
      var items = rows();
      while (items.length < entries.length) { addRow(items.length); items = rows(); }
      while (items.length > entries.length) { list.removeChild(items.pop()); }
      count.value = String(entries.length);
      items.forEach(function (li, i) {
        var f = rowFields(li);
        f.sentence.value = entries[i].sentence;
        f.text.value = entries[i].text;
        var up = li.querySelector("[data-row-up]");
        var down = li.querySelector("[data-row-down]");
        if (up) { up.disabled = i === 0; }
        if (down) { down.disabled = i === items.length - 1; }
      });
      writing = true;  // the studio's preview and htmx listen for changes on the form
      rowsBox.dispatchEvent(new Event("change", { bubbles: true }));
      writing = false;
    }

    function paint() {
      var found = spans();
      order.forEach(function (sid) {
        sentences[sid].buttons.forEach(function (b) {
          var on = Boolean(picks[sid] && picks[sid][b.dataset.n]);
          b.setAttribute("aria-pressed", on ? "true" : "false");
          b.classList.remove("word-pick-repeated");
        });
      });
      spansList.textContent = "";
      found.concat(loose).forEach(function (entry) {
        var item = document.createElement("li");
        item.textContent = format(texts.textSpan, { sentence: entry.sentence, text: entry.text });
        var problem = "";
        if (entry.count > 1) {
          problem = format(texts.textRepeated, { count: entry.count });
        } else if (!entry.buttons) {
          problem = texts.textMissing;
        }
        if (problem) {
          var note = document.createElement("span");
          note.className = "word-picker-problem";
          note.textContent = " — " + problem;
          item.appendChild(note);
          (entry.buttons || []).forEach(function (b) { b.classList.add("word-pick-repeated"); });
        }
        spansList.appendChild(item);
      });
      empty.hidden = found.length + loose.length > 0;
      return found;
    }

    function toggle(button) {
      var sid = button.closest("[data-picker-sentence]").dataset.pickerSentence;
      var n = button.dataset.n;
      picks[sid] = picks[sid] || {};
      var on = !picks[sid][n];
      if (on) { picks[sid][n] = true; } else { delete picks[sid][n]; }
      var found = paint();
      writeRows(found.map(function (s) { return { sentence: s.sentence, text: s.text }; }).concat(loose));
      status.textContent = format(on ? texts.textPicked : texts.textUnpicked, { word: button.textContent, sentence: sid });
    }

    // One tab stop per sentence; the arrow keys, Home and End move between its words.
    function rove(sentence, target) {
      sentence.buttons.forEach(function (b) { b.tabIndex = b === target ? 0 : -1; });
      target.focus();
    }

    order.forEach(function (sid) {
      var sentence = sentences[sid];
      if (!sentence.buttons.length) { return; }
      sentence.buttons[0].tabIndex = 0;
      sentence.box.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-n]");
        if (!button) { return; }
        rove(sentence, button);
        toggle(button);
      });
      sentence.box.addEventListener("keydown", function (event) {
        var at = sentence.buttons.indexOf(event.target);
        if (at === -1 || event.ctrlKey || event.metaKey || event.altKey) { return; }
        var to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: sentence.buttons.length - 1 }[event.key];
        if (to === undefined) { return; }
        event.preventDefault();
        rove(sentence, sentence.buttons[Math.max(0, Math.min(to, sentence.buttons.length - 1))]);
      });
    });

    // Sentences outside `within` (when it lists any) are not shown.
    var form = picker.closest("form");
    function within() {
      var boxes = form ? form.querySelectorAll("input[type=checkbox][name='" + texts.withinName + "']") : [];
      if (!boxes.length) { return; }
      var shown = {};
      var any = false;
      boxes.forEach(function (box) { if (box.checked) { shown[box.value] = true; any = true; } });
      order.forEach(function (sid) { sentences[sid].box.hidden = any && !shown[sid]; });
    }
    if (form) {
      form.addEventListener("change", function (event) {
        if (event.target.name === texts.withinName) { within(); }
      });
    }

    function fromRows() {
      if (writing) { return; }
      readRows();
      paint();
    }
    rowsBox.addEventListener("input", fromRows);
    rowsBox.addEventListener("change", fromRows);

    readRows();
    paint();
    within();
    picker.hidden = false;
  }

  document.querySelectorAll("[data-word-picker]").forEach(setUp);
}());
