// Suggestions while typing a place (a Gemeinde or a Kreis): an input with data-suggest-url and a
// <datalist> (pik.core.forms.DatalistInput) asks the server, which matches names without regard to
// umlauts, "ß" and official designations ("boeblingen", "Stadt Böblingen" find "Böblingen");
// the answer is {"places": [...]}. Without JavaScript the form still works.
document.querySelectorAll("input[data-suggest-url][list]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2 || query === asked) return;
    timer = setTimeout(async () => {
      asked = query;
      const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { places } = await response.json();
      list.replaceChildren(...places.map((name) => Object.assign(document.createElement("option"), { value: name })));
    }, 150);
  });
});
