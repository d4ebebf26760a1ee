"""The SPARQL engine finds exactly what pySHACL finds, on the real data and on broken data.

pySHACL, run as ``graph/validate.py`` runs it (``advanced=True``,
``inference="none"``, the ontology as ``ont_graph``), is the reference: each
test validates the same sources with both and compares every result's focus
node, path, value, source shape, constraint component, severity and
messages. Values are compared as Oxigraph stores them (it writes a valid
``-5.0`` decimal as ``-5``), the one way the two may spell a result apart.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node
from test_shapes import CASES, PREFIXES

from graph.errors import SamverkanError
from graph.shacl_sparql import UnsupportedShapes, read_shapes, validate_store
from graph.shacl_sparql.checks import Focus
from graph.shacl_sparql.value_checks import DatatypeCheck, PatternCheck
from graph.shacl_sparql.engine import Run
from graph.shacl_sparql.sparql import Names
from graph.shacl_sparql.values import has_datatype, rdflib_term
from graph.sources import Project, discover, load
from graph.terms import to_oxigraph

REPO = Path(__file__).resolve().parent.parent
EX = "http://example.org/ns#"

Key = tuple[str | None, ...]


@dataclass(frozen=True)
class Reference:
    """The data as pySHACL gets it: rdflib graphs made from the very quads the engine's store holds."""

    shapes: Graph
    data: Graph
    ontology: Graph


def parse(project: Project) -> tuple[Reference, ox.Store]:
    """The reference graphs for pySHACL and the engine's store, from one Oxigraph parse of each file.

    Both are filled from the same quads (so blank nodes keep one label), one
    named graph per file as :func:`graph.sources.load` fills the store; the
    rdflib graphs get them with :func:`rdflib_term` in file order. The order
    matters: rdflib reads ``"TRUE"^^xsd:boolean`` and ``true`` as one triple,
    keeping the ill-typed mark of whichever came first.
    """
    store = ox.Store()
    data, ontology = Graph(), Graph()
    for file in project.graphs:
        quads = read(file.path)
        name = ox.NamedNode(file.graph)
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
        into = ontology if file == project.ontology else data
        into.addN((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object), into) for q in quads)
    return Reference(load(project).shapes, data, ontology), store


def read(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True))


def canonical(node: Node | None) -> str | None:
    """A term as Oxigraph stores it (valid literals in canonical form), blank nodes by label."""
    if node is None:
        return None
    store = ox.Store()
    subject = ox.NamedNode("urn:x")
    store.add(ox.Quad(subject, subject, to_oxigraph(node)))  # type: ignore[arg-type]
    return str(next(iter(store)).object)


def key(shapes: Graph, focus, path, value, shape, component, severity, messages) -> Key:  # noqa: ANN001
    """What must be equal; messages only where the shape has its own (pySHACL words the others itself)."""
    own = (shape, SH.message, None) in shapes
    return (
        canonical(focus),
        None if path is None else str(path),
        canonical(value),
        str(shape),
        str(component),
        str(severity),
        "|".join(sorted(f"{m}@{m.language}" for m in messages)) if own else None,
    )


def by_pyshacl(sources: Reference) -> Counter[Key]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # Python's re on a POSIX class, in one edge case
        _, report, _ = pyshacl_validate(
            sources.data, shacl_graph=sources.shapes, ont_graph=sources.ontology, advanced=True, inference="none"
        )
    return Counter(
        key(
            sources.shapes,
            *(report.value(result, field) for field in (SH.focusNode, SH.resultPath, SH.value)),
            *(report.value(result, field) for field in (SH.sourceShape, SH.sourceConstraintComponent)),
            report.value(result, SH.resultSeverity),
            list(report.objects(result, SH.resultMessage)),
        )
        for result in report.objects(None, SH.result)
    )


def by_sparql(sources: Reference, store: ox.Store) -> Counter[Key]:
    results = validate_store(store, sources.shapes)
    return Counter(
        key(sources.shapes, r.focus, r.path, r.value, r.source_shape, r.component, r.severity, r.messages)
        for r in results
    )


def validated(project: Project) -> tuple[Counter[Key], Counter[Key]]:
    """The results of the SPARQL engine and of pySHACL on the same parse of ``project``."""
    sources, store = parse(project)
    return by_sparql(sources, store), by_pyshacl(sources)


# --- the project's own data and shapes ----------------------------------------------------


def test_the_real_data_gives_no_results_as_with_pyshacl() -> None:
    found, reference = validated(discover(REPO))

    assert found == Counter()
    assert reference == Counter()


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_each_broken_case_gives_pyshacls_results(tmp_path: Path, case: tuple) -> None:
    fixture = tmp_path / "broken.ttl"
    fixture.write_text(PREFIXES + case[1], encoding="utf-8")
    project = discover(REPO).with_data([fixture])

    found, reference = validated(project)

    assert found == reference
    assert found, "the broken resource is reported"


# --- edge cases on a small project of their own -------------------------------------------

HEADER = f"""
@prefix ex:   <{EX}> .
@prefix sh:   <http://www.w3.org/ns/shacl#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

ONTOLOGY = HEADER + """
ex:Animal a owl:Class .
ex:Dog a owl:Class ; rdfs:subClassOf ex:Animal .
ex:Puppy a owl:Class ; rdfs:subClassOf ex:Dog .
ex:Cat a owl:Class ; rdfs:subClassOf ex:Animal .
ex:Person a owl:Class .
ex:Student a owl:Class ; rdfs:subClassOf ex:Person .
"""


def small_project(root: Path, shapes: str, *data: str) -> Project:
    """A project of the ontology above, ``shapes`` and one data file per ``data``."""
    for folder in ("ontology", "data", "shapes"):
        (root / folder).mkdir()
    (root / "ontology" / "samverkan.ttl").write_text(ONTOLOGY, encoding="utf-8")
    (root / "shapes" / "shapes.ttl").write_text(HEADER + shapes, encoding="utf-8")
    for number, text in enumerate(data):
        (root / "data" / f"part-{number}.ttl").write_text(HEADER + text, encoding="utf-8")
    return discover(root)


def components(found: Counter[Key]) -> Counter[str]:
    return Counter({k[4].rsplit("#", 1)[1]: n for k, n in found.items()})


EDGE_CASES = {
    "ill-typed-literals": (
        """
        ex:TypedShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:date ; sh:datatype xsd:date ; sh:message "date"@en ] ,
                [ sh:path ex:int ; sh:datatype xsd:integer ] , [ sh:path ex:bool ; sh:datatype xsd:boolean ] ,
                [ sh:path ex:dec ; sh:datatype xsd:decimal ] , [ sh:path ex:year ; sh:datatype xsd:gYear ] ,
                [ sh:path ex:month ; sh:datatype xsd:gYearMonth ] ,
                [ sh:path ex:text ; sh:datatype xsd:string ] , [ sh:path ex:label ; sh:datatype rdf:langString ] .
        """,
        """
        ex:t a ex:Thing ;
            ex:date "abc"^^xsd:date , "2021-02-30"^^xsd:date , "0000-01-01"^^xsd:date , "2021-10-04Z"^^xsd:date ,
                "2021-10-04"^^xsd:date , "2021-10-04+14:00"^^xsd:date , "20211004"^^xsd:date , "-0044-03-15"^^xsd:date ,
                "2021-10-04T00:00:00"^^xsd:dateTime , "2021-10-04" , ex:notADate ;
            ex:int "1_000"^^xsd:integer , " 5"^^xsd:integer , "abc"^^xsd:integer , 5 , 5.0 , "+07"^^xsd:integer ;
            ex:bool "TRUE"^^xsd:boolean , "1"^^xsd:boolean , true , "yes" ;
            ex:dec "NaN"^^xsd:decimal , "1e3"^^xsd:decimal , -5.0 , 5 , "1.50"^^xsd:decimal ;
            ex:year "abc"^^xsd:gYear , "2017"^^xsd:gYear , "2017Z"^^xsd:gYear , 2017 ;
            ex:month "2017-13"^^xsd:gYearMonth , "2017-12"^^xsd:gYearMonth ;
            ex:text "x" , "y"^^xsd:string , "z"@sv , ex:iri , 3 ;
            ex:label "x"@sv , "x" , "x"@sv-SE , "x"^^xsd:token .
        """,
    ),
    "patterns": (
        """
        ex:PatternShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:code ; sh:pattern "^[0-9]{4}$" ] ,
                [ sh:path ex:word ; sh:pattern "^abc$" ; sh:flags "i" ] ,
                [ sh:path ex:digits ; sh:pattern "^\\\\d+$" ] ,
                [ sh:path ex:diary ; sh:pattern "^[A-ZÅÄÖ]+-[0-9]{4}/[0-9]+(\\\\.[0-9]+)?$" ] ,
                [ sh:path ex:lines ; sh:pattern "^b$" ; sh:flags "m" ] ,
                [ sh:path ex:posix ; sh:pattern "^[[:alpha:]]+$" ] .
        """,
        """
        ex:t a ex:Thing ;
            ex:code "0126" , "0126\\n" , "01260" , "0126"@sv , 1234 , 12345 , <http://example.org/0126> ,
                "１２３４" , "0126"^^xsd:token , [ ex:p 1 ] ;
            ex:word "ABC" , "abd" , "Abc\\n" ;
            ex:digits "123" , "١٢٣" , "12a" , "x\\u001c" ;
            ex:diary "KS-2021/1682.103" , "ÖK-2021/1" , "ks-2021/1" ;
            ex:lines "a\\nb\\nc" , "abc" ;
            ex:posix "abc" , "[:" .
        """,
    ),
    "in-and-ranges": (
        """
        ex:ValueShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:n ; sh:minInclusive 1 ] , [ sh:path ex:m ; sh:maxExclusive 10.5 ] ,
                [ sh:path ex:s ; sh:minExclusive "b" ] ,
                [ sh:path ex:choice ; sh:in ( "a" 1 ex:x "d"@en ) ] , [ sh:path ex:none ; sh:in ( ) ] .
        """,
        """
        ex:t a ex:Thing ;
            ex:n 0 , 1 , 1.5 , -0.5 , "2" , "abc"^^xsd:integer , ex:iri , "3"^^xsd:float , "2021-01-01"^^xsd:date , 1e0 ;
            ex:m 10 , 10.5 , 11 , "x"@en , "1e1"^^xsd:double ;
            ex:s "a" , "c" , "b" , ex:c , 5 ;
            ex:choice "a" , "a"@en , 1 , 1.0 , ex:x , ex:y , "d"@en , "d"@EN , "d" ;
            ex:none ex:anything .
        """,
    ),
    "less-than-or-equals": (
        """
        ex:SpanShape a sh:NodeShape ; sh:targetClass ex:Span ;
            sh:property [ sh:path ex:from ; sh:lessThanOrEquals ex:until ] .
        """,
        """
        ex:a a ex:Span ; ex:from "2024-01-01"^^xsd:date ; ex:until "2023-01-01"^^xsd:date , "2025-01-01"^^xsd:date .
        ex:b a ex:Span ; ex:from "2024-01-01"^^xsd:date ; ex:until "2017"^^xsd:gYear .
        ex:c a ex:Span ; ex:from "b" , "a" ; ex:until "a" , ex:z .
        ex:d a ex:Span ; ex:from 5 , 5.0 , 7 ; ex:until 6 , "6" .
        ex:e a ex:Span ; ex:from "2024-01-01Z"^^xsd:date ; ex:until "2024-01-01"^^xsd:date .
        ex:f a ex:Span ; ex:from ex:a ; ex:until ex:b .
        """,
    ),
    "subclass-targets-and-classes": (
        """
        ex:AnimalShape a sh:NodeShape ; sh:targetClass ex:Animal ;
            sh:property [ sh:path ex:owner ; sh:class ex:Person ; sh:message "eier"@nb , "owner"@en ] .
        """,
        """
        ex:rex a ex:Puppy ; ex:owner ex:bob , ex:car , "Bob" , ex:nobody .
        ex:bob a ex:Student .
        ex:car a ex:Car .
        ex:tom a ex:Cat , ex:Dog ; ex:owner ex:car .
        ex:plant a ex:Plant ; ex:owner ex:car .
        """,
        "ex:nobody a ex:Animal .",
    ),
    "logic": (
        """
        ex:MandateShape a sh:NodeShape ; sh:targetClass ex:Mandate ;
            sh:or ( [ sh:path ex:post ; sh:minCount 1 ] [ sh:path ex:description ; sh:minCount 1 ] ) ;
            sh:message "nobody"@en ;
            sh:property [ sh:path ex:of ; sh:or ( [ sh:class ex:Person ] [ sh:datatype xsd:date ] ) ] ,
                [ sh:path ex:not ; sh:not [ sh:class ex:Dog ] ] ,
                [ sh:path ex:both ; sh:and ( [ sh:class ex:Person ] [ sh:nodeKind sh:IRI ] ) ] ,
                [ sh:path ex:named ; sh:node ex:NamedShape ] .
        ex:NamedShape a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] .
        ex:PostShape a sh:NodeShape ; sh:targetClass ex:Post ;
            sh:xone ( [ sh:path ex:in ; sh:minCount 1 ; sh:maxCount 1 ] [ sh:path ex:seat ; sh:minCount 1 ; sh:maxCount 1 ] ) .
        """,
        """
        ex:m1 a ex:Mandate ; ex:post ex:p .
        ex:m2 a ex:Mandate ; ex:of ex:bob , "2021-01-01"^^xsd:date , "2021-02-30"^^xsd:date , ex:car ,
            "abc"^^xsd:date .
        ex:m3 a ex:Mandate ; ex:description "x" ; ex:not ex:rex , ex:tom ; ex:both ex:bob , ex:car , [ a ex:Person ] ;
            ex:named ex:bob , ex:car , ex:tom .
        ex:bob a ex:Student ; ex:name "Bob" .
        ex:car ex:name "Car"@en .
        ex:tom ex:name "Tom" , "Thomas" .
        ex:rex a ex:Puppy .
        ex:p1 a ex:Post ; ex:in ex:a .
        ex:p2 a ex:Post ; ex:in ex:a ; ex:seat ex:s .
        ex:p3 a ex:Post .
        ex:p4 a ex:Post ; ex:in ex:a , ex:b .
        ex:p5 a ex:Post ; ex:in ex:a , ex:b ; ex:seat ex:s .
        """,
    ),
    "qualified-counts": (
        """
        ex:OwnerShape a sh:NodeShape ; sh:targetClass ex:Person ;
            sh:property [ sh:path ex:pet ; sh:qualifiedValueShape [ sh:class ex:Dog ] ;
                          sh:qualifiedMinCount 2 ; sh:qualifiedMaxCount 3 ] ,
                [ sh:path ex:label ; sh:qualifiedValueShape [ sh:languageIn ( "sv" ) ] ; sh:qualifiedMinCount 1 ] ,
                [ sh:path ex:day ; sh:qualifiedValueShape [ sh:datatype xsd:date ] ; sh:qualifiedMinCount 1 ] ,
                [ sh:path ex:code ; sh:qualifiedValueShape [ sh:pattern "^[0-9]+$" ] ; sh:qualifiedMaxCount 1 ] .
        """,
        """
        ex:one a ex:Person ; ex:pet ex:d1 , ex:c1 ; ex:label "a"@sv-SE ; ex:day "2021-01-01"^^xsd:date ;
            ex:code "1" .
        ex:two a ex:Person ; ex:pet ex:d1 , ex:d2 ; ex:label "a"@en , "b"@SV ; ex:day "2021-02-30"^^xsd:date ;
            ex:code "1" , "2\\n" , "３" .
        ex:four a ex:Person ; ex:pet ex:d1 , ex:d2 , ex:d3 , ex:d4 ; ex:label "a" , "b"@svx ;
            ex:day "2021-10-04Z"^^xsd:date ; ex:code "1" , "2" .
        ex:none a ex:Person .
        ex:d1 a ex:Dog . ex:d2 a ex:Puppy . ex:d3 a ex:Dog . ex:d4 a ex:Dog . ex:c1 a ex:Cat .
        """,
    ),
    "counts-and-languages": (
        """
        ex:CountShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:two ; sh:minCount 2 ] , [ sh:path ex:zero ; sh:maxCount 0 ] ,
                [ sh:path ex:few ; sh:maxCount 2 ] , [ sh:path ex:label ; sh:uniqueLang true ] ,
                [ sh:path ex:sv ; sh:languageIn ( "sv" "en-GB" ) ] , [ sh:path ex:any ; sh:languageIn ( "*" ) ] .
        """,
        """
        ex:a a ex:Thing ; ex:two ex:x ; ex:zero ex:x ; ex:few 1 , 2 , 3 ;
            ex:label "a"@sv , "b"@sv , "c"@en , "d"@en , "e"@de , "f" , "g" ;
            ex:sv "x"@sv-SE , "x"@SV , "x"@svx , "x" , ex:sv , "x"@en-gb , "x"@en-GB-oed , "x"@en ;
            ex:any "x"@de , "x" .
        ex:b a ex:Thing ; ex:two ex:x , ex:y ; ex:few 1 , 1.0 .
        ex:c a ex:Thing ; ex:two ex:x , ex:y ; ex:few 1 , 2 ; ex:label "a"@sv , "b"@en .
        """,
        """ex:b ex:two ex:x ; ex:few 1 , 2 . ex:a ex:label "a"@sv .
        ex:c a ex:Thing ; ex:two ex:x , ex:y ; ex:few 1 , 2 ; ex:label "a"@sv , "b"@en .""",
    ),
    "paths": (
        """
        ex:PathShape a sh:NodeShape ; sh:targetClass ex:Person ;
            sh:property [ sh:path [ sh:inversePath ex:owner ] ; sh:minCount 1 ] ,
                [ sh:path ( ex:pet ex:name ) ; sh:datatype xsd:string ] ,
                [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:maxCount 1 ] ,
                [ sh:path [ sh:zeroOrMorePath ex:parent ] ; sh:class ex:Person ] ,
                [ sh:path [ sh:oneOrMorePath ex:friend ] ; sh:nodeKind sh:IRI ] ,
                [ sh:path [ sh:zeroOrOnePath ex:boss ] ; sh:hasValue ex:bob ] .
        """,
        """
        ex:bob a ex:Person ; ex:pet ex:rex ; ex:a 1 ; ex:b 1 ; ex:parent ex:ann ; ex:friend ex:cid .
        ex:rex ex:owner ex:bob ; ex:name "Rex" , "Rex"@en .
        ex:ann a ex:Student ; ex:a 1 ; ex:b 2 ; ex:parent ex:car ; ex:boss ex:bob ; ex:friend [ ex:friend "x" ] .
        ex:cid a ex:Person ; ex:owner ex:nobody ; ex:friend ex:bob .
        """,
    ),
    "targets": (
        """
        ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:code ;
            sh:property [ sh:path ex:code ; sh:datatype xsd:string ] .
        ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:owner ; sh:class ex:Person .
        ex:Nodes a sh:NodeShape ; sh:targetNode ex:bob , ex:absent , "lit" ; sh:nodeKind sh:BlankNodeOrIRI .
        ex:Implicit a sh:NodeShape , rdfs:Class ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        ex:Chosen a sh:NodeShape ;
            sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:decl ;
                        sh:select "SELECT ?this WHERE { ?this ex:flag true }" ] ;
            sh:property [ sh:path ex:flag ; sh:in ( ) ] .
        ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/ns#"^^xsd:anyURI ] .
        ex:Off a sh:NodeShape ; sh:targetClass ex:Person ; sh:deactivated true ; sh:class ex:Nothing .
        ex:Mild a sh:NodeShape ; sh:targetClass ex:Person ; sh:severity sh:Warning ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "no name"@en ] ,
                [ sh:path ex:nick ; sh:minCount 1 ; sh:deactivated true ] ;
            sh:or ( [ sh:class ex:Nothing ] [ sh:deactivated true ; sh:class ex:Nothing ] ) .
        """,
        """
        ex:bob a ex:Person ; ex:code "1" , 2 ; ex:flag true .
        ex:car ex:owner ex:bob , ex:dog ; ex:code "x"@en .
        ex:x a ex:Implicit . ex:y a ex:Implicit ; ex:name "y" .
        [ ex:flag true ; ex:owner ex:bob ] .
        [ a ex:Person ; ex:flag true ] .
        """,
    ),
    "duplicated-triples-and-aggregates": (
        """
        ex:TotalShape a sh:NodeShape ;
            sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:decl ; sh:select \"\"\"
                SELECT ?this WHERE {
                  { SELECT ?this (SUM(?amount) AS ?sum) WHERE { ?this ex:line ?l . ?l a ex:Cost ; ex:amount ?amount }
                    GROUP BY ?this }
                  ?this ex:total ?total FILTER (?sum != ?total)
                }\"\"\" ] ;
            sh:property [ sh:path ex:line ; sh:in ( ) ] .
        ex:CountedShape a sh:NodeShape ;
            sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:decl ; sh:select \"\"\"
                SELECT ?this WHERE { ?this ex:line ?l } GROUP BY ?this HAVING (COUNT(?l) > 1)\"\"\" ] ;
            sh:property [ sh:path ex:line ; sh:in ( ) ] .
        ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/ns#" ] .
        """,
        "ex:budget ex:total 100.0 ; ex:line ex:l1 . ex:l1 a ex:Cost ; ex:amount 100.0 .",
        "ex:budget ex:line ex:l1 . ex:l1 a ex:Cost ; ex:amount 100.0 . ex:other ex:total 1.0 ; ex:line ex:l2 , ex:l3 .",
    ),
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_give_pyshacls_results(tmp_path: Path, name: str) -> None:
    shapes, *data = EDGE_CASES[name]
    project = small_project(tmp_path, shapes, *data)

    found, reference = validated(project)

    assert found == reference


def test_an_ill_typed_date_is_reported_with_its_value(tmp_path: Path) -> None:
    project = small_project(tmp_path, *EDGE_CASES["ill-typed-literals"])

    found, _ = validated(project)

    dates = {k[2] for k in found if k[1] == EX + "date"}
    assert f'"abc"^^<{XSD.date}>' in dates
    assert f'"2021-02-30"^^<{XSD.date}>' in dates
    assert f'"2021-10-04Z"^^<{XSD.date}>' not in dates, "rdflib reads a date with a time zone"
    assert {k[6] for k in found if k[1] == EX + "date"} == {"date@en"}, "the shape's message is copied"


def test_a_subclass_instance_is_targeted_and_a_subclass_instance_passes_sh_class(tmp_path: Path) -> None:
    project = small_project(tmp_path, *EDGE_CASES["subclass-targets-and-classes"])

    found, _ = validated(project)

    assert sorted((k[0], k[2]) for k in found) == [
        (f"<{EX}rex>", '"Bob"'),
        (f"<{EX}rex>", f"<{EX}car>"),
        (f"<{EX}rex>", f"<{EX}nobody>"),
        (f"<{EX}tom>", f"<{EX}car>"),
    ], "rex (a puppy, so an animal) is targeted; its owner bob (a student, so a person) passes"


def test_sh_or_is_judged_per_value_node(tmp_path: Path) -> None:
    project = small_project(tmp_path, *EDGE_CASES["logic"])

    found, _ = validated(project)

    ors = sorted((k[0], k[2]) for k in found if k[4] == str(SH.OrConstraintComponent))
    assert ors == [
        (f"<{EX}m2>", f'"2021-02-30"^^<{XSD.date}>'),
        (f"<{EX}m2>", f'"abc"^^<{XSD.date}>'),
        (f"<{EX}m2>", f"<{EX}car>"),
        (f"<{EX}m2>", f"<{EX}m2>"),  # the node shape's own sh:or: the value node is the focus node
    ]


def test_qualified_counts_count_conforming_values(tmp_path: Path) -> None:
    project = small_project(tmp_path, *EDGE_CASES["qualified-counts"])

    found, _ = validated(project)

    pets = sorted((k[0], k[4].rsplit("#", 1)[1]) for k in found if k[1] == EX + "pet")
    assert pets == [
        (f"<{EX}four>", "QualifiedMaxCountConstraintComponent"),
        (f"<{EX}none>", "QualifiedMinCountConstraintComponent"),
        (f"<{EX}one>", "QualifiedMinCountConstraintComponent"),
    ]


def test_a_triple_in_two_files_counts_once(tmp_path: Path) -> None:
    project = small_project(tmp_path, *EDGE_CASES["duplicated-triples-and-aggregates"])

    found, _ = validated(project)

    assert sorted(k[0] for k in found) == [f"<{EX}other>", f"<{EX}other>"]


# --- unsupported SHACL --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shapes", "named", "feature"),
    [
        ("ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true .", "ex:S", "sh:closed"),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:minLength 2 ] .",
            "a blank node in <http://example.org/ns#S>",
            "sh:minLength",
        ),
        (
            'ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:select "SELECT $this {}" ] .',
            "ex:S",
            "sh:sparql",
        ),
    ],
)
def test_an_unsupported_feature_is_refused_by_name(shapes: str, named: str, feature: str) -> None:
    graph = Graph().parse(data=HEADER + shapes, format="turtle")

    with pytest.raises(UnsupportedShapes) as refused:
        read_shapes(graph)

    message = str(refused.value)
    assert named.replace("ex:", "<http://example.org/ns#").rstrip(">") in message.replace(">", "") or named in message
    assert feature in message
    assert isinstance(refused.value, SamverkanError), "the command line prints it as a message, not a traceback"


def test_a_target_that_is_not_a_sparql_target_is_refused() -> None:
    graph = Graph().parse(data=HEADER + "ex:S a sh:NodeShape ; sh:target [ a ex:CustomTarget ] .", format="turtle")

    with pytest.raises(UnsupportedShapes, match="not an sh:SPARQLTarget with sh:select"):
        read_shapes(graph)


def test_the_projects_shapes_are_all_supported() -> None:
    shapes = read_shapes(Graph().parse(REPO / "shapes" / "samverkan.shapes.ttl"))

    assert {shape.name for shape in shapes} >= {"svsh:LabelledShape", "svsh:BudgetTotalsShape", "svsh:PostShape"}


# --- the SPARQL shortcuts never contradict pySHACL's judgement ----------------------------

DATATYPES = [XSD.date, XSD.integer, XSD.decimal, XSD.boolean, XSD.gYear, XSD.gYearMonth, XSD.string]
LEXICAL = st.one_of(
    st.from_regex(r"\A[-+]?[0-9]{1,5}(-[0-9]{1,2}){0,2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?(Z|[+-]1[0-9]:00)?\Z"),
    st.from_regex(r"\A[-+ ]?[0-9]{0,3}(\.[0-9]{0,3})?([eE][0-9])?\Z"),
    st.sampled_from(["true", "false", "TRUE", "1", "0", "NaN", "INF", "1_0"]),
    st.text(max_size=6),
).filter(lambda text: not any(0xD800 <= ord(c) <= 0xDFFF for c in text))


def stored(literal: ox.Literal) -> ox.Literal:
    """``literal`` as an Oxigraph store gives it back (valid values in canonical form)."""
    store = ox.Store()
    subject = ox.NamedNode("urn:x")
    store.add(ox.Quad(subject, subject, literal))
    return next(iter(store)).object  # type: ignore[return-value]


def verdict(run: Run, check: DatatypeCheck | PatternCheck, value: ox.Literal) -> tuple[bool, bool]:
    names = Names()
    query = f"SELECT ?this ({check.sure_ok(run, '?this', names)} AS ?ok) ({check.sure_bad(run, '?this', names)} AS ?bad) {{}}"
    row = run.select(query, Focus(node=value))[0]
    return row["ok"] == ox.Literal(True), row["bad"] == ox.Literal(True)


@settings(max_examples=400, deadline=None)
@given(lexical=LEXICAL, datatype=st.sampled_from(DATATYPES))
def test_sh_datatype_shortcuts_agree_with_pyshacl(lexical: str, datatype: URIRef) -> None:
    original = ox.Literal(lexical, datatype=ox.NamedNode(str(datatype)))
    pyshacl_says = has_datatype(rdflib_term(original), datatype)
    check = DatatypeCheck(datatype)
    value = stored(original)

    ok, bad = verdict(Run(ox.Store()), check, value)

    assert not (ok and bad)
    assert (ok or (not bad and check.holds(Run(ox.Store()), value))) == pyshacl_says
    assert not ok or pyshacl_says
    assert not bad or not pyshacl_says


PROJECT_PATTERNS = sorted(
    {str(p) for p in Graph().parse(REPO / "shapes" / "samverkan.shapes.ttl").objects(None, SH.pattern)}
)
TEXT = st.one_of(
    st.from_regex(r"\A[0-9A-ZÅÄÖ§ a-f.\-/_]{0,20}\Z"),
    st.text(alphabet="0123456789-/.§ KSÅ\n\x1c١", max_size=14),
    st.text(max_size=10),
).filter(lambda text: not any(0xD800 <= ord(c) <= 0xDFFF for c in text))


@settings(max_examples=400, deadline=None)
@given(text=TEXT, pattern=st.sampled_from(PROJECT_PATTERNS), language=st.sampled_from([None, "sv"]))
def test_sh_pattern_shortcuts_agree_with_pythons_re(text: str, pattern: str, language: str | None) -> None:
    check = PatternCheck(pattern, "", True, re.compile(pattern))
    value = ox.Literal(text, language=language) if language else ox.Literal(text)
    python_says = re.search(pattern, text) is not None

    ok, bad = verdict(Run(ox.Store()), check, value)

    assert not ok or python_says
    assert not bad or not python_says
    assert (ok or (not bad and check.holds(Run(ox.Store()), value))) == python_says


def test_value_of_a_literal_round_trips_for_results() -> None:
    assert canonical(Literal("-5.0", datatype=XSD.decimal)) == f'"-5"^^<{XSD.decimal}>'
