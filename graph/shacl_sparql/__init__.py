"""SHACL validation as SPARQL queries on Oxigraph, finding exactly what pySHACL finds.

pySHACL walks the data node by node in Python: about 190 s and 2 GB at a
million triples. This engine gives each constraint of each shape one
set-oriented SPARQL query over all its focus nodes, returning only the
offenders, and judges in Python only the odd values SPARQL cannot settle the
way pySHACL would (ill-typed literals, text outside printable ASCII...).

The reference is pySHACL with ``advanced=True, inference="none"`` and the
ontology as ``ont_graph``; the data is the union of the store's named graphs
(the ontology being one of them). Usage::

    results = validate_store(store, shapes_graph)

Shapes using SHACL beyond what the engine runs raise
:class:`UnsupportedShapes` naming the shape and the feature.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from graph.shacl_sparql.checks import ShapeError
from graph.shacl_sparql.engine import ShaclResult, validate_targets
from graph.shacl_sparql.shapes import Shape, UnsupportedShapes, read_shapes


def validate_store(store: ox.Store, shapes: Graph | tuple[Shape, ...]) -> list[ShaclResult]:
    """Every validation result of ``shapes`` on the union of ``store``'s named graphs.

    ``shapes`` is the shapes graph, or what :func:`read_shapes` made of it
    (to read it once for several validations).
    """
    read = read_shapes(shapes) if isinstance(shapes, Graph) else shapes
    return validate_targets(store, read)


__all__ = ["ShaclResult", "ShapeError", "UnsupportedShapes", "read_shapes", "validate_store"]
