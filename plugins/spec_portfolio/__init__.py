"""Publish spec-kit style specs, plans and epics as one browsable, cross-linked portfolio.

The core (model, discover, parse, links, views) never imports MkDocs; `spec_portfolio.mkdocs` is the
MkDocs adapter and `spec_portfolio.cli` the command line, both thin layers over it.
"""

__version__ = "0.1.0"
