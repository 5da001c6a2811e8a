// A small calendar for <input data-datepicker>: the date is typed dd/mm/yyyy
// (the field's own format, the same in every browser language); the calendar
// only fills it in. Our own code: no CDN, no inline script or style (CSP).

const WORDS = {
  vi: {
    days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
    month: (m, y) => `Tháng ${m}/${y}`,
    prev: "Tháng trước",
    next: "Tháng sau",
    open: "Chọn ngày",
  },
  en: {
    days: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    month: (m, y) => `${String(m).padStart(2, "0")}/${y}`,
    prev: "Previous month",
    next: "Next month",
    open: "Pick a date",
  },
};
const words = WORDS[document.documentElement.lang] || WORDS.vi;
const pad = (n) => String(n).padStart(2, "0");

function parse(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text || "");
  if (!m) return null;
  const day = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return day.getDate() === Number(m[1]) ? day : null;
}

function button(text, label) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

let open = null; // { input, popup, shown: Date (first of the month) }

function close() {
  open?.popup.remove();
  open = null;
}

function render() {
  const { input, popup, shown } = open;
  const chosen = parse(input.value);
  const today = new Date();
  popup.replaceChildren();
  const head = document.createElement("div");
  head.className = "datepicker-head";
  const prev = button("‹", words.prev);
  const next = button("›", words.next);
  const title = document.createElement("span");
  title.textContent = words.month(shown.getMonth() + 1, shown.getFullYear());
  prev.addEventListener("click", () => {
    open.shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1);
    render();
  });
  next.addEventListener("click", () => {
    open.shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1);
    render();
  });
  head.append(prev, title, next);
  const grid = document.createElement("div");
  grid.className = "datepicker-grid";
  for (const name of words.days) {
    const cell = document.createElement("span");
    cell.textContent = name;
    grid.append(cell);
  }
  // Monday first: the weekday of the 1st, counted from Monday.
  const offset = (shown.getDay() + 6) % 7;
  for (let i = 0; i < offset; i += 1) grid.append(document.createElement("span"));
  const days = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
  for (let d = 1; d <= days; d += 1) {
    const day = new Date(shown.getFullYear(), shown.getMonth(), d);
    const cell = button(String(d));
    if (chosen && day.getTime() === chosen.getTime()) cell.className = "chosen";
    if (day.toDateString() === today.toDateString()) cell.classList.add("today");
    cell.addEventListener("click", () => {
      input.value = `${pad(d)}/${pad(day.getMonth() + 1)}/${day.getFullYear()}`;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      input.focus();
    });
    grid.append(cell);
  }
  popup.append(head, grid);
}

function show(input) {
  if (open?.input === input) return;
  close();
  const popup = document.createElement("div");
  popup.className = "datepicker";
  popup.setAttribute("role", "dialog");
  popup.setAttribute("aria-label", words.open);
  const chosen = parse(input.value) || new Date();
  open = { input, popup, shown: new Date(chosen.getFullYear(), chosen.getMonth(), 1) };
  render();
  input.insertAdjacentElement("afterend", popup);
}

document.addEventListener("click", (event) => {
  const input = event.target.closest?.("input[data-datepicker]");
  if (input) show(input);
  else if (open && !open.popup.contains(event.target)) close();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && open) close();
});
document.addEventListener("focusin", (event) => {
  if (open && event.target !== open.input && !open.popup.contains(event.target)) {
    close();
  }
});
