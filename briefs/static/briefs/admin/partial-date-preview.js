"use strict";
// As a curator edits a partial date (date, precision, "approximate"), show how
// the site will print it. The server renders the text with briefs.dates, so
// the preview cannot drift from the site.
(function () {
  function watch(preview) {
    const prefix = preview.dataset.prefix;
    const date = document.getElementById("id_" + prefix);
    const precision = document.getElementById("id_" + prefix + "_precision");
    const approximate = document.getElementById("id_" + prefix + "_approximate");
    if (!date || !precision) {
      return;
    }
    const query = () =>
      new URLSearchParams({
        date: date.value,
        precision: precision.value,
        approximate: approximate && approximate.checked ? "1" : "",
      }).toString();
    // The page already shows the stored date; ask only once something changes.
    let asked = query();

    function refresh() {
      const current = query();
      if (current === asked) {
        return;
      }
      asked = current;
      fetch(preview.dataset.url + "?" + current, { credentials: "same-origin" })
        .then((response) => response.json())
        .then((answer) => {
          if (current !== asked) {
            return; // a later edit has overtaken this answer
          }
          preview.textContent = answer.error || answer.text;
          preview.style.color = answer.error ? "var(--error-fg)" : "";
        });
    }

    for (const input of [date, precision, approximate]) {
      if (input) {
        input.addEventListener("input", refresh);
        input.addEventListener("change", refresh);
      }
    }
    // The admin's calendar and "Today" link set the date without an event.
    document.addEventListener("click", () => window.setTimeout(refresh, 0));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".partial-date-preview").forEach(watch);
  });
})();
