"""Pages for documents that are not Markdown (OpenAPI, JSON Schema, GraphQL, proto, code)."""

from __future__ import annotations

import posixpath
import re

from ..escape import md_text
from ..model import Document

LANGUAGES = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".graphql": "graphql", ".gql": "graphql",
    ".proto": "protobuf", ".ts": "typescript", ".tsx": "tsx", ".js": "javascript", ".mjs": "javascript",
    ".cs": "csharp", ".py": "python", ".go": "go", ".java": "java", ".kt": "kotlin", ".rs": "rust",
    ".sql": "sql", ".xml": "xml", ".wsdl": "xml", ".xsd": "xml", ".toml": "toml", ".http": "http",
    ".sh": "bash", ".avsc": "json", ".thrift": "thrift", ".feature": "gherkin", ".ini": "ini",
    ".cfg": "ini", ".csv": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".svg": "xml",
    ".txt": "text", ".mmd": "text", ".puml": "text",
}  # fmt: skip


def source_page(doc: Document) -> str:
    """A Markdown page that shows `doc` as highlighted source under its file name."""
    language = LANGUAGES.get(posixpath.splitext(doc.path)[1].lower(), "text")
    longest = max((len(run) for run in re.findall(r"`+", doc.text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = doc.text if doc.text.endswith("\n") else doc.text + "\n"
    return f"# {md_text(doc.name)}\n\n{fence}{language}\n{body}{fence}\n"
