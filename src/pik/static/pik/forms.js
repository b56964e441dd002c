// Forms the GOV.UK way, for every page (no inline handler: the Content Security Policy forbids it).
// 1. After an error the focus moves to the error summary, so it is read first.
// 2. Leaving a page with a changed, unsent form asks first (beforeunload). A form counts as
//    changed after typing in it, or when it came back with errors (its values are not saved).
//    Sending a form clears the warning for that form; forms that only search or filter (GET)
//    and forms marked data-pik-no-warn never warn.
(() => {
  const dirty = new Set();
  const watched = (form) =>
    form instanceof HTMLFormElement &&
    (form.getAttribute("method") || "get").toLowerCase() === "post" &&
    !form.hasAttribute("data-pik-no-warn");

  document.addEventListener("DOMContentLoaded", () => {
    const summary = document.querySelector(".pik-error-summary");
    if (summary) {
      summary.focus();
      const form = summary.closest("form");
      if (watched(form)) dirty.add(form);
    }
    for (const form of document.querySelectorAll("form")) {
      if (watched(form) && form.querySelector("[aria-invalid='true']")) dirty.add(form);
    }
  });

  const changed = (event) => {
    const form = event.target.form || event.target.closest?.("form");
    if (watched(form)) dirty.add(form);
  };
  document.addEventListener("input", changed);
  document.addEventListener("change", changed);

  document.addEventListener("submit", (event) => {
    if (event.target instanceof HTMLFormElement) dirty.delete(event.target);
  });

  window.addEventListener("beforeunload", (event) => {
    for (const form of dirty) {
      if (!form.isConnected) dirty.delete(form);
    }
    if (dirty.size > 0) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show their own question
    }
  });
})();
