"""Samverkan: build, validate, query and publish the regional collaboration graph.

The package turns the Turtle sources (``ontology/``, ``data/``, ``shapes/``)
into an embedded Oxigraph store and downloadable dumps, and gives the
command line and the web app one way to read them.
"""
