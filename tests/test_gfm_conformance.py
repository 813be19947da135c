"""The GFM spec's examples, read from ../shared/gfm: the harness itself, and how our pages score."""

import itertools

import pytest
from gfm_conformance import GFM, SPEC_FILES, Example, matches, normalise, read_examples

present = pytest.mark.skipif(
    not all((GFM / name).is_file() for name in SPEC_FILES), reason="../shared/gfm is not present"
)


def test_presentational_markup_is_normalised_away():
    # Material's highlighted code: wrapper, pygments spans, the language class.
    material = (
        '<div class="language-ruby highlight"><pre><span></span><code><span class="k">def</span>'
        ' <span class="nf">foo</span>\n</code></pre></div>'
    )
    assert normalise(material) == normalise('<pre><code class="language-ruby">def foo\n</code></pre>')
    # A task list item as pymdownx.tasklist writes it, and as the spec does.
    tasklist = (
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled'
        ' checked/><span class="task-list-indicator"></span></label> foo</li>'
    )
    assert normalise(tasklist) == normalise('<li><input checked="" disabled="" type="checkbox"> foo</li>')
    # Permalinks, heading ids, entity spelling, whitespace between blocks, alignment by style.
    assert normalise('<h2 id="a-b">A &amp; B<a class="headerlink" href="#a-b">¶</a></h2>\n\n<p>x</p>') == (
        "<h2>A &amp; B</h2><p>x</p>"
    )
    assert normalise('<td style="text-align: center;">&#x41;</td>') == '<td align="center">A</td>'
    # The plugin's bars and marks are not part of the document.
    ours = '<div class="sp-badges"><span>1 unfilled</span></div><p><mark class="sp-mark">[X]</mark></p>'
    assert normalise(ours) == "<p>[X]</p>"


def test_what_a_reader_sees_is_not_normalised_away():
    assert normalise("<p><em>a</em></p>") != normalise("<p><strong>a</strong></p>")
    assert normalise('<a href="/a">x</a>') != normalise('<a href="/b">x</a>')
    assert normalise('<a href="/a" title="t">x</a>') != normalise('<a href="/a">x</a>')
    assert normalise("<pre><code>a  b\n</code></pre>") != normalise("<pre><code>a b\n</code></pre>")
    assert normalise("<p>a b</p>") != normalise("<p>a</p><p>b</p>")
    assert normalise("<p>~~a~~</p>") != normalise("<p><del>a</del></p>")


@present
def test_examples_are_read_without_the_raw_html_sections():
    examples = read_examples()
    assert len(examples) == 636
    sections = {e.section for e in examples}
    assert {"Tables (extension)", "Task list items (extension)", "Footnotes", "Links"} <= sections
    assert not sections & {"HTML blocks", "Raw HTML", "Disallowed Raw HTML (extension)"}
    tabs = next(e for e in examples if e.section == "Tabs")
    assert "\t" in tabs.markdown and "→" not in tabs.markdown


@present
def test_the_harness_tells_renderings_apart():
    """A renderer that conforms scores high, and outputs that differ stay apart once normalised."""
    from gfm_conformance import markdown_it_gfm

    examples = read_examples()
    render = markdown_it_gfm()
    assert sum(matches(e, render(e.markdown)) for e in examples) >= 0.95 * len(examples)
    expected = {e.html.replace("\n", "") for e in examples}
    assert len({normalise(html) for html in expected}) >= 0.97 * len(expected)
    # Each example against the next one's expected HTML, where the two differ: no match.
    shifted = [
        Example(e.number, e.section, e.markdown, n.html)
        for e, n in itertools.pairwise(examples)
        if normalise(e.html) != normalise(n.html)
    ]
    assert shifted and not any(matches(e, render(e.markdown)) for e in shifted)
