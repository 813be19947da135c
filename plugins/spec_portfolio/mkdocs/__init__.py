"""The MkDocs adapter: a thin layer that turns the core's portfolio into files, nav and page bars.

It runs on MkDocs 1.6 and on ProperDocs, its maintained fork (which redirects `mkdocs.*` imports to
itself). As ProperDocs asks of its plugins, importing the adapter arms its notice that tells users of the
`mkdocs` executable about the fork; `DISABLE_MKDOCS_2_WARNING=true` silences it.
"""

try:
    import properdocs.replacement_warning
except ImportError:  # ProperDocs is a dependency; an environment without it still builds with MkDocs
    pass
else:
    properdocs.replacement_warning.setup()
