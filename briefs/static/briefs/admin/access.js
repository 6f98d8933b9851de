// Names for the admin's controls that Django and select2 leave unnamed
// (issue 24): a tabular inline's cells (position, role, DELETE) take their
// column's heading and their row; select2's box and search field take the
// label of the select they stand for; export's "select all" says so. Runs
// again whenever rows or select2 boxes are added.
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function named(control) {
    return (
      control.hasAttribute("aria-label") ||
      control.hasAttribute("aria-labelledby") ||
      (control.id && document.querySelector('label[for="' + control.id + '"]'))
    );
  }

  function rowName(row) {
    var original = row.querySelector("td.original p");
    var number = Array.prototype.indexOf.call(row.parentNode.children, row) + 1;
    return text(original) || "row " + number;
  }

  function labelInlineCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = table.querySelectorAll("thead th");
      table.querySelectorAll("tbody tr.form-row").forEach(function (row) {
        row.querySelectorAll("td").forEach(function (cell, index) {
          var heading = text(headings[index]).replace(/\s*\*$/, "");
          cell
            .querySelectorAll("input:not([type=hidden]), select, textarea")
            .forEach(function (control) {
              if (named(control)) return;
              var name = cell.classList.contains("delete") ? "Delete" : heading;
              control.setAttribute("aria-label", name + " (" + rowName(row) + ")");
            });
        });
      });
      table.querySelectorAll("thead th.original").forEach(function (th) {
        if (!text(th)) th.innerHTML = '<span class="visually-hidden">Record</span>';
      });
    });
  }

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) return text(label).replace(/:$/, "");
    var cell = select.closest("td");
    var table = cell && cell.closest("table");
    if (table) {
      var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
      return text(table.querySelectorAll("thead th")[index]).replace(/\s*\*$/, "");
    }
    return select.name;
  }

  function labelSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) return;
      var name = labelOf(select);
      var selection = box.querySelector(".select2-selection");
      if (selection) {
        // Its own name, not the rendered choice's (empty while none is chosen).
        selection.removeAttribute("aria-labelledby");
        selection.setAttribute("aria-label", name);
      }
      box.querySelectorAll(".select2-selection__rendered[role]").forEach(
        function (shown) {
          var chosen = text(shown).replace(/^×\s*/, "") || "none chosen";
          var said = name + ": " + chosen;
          if (shown.getAttribute("aria-label") !== said) {
            shown.setAttribute("aria-label", said);
          }
        }
      );
      box.querySelectorAll(".select2-search__field").forEach(function (field) {
        field.setAttribute("aria-label", "Search: " + name);
      });
      // A multiple choice's list holds only items: its "clear all" is moved beside it.
      box.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach(
        function (stray) {
          stray.parentNode.parentNode.insertBefore(stray, stray.parentNode);
        }
      );
    });
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(
      function (field) {
        field.setAttribute("aria-label", "Search");
      }
    );
  }

  // A date and a time typed apart (publish at): the field's label is for neither.
  function labelSplitDateTimes(root) {
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      if (named(input)) return;
      var base = input.id.replace(/_[01]$/, "");
      var label = document.querySelector('label[for="' + base + '"]');
      var name = label ? text(label).replace(/:$/, "") : input.name;
      input.setAttribute(
        "aria-label",
        name + (/_0$/.test(input.id) ? ": date" : ": time")
      );
    });
  }

  // Django notes the time-zone difference under every date field; only a
  // field with a time is concerned.
  function dropDateOnlyTimezoneNotes(root) {
    root.querySelectorAll(".timezonewarning").forEach(function (note) {
      var field = note.parentNode;
      if (field && !field.querySelector(".vTimeField")) note.remove();
    });
  }

  function labelExport(root) {
    root.querySelectorAll("input.select-toggle:not([aria-label])").forEach(
      function (box) {
        box.setAttribute("aria-label", "Select all fields");
      }
    );
  }

  var busy = false;
  function fix() {
    if (busy) return;
    busy = true;
    labelInlineCells(document);
    labelSelect2(document);
    labelExport(document);
    labelSplitDateTimes(document);
    dropDateOnlyTimezoneNotes(document);
    busy = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix();
    var pending = null;
    new MutationObserver(function () {
      if (pending) return;
      pending = window.setTimeout(function () {
        pending = null;
        fix();
      }, 0);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
