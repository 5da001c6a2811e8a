// The section editor of a report's page: our own, no editor library.
//
// Each section's form (form[data-editor]) holds a textarea with the section's
// HTML; without JavaScript that textarea is the editor and the form saves it.
// Here the textarea is hidden and a contenteditable box with a small toolbar
// (paragraph, bulleted and numbered list, bold, italic) takes its place.
// What is typed is saved by itself (a POST to reports:section_save with the
// version it was changed from, answered in JSON): a 409 shows the text saved
// meanwhile beside the officer's own, and nothing is overwritten; a failed
// request keeps the text in localStorage and sends it again when back online.
// Text pasted from Word is cut down here to the tags a section may hold (the
// server's cleaner stays the guard). Also: taking back the system's draft,
// "take over" of a paragraph of a unit below, and a comment on a figure.
// No inline script, no eval: the Content-Security-Policy allows this file.
(function () {
  "use strict";
  var root = document.getElementById("sections");
  if (!root) { return; }
  var labels = root.dataset;
  var DELAY = 1200;
  var editors = [];

  // --- the allowed HTML (as reports.html.clean_html) -------------------------
  var KEEP = { P: "p", BR: "br", STRONG: "strong", B: "strong", EM: "em", I: "em",
    UL: "ul", OL: "ol", LI: "li", A: "a" };
  var BLOCKS = { DIV: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, BLOCKQUOTE: 1 };
  var DROP = { STYLE: 1, SCRIPT: 1, META: 1, TITLE: 1, HEAD: 1, XML: 1, LINK: 1,
    IFRAME: 1, OBJECT: 1, TEMPLATE: 1, SVG: 1, IMG: 1 };

  function hasBlock(node) {
    for (var c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1 && (c.tagName === "P" || BLOCKS[c.tagName] ||
          c.tagName === "UL" || c.tagName === "OL")) { return true; }
    }
    return false;
  }
  function copyClean(from, into) {
    for (var node = from.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        into.appendChild(document.createTextNode(node.nodeValue.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")));
        continue;
      }
      if (node.nodeType !== 1) { continue; }  // comments, Word's conditionals
      var tag = node.tagName.toUpperCase();
      if (DROP[tag] || tag.indexOf(":") !== -1) { continue; }  // o:p, v:shape…
      var name = KEEP[tag] || (BLOCKS[tag] && !hasBlock(node) ? "p" : null);
      if (!name) { copyClean(node, into); continue; }  // unwrap span, font…
      var made = document.createElement(name);
      if (name === "a") {
        var href = node.getAttribute("href") || "";
        if (href.charAt(0) !== "/" || href.charAt(1) === "/") { copyClean(node, into); continue; }
        made.setAttribute("href", href);
        var figure = node.getAttribute("data-figure");
        if (figure) { made.setAttribute("data-figure", figure); }
      }
      copyClean(node, made);
      into.appendChild(made);
    }
  }
  function cleanHtml(html) {
    var parsed = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var box = document.createElement("div");
    copyClean(parsed.body, box);
    return box.innerHTML.replace(/<p>(\s|&nbsp;|<br>)*<\/p>/g, "").trim();
  }
  function setHtml(element, html) {
    // Cleaned here and by the server: no script nor handler reaches the page.
    var parsed = new DOMParser().parseFromString("<body>" + cleanHtml(html) + "</body>", "text/html");
    element.replaceChildren.apply(element, Array.prototype.slice.call(parsed.body.childNodes).map(function (n) {
      return document.importNode(n, true);
    }));
  }

  // --- saving --------------------------------------------------------------
  function storeKey(editor) { return "danvan-report-section-" + editor.id; }
  function keep(editor, text) {
    try {
      localStorage.setItem(storeKey(editor), JSON.stringify({ text: text, version: editor.version() }));
    } catch (e) { /* storage full or refused: the page still posts */ }
  }
  function forget(editor) {
    try { localStorage.removeItem(storeKey(editor)); } catch (e) { /* nothing kept */ }
  }
  function kept(editor) {
    try { return JSON.parse(localStorage.getItem(storeKey(editor)) || "null"); } catch (e) { return null; }
  }
  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function Editor(form) {
    var self = this;
    this.form = form;
    this.id = form.closest("[data-section]").dataset.section;
    this.source = form.querySelector("input[name=text]");
    this.versionInput = form.querySelector("input[name=version]");
    this.state = form.querySelector(".section-state");
    this.timer = null;
    this.saving = null;
    this.dirty = false;
    this.conflict = null;

    // The section's text, as the server wrote it, becomes the editor.
    this.box = form.querySelector(".section-source");
    this.box.classList.add("section-editor");
    this.box.contentEditable = "true";
    this.box.setAttribute("role", "textbox");
    this.box.setAttribute("aria-multiline", "true");
    this.box.setAttribute("aria-label", form.dataset.label || "");

    var bar = document.createElement("div");
    bar.className = "section-toolbar";
    bar.setAttribute("role", "toolbar");
    [["p", labels.paragraphLabel, "¶"], ["ul", labels.bulletsLabel, "•"],
     ["ol", labels.numbersLabel, "1."], ["b", labels.boldLabel, "B"],
     ["i", labels.italicLabel, "I"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.command = spec[0];
      button.title = spec[1] || spec[0];
      button.setAttribute("aria-label", spec[1] || spec[0]);
      button.textContent = spec[2];
      bar.appendChild(button);
    });
    bar.addEventListener("mousedown", function (event) { event.preventDefault(); });
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-command]");
      if (!button) { return; }
      self.box.focus();
      self.command(button.dataset.command);
    });

    form.querySelector(".section-edit-link").hidden = true;
    form.insertBefore(bar, this.box);

    this.box.addEventListener("input", function () { self.changed(); });
    this.box.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) { return; }
      event.preventDefault();
      var html = data.getData("text/html");
      if (html) {
        document.execCommand("insertHTML", false, cleanHtml(html));
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.save();
    });
    var stored = kept(this);
    if (stored && typeof stored.text === "string" && stored.text !== this.source.value) {
      setHtml(this.box, stored.text);
      if (String(stored.version) === this.versionInput.value) {
        this.changed();
      } else {
        this.forgetAndShow(stored.text);
      }
    }
  }
  Editor.prototype.version = function () { return this.versionInput.value; };
  Editor.prototype.html = function () { return cleanHtml(this.box.innerHTML); };
  Editor.prototype.say = function (text, kind) {
    if (!this.state) { return; }
    this.state.textContent = text || "";
    this.state.className = "section-state muted" + (kind ? " " + kind : "");
  };
  Editor.prototype.command = function (name) {
    document.execCommand("styleWithCSS", false, false);
    if (name === "p") { document.execCommand("formatBlock", false, "p"); }
    if (name === "ul") { document.execCommand("insertUnorderedList"); }
    if (name === "ol") { document.execCommand("insertOrderedList"); }
    if (name === "b") { document.execCommand("bold"); }
    if (name === "i") { document.execCommand("italic"); }
    this.changed();
  };
  Editor.prototype.changed = function () {
    var self = this;
    this.dirty = true;
    keep(this, this.html());
    if (this.conflict) { return; }  // the officer chooses first
    this.say(labels.savingLabel);
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, DELAY);
  };
  Editor.prototype.forgetAndShow = function (mine) {
    // A text kept from an older version: shown as a conflict, never sent blind.
    this.dirty = true;
    this.showConflict({ text: this.source.value, version: this.version() }, mine);
  };
  Editor.prototype.save = function () {
    var self = this;
    clearTimeout(this.timer);
    if (this.saving) { return this.saving.then(function () { return self.dirty ? self.save() : null; }); }
    if (this.conflict) { return Promise.resolve(); }
    var text = this.html();
    this.source.value = text;
    this.dirty = false;
    this.say(labels.savingLabel);
    var body = new FormData();
    body.append("text", text);
    body.append("version", this.version());
    this.saving = fetch(this.form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf(this.form) }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) {
          self.versionInput.value = data.version;
          if (!self.dirty) { forget(self); }
          self.say((labels.savedLabel || "") + " " + (data.saved_at || ""), "saved");
          self.form.dispatchEvent(new CustomEvent("section:saved", { bubbles: true, detail: data }));
        } else if (response.status === 409) {
          self.showConflict(data, text);
        } else if (response.status >= 500) {
          throw new Error("server");
        } else {
          self.say(data.error || labels.refusedLabel, "error");
        }
      });
    }).catch(function () {
      self.dirty = true;
      keep(self, text);
      self.say(labels.offlineLabel, "pending");
    }).then(function () { self.saving = null; });
    return this.saving;
  };
  Editor.prototype.showConflict = function (theirs, mine) {
    var self = this;
    if (this.conflict) { this.conflict.remove(); }
    var panel = document.createElement("div");
    panel.className = "section-conflict";
    panel.setAttribute("role", "alert");
    var note = document.createElement("p");
    note.textContent = labels.conflictLabel;
    var text = document.createElement("div");
    text.className = "section-text their-text";
    setHtml(text, theirs.text || "");
    var keepMine = document.createElement("button");
    keepMine.type = "button";
    keepMine.textContent = labels.keepMineLabel;
    var takeTheirs = document.createElement("button");
    takeTheirs.type = "button";
    takeTheirs.textContent = labels.takeTheirsLabel;
    panel.append(note, text, keepMine, takeTheirs);
    this.conflict = panel;
    this.form.after(panel);
    this.say(labels.conflictLabel, "error");
    keepMine.addEventListener("click", function () {
      self.versionInput.value = theirs.version;
      self.resolved();
      self.dirty = true;
      self.save();
    });
    takeTheirs.addEventListener("click", function () {
      self.versionInput.value = theirs.version;
      setHtml(self.box, theirs.text || "");
      self.source.value = theirs.text || "";
      forget(self);
      self.resolved();
      self.dirty = false;
      self.say("");
    });
    if (mine !== undefined) { keep(this, mine); }
  };
  Editor.prototype.resolved = function () {
    if (this.conflict) { this.conflict.remove(); }
    this.conflict = null;
  };
  Editor.prototype.append = function (html) {
    var parsed = new DOMParser().parseFromString("<body>" + cleanHtml(html) + "</body>", "text/html");
    var self = this;
    Array.prototype.slice.call(parsed.body.childNodes).forEach(function (n) {
      self.box.appendChild(document.importNode(n, true));
    });
    this.changed();
  };

  document.querySelectorAll("form[data-editor]").forEach(function (form) {
    editors.push(new Editor(form));
  });
  function editorOf(element) {
    var section = element.closest("[data-section]");
    if (!section) { return null; }
    for (var i = 0; i < editors.length; i++) {
      if (editors[i].id === section.dataset.section) { return editors[i]; }
    }
    return null;
  }

  // The system's draft taken back: into the editor, then saved.
  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form.take-draft");
    if (!form) { return; }
    var editor = editorOf(form);
    if (!editor) { return; }
    event.preventDefault();
    setHtml(editor.box, form.querySelector("input[name=text]").value);
    editor.changed();
    editor.save();
    editor.box.scrollIntoView({ block: "nearest" });
  });

  // "Take over": a paragraph of a unit below's section, added to the editor.
  function showTakeButtons(scope) {
    scope.querySelectorAll("button[data-take]").forEach(function (button) {
      if (editorOf(button)) { button.hidden = false; }
    });
  }
  document.body.addEventListener("htmx:afterSettle", function (event) {
    showTakeButtons(event.target.closest ? (event.target.closest("[data-section]") || event.target) : document);
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-take]");
    if (!button) { return; }
    var editor = editorOf(button);
    var source = button.parentElement.querySelector(".take-source");
    if (!editor || !source) { return; }
    editor.append(source.innerHTML);
    button.disabled = true;
  });

  // A figure clicked: the section's comment form names it.
  root.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-figure]");
    if (!link) { return; }
    var section = link.closest("[data-section]");
    var form = section && section.querySelector("form[data-comment-form]");
    if (!form) { return; }
    event.preventDefault();
    var label = link.textContent.trim();
    form.querySelector("input[name=figure]").value = link.dataset.figure;
    form.querySelector("input[name=figure_label]").value = label.slice(0, 300);
    var shown = form.querySelector(".comment-figure");
    shown.hidden = false;
    shown.textContent = (labels.figureLabel || "") + " " + label + " ";
    var open = document.createElement("a");
    open.href = link.getAttribute("href");
    open.textContent = "↗";
    shown.appendChild(open);
    form.closest("details").open = true;
    form.querySelector("textarea").focus();
  });
  // Figures with last period's comments are marked.
  root.querySelectorAll("[data-previous-figure]").forEach(function (item) {
    var section = item.closest("[data-section]");
    section.querySelectorAll("a[data-figure]").forEach(function (link) {
      if (link.dataset.figure === item.dataset.previousFigure) { link.classList.add("has-previous"); }
    });
  });

  // Nothing unsaved leaves with the page: the steps wait for the saves.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.closest("#steps")) { return; }
    var pending = editors.filter(function (e) { return e.dirty || e.saving; });
    if (!pending.length) { return; }
    event.preventDefault();
    Promise.all(pending.map(function (e) { return e.save(); })).then(function () {
      if (!editors.some(function (e) { return e.conflict; })) { form.submit(); }
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (editors.some(function (e) { return e.dirty || e.conflict; })) {
      editors.forEach(function (e) { if (e.dirty && !e.conflict) { e.save(); } });
      event.preventDefault();
    }
  });
  window.addEventListener("online", function () {
    editors.forEach(function (e) { if (e.dirty && !e.conflict) { e.save(); } });
  });
})();
