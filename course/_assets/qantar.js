// Qantar course website: small behaviours added to sphinx-book-theme (every page).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  // 1. Menu buttons. pydata-sphinx-theme and sphinx-book-theme bind their sidebar toggles to
  //    the FIRST .primary-toggle / .secondary-toggle of the page, which is a hidden duplicate
  //    in the (hidden) site header; the buttons a reader sees in the article header did nothing.
  //    Forward a click on any other toggle to the bound one, which opens the table of contents
  //    (or the page outline) as a dialog on a phone and hides/shows the sidebar on a desktop.
  function forwardToggles() {
    ["primary", "secondary"].forEach(function (side) {
      var toggles = document.querySelectorAll("." + side + "-toggle");
      var bound = toggles[0];
      Array.prototype.slice.call(toggles, 1).forEach(function (button) {
        if (!button.getAttribute("aria-label")) {
          button.setAttribute(
            "aria-label",
            side === "primary" ? "Table of contents" : "Contents of this page"
          );
        }
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          bound.click();
        });
      });
    });
  }

  // 2. Figures: a click (or Enter) on a figure opens it full size in a dialog.
  function zoomFigures() {
    var images = document.querySelectorAll(
      ".bd-article .cell_output img, .bd-article figure img"
    );
    if (!images.length) {
      return;
    }
    var dialog = document.createElement("dialog");
    dialog.className = "qantar-zoom";
    dialog.setAttribute("aria-label", "Figure, full size");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "qantar-zoom-close";
    close.textContent = "Close";
    var holder = document.createElement("div");
    dialog.appendChild(close);
    dialog.appendChild(holder);
    document.body.appendChild(dialog);
    close.addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog || event.target === holder) {
        dialog.close();
      }
    });
    images.forEach(function (img) {
      img.classList.add("qantar-zoomable");
      img.setAttribute("tabindex", "0");
      img.setAttribute("role", "button");
      img.title = "Open the figure full size";
      function open() {
        var copy = document.createElement("img");
        copy.src = img.src;
        copy.alt = img.alt;
        holder.replaceChildren(copy);
        dialog.showModal();
      }
      img.addEventListener("click", open);
      img.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      });
    });
  }

  ready(function () {
    forwardToggles();
    zoomFigures();
  });
})();

// 3. Tables for reading: a column whose cells hold long text gets the class qantar-long
//    (a readable minimum width, see qantar.css). Decided once here, for every table.
(function () {
  "use strict";
  function markLongColumns() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      var rows = table.rows;
      if (!rows.length) {
        return;
      }
      var longest = [];
      Array.prototype.forEach.call(rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          longest[i] = Math.max(longest[i] || 0, cell.textContent.trim().length);
        });
      });
      Array.prototype.forEach.call(rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (longest[i] > 80) {
            cell.classList.add("qantar-long");
          }
        });
      });
      // a table that scrolls sideways in its own box can be scrolled from the keyboard
      if (table.closest(".qantar-table-scroll")) {
        return; // the box around it scrolls, and is focusable
      }
      if (table.scrollWidth > table.clientWidth + 1 && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        if (!table.getAttribute("aria-label")) {
          table.setAttribute("aria-label", "Table (scrolls sideways)");
        }
      }
    });
  }
  if (document.readyState !== "loading") {
    markLongColumns();
  } else {
    document.addEventListener("DOMContentLoaded", markLongColumns);
  }
  // widths change once the fonts are in, and with the window
  window.addEventListener("load", markLongColumns);
  window.addEventListener("resize", markLongColumns);
  // explorers redraw their tables: mark those too
  new MutationObserver(function (changes) {
    if (changes.some(function (c) { return c.target.closest && c.target.closest(".qantar-explorer"); })) {
      markLongColumns();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
