// Suggestions for the contact search: the server matches names without regard to umlauts and
// "ß" ("Kressbronn" finds "Kreßbronn am Bodensee"); without JavaScript the form still works.
document.querySelectorAll("form[data-places-url]").forEach((form) => {
  const input = form.querySelector("input[list]");
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2 || query === asked) return;
    timer = setTimeout(async () => {
      asked = query;
      const url = `${form.dataset.placesUrl}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { places } = await response.json();
      list.replaceChildren(...places.map((name) => Object.assign(document.createElement("option"), { value: name })));
    }, 150);
  });
});
