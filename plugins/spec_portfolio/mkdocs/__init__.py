"""The MkDocs adapter: a thin layer that turns the core's portfolio into files, nav and page bars."""
