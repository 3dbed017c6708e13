"""What mmkg says about itself: the model documentation, the dataset description and its names.

- :mod:`.ontology` reads the model (classes, properties, defined classes) from the graph;
- :mod:`.model` renders it as one HTML page, with the named queries and example resources;
- :mod:`.void` describes the release as a dataset (VoID and DCAT);
- :mod:`.release` writes both into a release folder (called by the build);
- :mod:`.describe` tells what one term or entity is and how it is used (``mmkg describe``);
- :mod:`.vocabulary` warns about mmkg names in a query that the graph does not know.

Nothing here is imported by ``mmkg`` itself; the build imports :mod:`.release` only.
"""
