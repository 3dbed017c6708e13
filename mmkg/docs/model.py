"""The model documentation: one HTML page generated from the ontology and the named queries.

It lists every class (definition, superclasses, number of members), the defined classes
with their OWL definitions, every property (kind, domain, range, definition, uses), the
named queries (description, parameters, examples) and example resources. Links to mmkg
IRIs are relative to ``https://w3id.org/mmkg/``, so they work on the page served at the
root of ``mmkg serve`` and at its w3id address alike.

>>> from mmkg.store import Store
>>> page = model_page(Store.from_release())
>>> "mmkg:ImmunomodulatoryDrug" in page and "not medical advice" in page
True
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from ..prefixes import compact
from ..queries import catalogue
from ..store import Store
from .ontology import read_model
from .void import BASE, examples

DISCLAIMER = (
    "mmkg gives information about multiple myeloma therapies with its evidence (trials, approvals, "
    "guidelines, each with its source). It is not medical advice: treatment decisions belong to the "
    "patient and their physicians."
)


def href(iri: str) -> str:
    """A link to ``iri``: relative for mmkg's own IRIs, the IRI itself for the rest."""
    return iri[len(BASE) :] if iri.startswith(BASE) else iri


def environment(package: str, *, link: Callable[[str], str] = href) -> jinja2.Environment:
    """Templates of ``package``'s ``templates/`` folder, escaped, with the filters ``curie`` and ``href`` (``link``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["curie"] = compact
    env.filters["href"] = link
    env.globals["disclaimer"] = DISCLAIMER
    return env


def model_page(store: Store) -> str:
    """The model documentation of the release in ``store``, as a standalone HTML page."""
    model = read_model(store)
    resources = [{"iri": iri, "curie": compact(iri), "label": store.label(iri)} for iri in examples(store)]
    return (
        environment("mmkg.docs")
        .get_template("model.html")
        .render(
            model=model,
            classes=sorted(model.classes.values(), key=lambda t: t.curie.lower()),
            properties=sorted(model.properties.values(), key=lambda t: t.curie.lower()),
            queries=list(catalogue()),
            examples=resources,
            disclaimer=DISCLAIMER,
        )
    )


__all__ = ["DISCLAIMER", "environment", "href", "model_page"]
