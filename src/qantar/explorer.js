// Qantar explorer without a kernel: draws the controls of an explorer and redraws its view from
// the JSON embedded beside this script. Text from the data only ever goes in via textContent.
(function (container) {
  "use strict";
  if (!container || container.dataset.ready) {
    return;
  }
  container.dataset.ready = "1";
  var spec = JSON.parse(container.querySelector(".qantar-explorer-data").textContent);
  var uid = "qx" + Math.random().toString(36).slice(2, 9);
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (cls) {
      node.className = cls;
    }
    return node;
  }
  function select(label, options, value, n) {
    var wrap = el("span", null, "qantar-explorer-control");
    var id = uid + "-" + n;
    var lab = el("label", label + ": ");
    lab.htmlFor = id;
    var sel = el("select");
    sel.id = id;
    options.forEach(function (opt) {
      var o = el("option", opt[0]);
      o.value = opt[1];
      sel.appendChild(o);
    });
    sel.value = value;
    wrap.appendChild(lab);
    wrap.appendChild(sel);
    return { wrap: wrap, select: sel };
  }
  // A link only to an http(s) address; anything else is shown as plain text.
  function link(label, url) {
    if (typeof url === "string" && /^https?:\/\/[^\s"'<>`\\{}]+$/.test(url)) {
      var a = el("a", label);
      a.href = url;
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", label);
  }
  // Items of [text, label, url]: the text, then the label linked to the url.
  function linkList(items) {
    var ul = el("ul");
    items.forEach(function (item) {
      var li = el("li", item[0] ? item[0] + " " : "");
      li.appendChild(link(item[1], item[2]));
      ul.appendChild(li);
    });
    return ul;
  }
  function table(headers, rows) {
    var box = el("div", null, "qantar-table-scroll");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Table, scrolls sideways");
    var t = el("table", null, "qantar-table");
    var tr = el("tr");
    headers.forEach(function (h) {
      tr.appendChild(el("th", h));
    });
    var thead = el("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (row) {
      var r = el("tr");
      row.forEach(function (cell, i) {
        var td = el("td", cell);
        td.setAttribute("data-label", headers[i] || "");
        r.appendChild(td);
      });
      tbody.appendChild(r);
    });
    t.appendChild(tbody);
    box.appendChild(t);
    return box;
  }
  function drawView(out, view) {
    var nodes = [el("h3", view.title, "qantar-explorer-title")];
    (view.blocks || []).forEach(function (b) {
      if (b.heading) {
        nodes.push(el("h4", b.heading, "qantar-explorer-title"));
      }
      if (b.text) {
        nodes.push(el("p", b.text));
      }
      if (b.items) {
        var ul = el("ul");
        b.items.forEach(function (item) {
          ul.appendChild(el("li", item));
        });
        nodes.push(ul);
      }
      if (b.links) {
        nodes.push(linkList(b.links));
      }
      if (b.headers) {
        nodes.push(table(b.headers, b.rows));
      }
    });
    out.replaceChildren.apply(out, nodes);
  }
  var controls = el("div", null, "qantar-explorer-controls");
  var out = el("div", null, "qantar-explorer-output");
  out.setAttribute("aria-live", "polite");
  var update;
  if (spec.kind === "select") {
    var selects = spec.controls.map(function (c, n) {
      var s = select(c.label, c.options, c.value, n);
      controls.appendChild(s.wrap);
      return s.select;
    });
    update = function () {
      var key = selects.map(function (s) { return s.value; }).join("|");
      drawView(out, spec.views[key] || { title: "Nothing to show", blocks: [] });
    };
    selects.forEach(function (s) { s.addEventListener("change", update); });
  } else if (spec.kind === "range") {
    var days = spec.days.map(function (d, i) { return [d, String(i)]; });
    var first = select("From", days, String(spec.start), 0);
    var last = select("To", days, String(spec.end), 1);
    controls.appendChild(first.wrap);
    controls.appendChild(last.wrap);
    update = function () {
      var a = Number(first.select.value);
      var b = Number(last.select.value);
      if (b < a) {
        var swap = a; a = b; b = swap;
      }
      var rows = spec.rows.filter(function (r) { return r[0] >= a && r[0] <= b; })
        .map(function (r) { return r.slice(1); });
      drawView(out, {
        title: rows.length + " event(s) from " + spec.days[a] + " to " + spec.days[b],
        blocks: [{ headers: spec.headers, rows: rows }],
      });
    };
    first.select.addEventListener("change", update);
    last.select.addEventListener("change", update);
  } else if (spec.kind === "coding") {
    var noun = spec.noun || "claim";
    var choose = spec.choose || "a type";
    var options = [[spec.none, ""]].concat(spec.types.map(function (t) { return [t, t]; }));
    // the corpus's codes are stored as numbers, not words (widgets.masked_code)
    var unmask = function (id, masked) {
      var n = spec.types.length;
      var shift = 0;
      for (var k = 0; k < id.length; k++) {
        shift += (k + 1) * id.charCodeAt(k);
      }
      return spec.types[(((masked % n) - shift) % n + n) % n];
    };
    var corpusCodes = spec.claims.map(function (claim) { return unmask(claim[0], claim[2]); });
    var pickers = spec.claims.map(function (claim, n) {
      var row = el("div", null, "qantar-explorer-coding");
      var s = select(claim[0], options, "", n);
      row.appendChild(s.wrap);
      row.appendChild(el("span", claim[1]));
      if (claim[3] && claim[3].length) {
        row.appendChild(linkList(claim[3]));
      }
      controls.appendChild(row);
      return s.select;
    });
    update = function () {
      var codes = pickers.map(function (p) { return p.value; });
      var done = codes.filter(function (c) { return c; }).length;
      var n = codes.length;
      if (done < n) {
        drawView(out, {
          title: done + " of " + n + " " + noun + "s coded",
          blocks: [{ text: "Choose " + choose + " for every " + noun + " to compare with the corpus." }],
        });
        return;
      }
      var same = 0;
      var mine = {};
      var theirs = {};
      var rows = spec.claims.map(function (claim, i) {
        var theirCode = corpusCodes[i];
        var yes = codes[i] === theirCode;
        same += yes ? 1 : 0;
        mine[codes[i]] = (mine[codes[i]] || 0) + 1;
        theirs[theirCode] = (theirs[theirCode] || 0) + 1;
        return [claim[0], claim[1], codes[i], theirCode, yes ? "yes" : "no"];
      });
      var po = same / n;
      var pe = 0;
      Object.keys(mine).forEach(function (k) { pe += (mine[k] / n) * ((theirs[k] || 0) / n); });
      var kappa = pe === 1 ? 1 : (po - pe) / (1 - pe);
      drawView(out, {
        title: "Agreement " + Math.round(po * 100) + "%; Cohen's kappa " + kappa.toFixed(2),
        blocks: [
          { headers: [noun, "summary", "your code", "corpus code", "same?"], rows: rows },
          { text: "Your codes as a Python list, to copy into the notebook:" },
          { text: JSON.stringify(codes).replace(/"/g, "'").replace(/,/g, ", ") },
        ],
      });
    };
    pickers.forEach(function (p) { p.addEventListener("change", update); });
  }
  var initial = container.querySelector(".qantar-explorer-initial");
  if (initial) {
    initial.remove();
  }
  container.appendChild(controls);
  container.appendChild(out);
  if (update) {
    update();
  }
})(document.currentScript && document.currentScript.closest(".qantar-explorer"));
