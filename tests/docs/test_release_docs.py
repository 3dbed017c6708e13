"""The model page and the dataset description shipped in release/ are what the build makes of it."""

from __future__ import annotations

import pyoxigraph as ox

from mmkg import resources
from mmkg.docs import release


def test_shipped_model_page_and_void_are_up_to_date() -> None:
    triples = list(ox.parse(path=str(resources.release_dir() / "mmkg.nt"), format=ox.RdfFormat.N_TRIPLES))
    for name, data in release.files(triples).items():
        assert data == (resources.release_dir() / name).read_bytes(), f"release/{name} is stale: run `mmkg build`"


def test_model_page_documents_classes_properties_definitions_and_queries(kg) -> None:
    import mmkg
    from mmkg.docs.model import model_page

    page = model_page(kg)
    assert 'id="mmkg:ImmunomodulatoryDrug"' in page
    assert "A thalidomide analogue that binds cereblon" in page  # its definition
    assert (
        "≡ mmkg:Drug and (mmkg:hasTarget value target:BCMA) and (mmkg:hasModality value modality:bispecific-t-cell-engager)"
        in page
    )
    assert 'id="mmkg:hasTarget"' in page
    for query in mmkg.catalogue():
        assert f'id="query-{query.name}"' in page
    assert "not medical advice" in page
