// "Add a row" under a formset: copy its empty form and count one more form.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-row]");
  if (!button) return;
  const prefix = button.dataset.addRow;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty`);
  if (!total || !template) return;
  const index = Number(total.value);
  button.insertAdjacentHTML(
    "beforebegin",
    template.innerHTML.replaceAll("__prefix__", String(index)),
  );
  total.value = String(index + 1);
  const first = button.previousElementSibling?.querySelector("input, select");
  if (first) first.focus();
});
