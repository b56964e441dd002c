// The print button of printable pages (no inline handler: the Content Security Policy forbids it).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-pik-print]")) {
    window.print();
  }
});
