// Qantar: loaded on pages with widget output, after require.js and before the ipywidgets
// HTML manager (embed-amd.js); see nb_ipywidgets_js in course/_config.yml.
(function () {
  "use strict";
  // 1. The HTML manager finds its icon fonts relative to RequireJS's base URL, which defaults
  //    to the page's folder. Point it at _static/, where scripts/vendor_js.sh puts them
  //    (course/_vendor/@jupyter-widgets/), so the page needs no other server.
  var base = new URL(".", document.currentScript.src).href;
  window.require.config({ baseUrl: base });

  // 2. noUiSlider draws the handles of range sliders without an accessible name: give each
  //    the slider's label and say which end it moves.
  function nameHandles() {
    document.querySelectorAll(".noUi-handle[role='slider']:not([aria-label])").forEach(function (handle) {
      var widget = handle.closest(".widget-slider, .jupyter-widgets");
      var label = widget && widget.querySelector(".widget-label");
      var name = (label && label.textContent.trim().replace(/:$/, "")) || "Range";
      var end = handle.classList.contains("noUi-handle-upper") ? "end" : "start";
      handle.setAttribute("aria-label", name + ", " + end);
    });
  }
  // 3. A Dropdown without a description renders a hidden <label>, which leaves its <select>
  //    without a name: name it after the text shown just before it in its row (for example
  //    the claim id in the coding explorer).
  function nameSelects() {
    document.querySelectorAll(".widget-dropdown select:not([aria-label])").forEach(function (select) {
      var label = select.id && document.querySelector("label[for='" + select.id + "']");
      if (label && label.offsetParent !== null && label.textContent.trim()) {
        return;
      }
      var widget = select.closest(".widget-dropdown");
      var before = widget && widget.previousElementSibling;
      var text = before ? before.textContent.trim() : "";
      select.setAttribute("aria-label", text ? "Choice for " + text : "Choose an option");
    });
  }
  function fix() {
    nameHandles();
    nameSelects();
  }
  new MutationObserver(fix).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
