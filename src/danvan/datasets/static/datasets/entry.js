// The data entry page: nothing typed is lost when the connection drops.
//
// Each cell is posted by htmx as it is typed (hx-post on the input). Before a
// cell is sent its value is kept in localStorage under the submission; it is
// forgotten once the server has answered, and kept (marked "not sent") when
// the request failed. On the next load, and when the browser is back online,
// the kept cells are put back in their inputs and sent again. No inline
// script, no eval: the Content-Security-Policy allows this file only.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || !form.dataset.submission || !window.localStorage) {
    return;
  }
  var key = "danvan-entry-" + form.dataset.submission;
  var notice = form.querySelector(".entry-offline");

  function load() {
    try {
      return JSON.parse(localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }
  function store(pending) {
    try {
      if (Object.keys(pending).length) {
        localStorage.setItem(key, JSON.stringify(pending));
      } else {
        localStorage.removeItem(key);
      }
    } catch (e) { /* storage full or refused: the page still posts */ }
  }
  function cellOf(element) {
    return element && element.matches && element.matches("[data-cell]") ? element : null;
  }
  function stateOf(cell) {
    var next = cell.nextElementSibling;
    return next && next.classList.contains("cell-state") ? next : null;
  }
  function markPending(cell) {
    var state = stateOf(cell);
    if (state) {
      state.className = "cell-state pending";
      state.textContent = form.dataset.pendingLabel || "…";
    }
  }

  form.addEventListener("htmx:beforeRequest", function (event) {
    var cell = cellOf(event.target);
    if (!cell) { return; }
    var pending = load();
    pending[cell.name] = cell.value;
    store(pending);
  });
  form.addEventListener("htmx:afterRequest", function (event) {
    var cell = cellOf(event.target);
    if (!cell) { return; }
    var xhr = event.detail.xhr;
    if (xhr && xhr.status > 0 && xhr.status < 500) {
      var pending = load();
      if (pending[cell.name] === cell.value) {
        delete pending[cell.name];
        store(pending);
      }
    } else {
      markPending(cell);
    }
  });

  function resend() {
    var pending = load();
    Object.keys(pending).forEach(function (name) {
      var cell = form.querySelector('[data-cell][name="' + name.replace(/"/g, "") + '"]');
      if (!cell) { delete pending[name]; return; }
      // A cell whose request is still on its way is not sent twice (the
      // "online" event and the page's load can come together).
      var inFlight = cell.classList.contains("htmx-request");
      if (cell.value !== pending[name]) { cell.value = pending[name]; inFlight = false; }
      markPending(cell);
      if (!inFlight && navigator.onLine !== false && window.htmx) {
        window.htmx.trigger(cell, "change");
      }
    });
    store(pending);
  }
  function showOffline() {
    if (notice) { notice.hidden = navigator.onLine !== false; }
  }

  window.addEventListener("online", function () { showOffline(); resend(); });
  window.addEventListener("offline", showOffline);
  showOffline();
  // After htmx has set up the inputs (it starts on DOMContentLoaded too).
  function start() { window.setTimeout(resend, 0); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
