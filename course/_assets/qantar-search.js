// Qantar course website: search excerpts that work offline (the search page only).
//
// Sphinx's search page fetches each result's page to show the words around the hit. A book
// opened from disk (file://) cannot fetch: Chromium refuses it, and the results were bare
// titles. Here, when the page is opened from disk or a fetch of a page fails, the text comes
// from _static/qantar-search-text.js (every page's plain text by section, written by
// course/_ext/qantar_web.py; a <script> tag loads on file://), and Sphinx's own
// makeSearchSummary cuts the excerpt and shows it with textContent: page text never
// becomes markup. Over http a page that answers is used as before.
(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof DOCUMENTATION_OPTIONS === "undefined") {
    return;
  }
  // The body of a stand-in response: this prefix, then the docname.
  var MARK = "\u0000qantar-search-text\u0000";
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  var suffix = DOCUMENTATION_OPTIONS.FILE_SUFFIX || ".html";
  var offline = window.location.protocol === "file:";
  var loading = null;

  // The text index, loaded once, with a <script> tag (fetch does not work on file://).
  function textIndex() {
    if (!loading) {
      loading = new Promise(function (resolve) {
        if (window.qantarSearchText) {
          resolve(window.qantarSearchText);
          return;
        }
        var script = document.createElement("script");
        script.src = new URL("_static/qantar-search-text.js", root).href;
        script.onload = function () {
          resolve(window.qantarSearchText || {});
        };
        script.onerror = function () {
          resolve({});
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  // "…/notebooks/01-causes.html" -> "notebooks/01-causes"; null for anything else.
  function docnameOf(input) {
    var url;
    try {
      url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    } catch (error) {
      return null;
    }
    url.search = "";
    url.hash = "";
    var path = url.href;
    if (path.indexOf(root.href) !== 0 || path.slice(-suffix.length) !== suffix) {
      return null;
    }
    try {
      return decodeURIComponent(path.slice(root.href.length, -suffix.length));
    } catch (error) {
      return null;
    }
  }

  function has(index, docname) {
    return Object.prototype.hasOwnProperty.call(index, docname);
  }

  // A stand-in response for *docname* from the text index, or null when it has no text.
  function standIn(docname) {
    return textIndex().then(function (index) {
      return has(index, docname) ? new Response(MARK + docname) : null;
    });
  }

  var fetchPage = window.fetch;
  window.fetch = function (input) {
    var docname = docnameOf(input);
    if (docname === null) {
      return fetchPage.apply(this, arguments);
    }
    if (offline) {
      return standIn(docname).then(function (response) {
        return response || new Response(""); // no excerpt, as for a page without text
      });
    }
    return fetchPage.apply(this, arguments).then(
      function (response) {
        if (response.ok) {
          return response;
        }
        return standIn(docname).then(function (other) {
          return other || response;
        });
      },
      function (error) {
        return standIn(docname).then(function (other) {
          if (!other) {
            throw error;
          }
          return other;
        });
      }
    );
  };

  // The text of a section (its own chunks and its subsections'), or of the whole page.
  function sectionText(page, anchor) {
    var chunks = page.s || [];
    var id = anchor ? anchor.replace(/^#/, "") : "";
    var start = -1;
    if (id) {
      for (var i = 0; i < chunks.length; i++) {
        if (chunks[i][0] === id) {
          start = i;
          break;
        }
      }
    }
    var words = [];
    if (start < 0) {
      chunks.forEach(function (chunk) {
        words.push(chunk[2]);
      });
    } else {
      var depth = chunks[start][1];
      for (var j = start; j < chunks.length; j++) {
        if (j > start && chunks[j][1] <= depth && chunks[j][0] !== id) {
          break;
        }
        words.push(chunks[j][2]);
      }
    }
    return words.filter(Boolean).join(" ");
  }

  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    if (typeof htmlString === "string" && htmlString.indexOf(MARK) === 0) {
      var docname = htmlString.slice(MARK.length);
      var index = window.qantarSearchText || {};
      return has(index, docname) ? sectionText(index[docname], anchor) : "";
    }
    return htmlToText.apply(this, arguments);
  };

  if (offline && new URLSearchParams(window.location.search).get("q")) {
    textIndex(); // start loading while the search index loads
  }
})();
