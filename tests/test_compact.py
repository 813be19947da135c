"""Our pages carry Material's frame without the indentation of its templates; their content is untouched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from spec_portfolio.mkdocs.compact import _compact, compact

PAGE = (
    "<html>\n  <body>\n    <nav>\n      <a>One</a>\n      <a>Two</a>\n    </nav>\n"
    '    <article class="md-content__inner">\n<pre><code>  keep\n    these\n</code></pre>\n</article>\n'
    "    <footer>\n      x\n    </footer>\n  </body>\n</html>\n"
)


def test_whitespace_runs_with_a_line_break_become_one_line_break_outside_the_article():
    out = compact(PAGE)
    assert out.startswith("<html>\n<body>\n<nav>\n<a>One</a>\n<a>Two</a>\n</nav>\n<article")
    assert "<pre><code>  keep\n    these\n</code></pre>" in out
    assert out.endswith("</article>\n<footer>\nx\n</footer>\n</body>\n</html>\n")


def test_a_frame_with_preformatted_text_or_no_article_stays_as_it_is():
    with_pre = PAGE.replace("<nav>", "<pre>  a\n    b</pre><nav>")
    assert compact(with_pre).split("<article")[0] == with_pre.split("<article")[0]
    assert compact("<p>\n    no article\n</p>") == "<p>\n    no article\n</p>"


def test_portfolio_pages_are_compacted_and_docs_pages_are_not(make_site):
    site = make_site(
        {
            "docs/guide.md": "# Guide\n\nText.\n",
            "specs/001-kites/spec.md": "# Feature Specification: Kites\n\n```text\n  indented\n    more\n```\n",
        }
    )
    ours = site.html("specs/001-kites/spec")
    frame = ours[: ours.index("<article")] + ours[ours.rindex("</article>") :]
    assert not re.search(r"\n[ \t]+", frame) and "md-nav--primary" in frame
    assert "  indented\n    more" in ours
    theirs = site.html("guide")
    assert re.search(r"\n[ \t]+<", theirs.split("<article")[0])  # Material's own indentation


@given(st.text(alphabet=st.sampled_from(list("ab<> \t\r\n\f\v\x1c\x85\xa0\u2028\u3000")), max_size=60))
def test_compacting_line_by_line_is_the_regular_expression_it_stands_for(frame):
    assert _compact(frame) == re.sub(r"[ \t\r\f\v]*\n\s*", "\n", frame)
