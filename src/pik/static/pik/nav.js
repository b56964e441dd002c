// The main navigation on a phone: a "Menü" button opens and closes the list (aria-expanded).
// Without JavaScript the button stays hidden and the list stays open, so nothing is out of reach.
(() => {
  const toggle = document.querySelector(".pik-nav__toggle");
  if (!toggle) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
})();
