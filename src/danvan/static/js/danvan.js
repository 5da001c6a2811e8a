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
