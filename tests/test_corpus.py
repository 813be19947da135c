"""The real repository in ../shared/corpus builds with a mkdocs.yml naming only the theme and our plugin."""

import shutil

import pytest
from conftest import CORPUS, build_site, page_of, write_tree

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


def test_corpus_builds_and_publishes_every_markdown_file(tmp_path):
    project = tmp_path / "corpus"
    shutil.copytree(CORPUS, project)
    # MkDocs requires a docs folder to exist; it may be empty.
    write_tree(project, {"mkdocs.yml": "site_name: Corpus\ntheme: material\nplugins:\n  - spec-portfolio\n"})
    (project / "docs").mkdir()
    site = build_site(project)
    assert not site.aborted
    sources = [
        p for p in project.rglob("*.md") if ".specify/templates" not in p.as_posix() and "site" not in p.parts
    ]
    assert len(sources) >= 80
    for source in sources:
        assert page_of(project / "site", source.relative_to(project)).is_file(), source
    # Without a docs home page, the plugin makes one that lists every feature.
    home = site.html("")
    assert home.count('href="specs/0') >= 11
    # The two features numbered 007 are both there, and the build says they share a number.
    assert any(
        "feature number 007 is shared by 007-mock-auth, 007-simple-ui-pages" in m for m in site.messages()
    )
    # Worth a reviewer's time: seven features say Implemented while their task lists are unticked.
    from spec_portfolio.load import load_portfolio

    portfolio = load_portfolio(project)
    status = [f for d in portfolio.documents.values() for f in d.findings if f.kind == "status"]
    assert len(status) >= 7 and all(f.severity == "warning" for f in status)
    assert not [f for d in portfolio.documents.values() for f in d.findings if f.severity == "error"]
    # Its only broken link (a code contract the corpus leaves out) is reported with its line.
    ours = [w for w in site.warnings if w.startswith("spec_portfolio:")]
    assert ours == [
        "spec_portfolio: specs/007-mock-auth/plan.md:130: links to 'contracts/mock-auth-api.ts', which does not exist"
    ]
