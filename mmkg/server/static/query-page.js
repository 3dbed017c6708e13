// The query page: YASGUI on this server's endpoint, and the named queries beside it.
// Nothing here reaches another host: LOV autocompletion and the public endpoint
// catalogue of YASGUI are turned off.
(function () {
  "use strict";
  const endpoint = new URL("/sparql", window.location.href).href;
  // the project's prefixes, so that results show mmkg:Drug and xsd:integer rather than full IRIs
  const prefixes = JSON.parse(document.getElementById("mmkg-prefixes").textContent);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    yasr: { prefixes: prefixes },
    yasqe: {
      autocompleters: ["variables"],
      value: [
        "PREFIX mmkg: <https://w3id.org/mmkg/ontology/>",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
        "",
        "# BCMA-directed CAR-T cell therapies (a defined class: the reasoner infers its members)",
        "SELECT ?drug ?label WHERE {",
        "  ?drug a mmkg:BCMADirectedCART ;",
        "        rdfs:label ?label .",
        "}",
        "ORDER BY ?label",
      ].join("\n"),
    },
  });
  const status = document.getElementById("query-status");

  async function run(form) {
    document.querySelectorAll(".named-query.selected").forEach(function (f) { f.classList.remove("selected"); });
    form.classList.add("selected");
    const params = new URLSearchParams();
    form.querySelectorAll("input").forEach(function (input) {
      if (input.value.trim() !== "") params.set(input.name, input.value.trim());
    });
    const name = form.dataset.name;
    const response = await fetch("/queries/" + encodeURIComponent(name) + ".rq?" + params.toString());
    const text = await response.text();
    if (!response.ok) {
      status.textContent = name + ": " + text;
      return;
    }
    status.textContent = "Running " + name + " …";
    const tab = yasgui.getTab();
    tab.setQuery(text);
    await tab.query();
    status.textContent = name;
  }

  document.querySelectorAll(".named-query").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(form);
    });
  });
  const chosen = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (chosen && chosen.classList.contains("named-query")) {
    chosen.scrollIntoView();
    run(chosen);
  }
})();
