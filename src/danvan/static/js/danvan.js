// Behaviour the pages ask for with data- attributes: the Content-Security-Policy
// lets no inline script or on*= handler run, so it lives here.

// <form data-confirm="Question?">: ask before sending.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset?.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// <select data-autosubmit>: send its form as soon as the choice changes.
document.addEventListener("change", (event) => {
  const field = event.target.closest?.("[data-autosubmit]");
  if (field?.form) field.form.requestSubmit();
});

// An htmx request refused or failed (403, 404, 500…): htmx swaps nothing by
// default, so the click would seem to do nothing. Show the server's own error
// card (403.html, 404.html…, in the user's language) in place of the page.
document.addEventListener("htmx:responseError", (event) => {
  const text = event.detail.xhr?.responseText || "";
  const page = new DOMParser().parseFromString(text, "text/html");
  const card = page.querySelector("main [role=alert]");
  const main = document.querySelector("main");
  if (!card || !main) return;
  main.replaceChildren(document.importNode(card, true));
  main.scrollIntoView();
});

// A picker's search box (units/picker.html): Enter searches at once rather than
// sending the form, and typing in it changes no filter of a list by itself
// (its form reloads on "change"); choosing in the list beside it does.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !event.target.matches?.("[data-picker-q]")) return;
  event.preventDefault();
  window.htmx?.trigger(event.target, "picker-search");
});
document.addEventListener(
  "change",
  (event) => {
    if (event.target.matches?.("[data-picker-q]")) event.stopPropagation();
  },
  true,
);
