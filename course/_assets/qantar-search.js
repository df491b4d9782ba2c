// Qantar course website: search excerpts from a text index (the search page only).
//
// Sphinx's search page fetches each result's page to show the words around the hit: over
// http that is every result page, 3 MB and more for a common word (the text-page budget is
// 1.2 MB), and a book opened from disk (file://) cannot fetch at all (Chromium refuses it).
// Here the text comes from _static/qantar-search-text.js instead, over http and from disk:
// every page's plain text by section (trimmed, written by course/_ext/qantar_web.py), loaded
// once with a <script> tag (which works on file://) when there is a query. No result page is
// fetched; only when the text index itself fails to load over http are the pages fetched, as
// Sphinx does. Sphinx's own makeSearchSummary cuts the excerpt and shows it with
// textContent: page text never becomes markup.
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

  // The text index, loaded once with a <script> tag; null when it cannot be loaded.
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
          resolve(window.qantarSearchText || null);
        };
        script.onerror = function () {
          resolve(null);
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

  // A result page's fetch is answered from the text index: a stand-in response whose body
  // names the page (empty for a page without text: no excerpt, as Sphinx does).
  var fetchPage = window.fetch;
  window.fetch = function (input) {
    var docname = docnameOf(input);
    if (docname === null) {
      return fetchPage.apply(this, arguments);
    }
    var self = this;
    var args = arguments;
    return textIndex().then(function (index) {
      if (index === null && !offline) {
        return fetchPage.apply(self, args); // no text index: the page itself, as Sphinx does
      }
      return new Response(index !== null && has(index, docname) ? MARK + docname : "");
    });
  };

  // The stemmed words of the query, set by makeSearchSummary for htmlToText.
  var keywords = [];

  function hasKeyword(text) {
    var lower = text.toLowerCase();
    return keywords.some(function (word) {
      return word && lower.indexOf(String(word).toLowerCase()) > -1;
    });
  }

  // The text of a section (its own chunks and its subsections'), or of the whole page.
  function sectionText(chunks, id) {
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

  // The excerpt's text: the result's section; when the index trimmed the hit out of it, the
  // first section of the page whose kept text (its heading included) holds a word of the
  // query; else the section, whose beginning is then shown, as Sphinx does without a hit.
  function excerptText(page, anchor) {
    var chunks = (page && page.s) || [];
    var id = anchor ? anchor.replace(/^#/, "") : "";
    var text = sectionText(chunks, id);
    if (!keywords.length || hasKeyword(text)) {
      return text;
    }
    for (var i = 0; i < chunks.length; i++) {
      if (chunks[i][2] && hasKeyword(chunks[i][2])) {
        return chunks[i][2];
      }
    }
    return text;
  }

  // The query's own words, lowercased: a stem is not always in the text ("Almaty" stems to
  // "almati"), and Sphinx looks only for the stems.
  var queryWords = (new URLSearchParams(window.location.search).get("q") || "")
    .toLowerCase()
    .split(/\s+/)
    .filter(function (word) {
      return word && word[0] !== "-";
    });

  var makeSearchSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = function (htmlText, words, anchor) {
    keywords = (words ? Array.from(words) : []).concat(queryWords);
    try {
      return makeSearchSummary.call(this, htmlText, keywords, anchor);
    } finally {
      keywords = [];
    }
  };

  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    if (typeof htmlString === "string" && htmlString.indexOf(MARK) === 0) {
      var docname = htmlString.slice(MARK.length);
      var index = window.qantarSearchText || {};
      return has(index, docname) ? excerptText(index[docname], anchor) : "";
    }
    return htmlToText.apply(this, arguments);
  };

  if (new URLSearchParams(window.location.search).get("q")) {
    textIndex(); // start loading while the search index loads
  }
})();
