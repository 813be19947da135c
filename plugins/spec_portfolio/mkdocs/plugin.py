"""The `spec-portfolio` MkDocs plugin: publishes the portfolio the core discovers.

Logic lives in the core; each handler here only hands MkDocs what the core made.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import nest_paths
from mkdocs.utils.templates import TemplateContext

from ..cache import Cache
from ..empty import is_empty, no_feature
from ..escape import html_text
from ..findings.risks import find_risks
from ..findings.rollout import find_readiness
from ..frontmatter import STATUSES, Policy, safe_meta
from ..load import load_portfolio
from ..mermaid import CDN_URL, cached_mermaid
from ..mermaid import VERSION as MERMAID_VERSION
from ..model import SEVERITIES, Document, Portfolio, at_or_above
from ..parallel import worker_count
from ..paths import RootError, configured_root
from ..report import all_findings, portfolio_export, to_json
from ..roots import roots_line
from ..sanitize import sanitize, theirs
from ..settings import source_url
from ..views.badges import badge_bar, findings_list, marked_source
from ..views.bars import context_bar, epic_features, feature_id_targets, referenced_by
from ..views.generated import portfolio_pages
from ..views.nav import portfolio_nav
from ..views.risks import CSV_NAME, risks_csv
from ..views.source import source_page
from ..words import count, severities
from .compact import compact
from .config import SpecPortfolioConfig
from .extensions import REQUIRED, add_extensions, github_markdown
from .markdown import PortfolioLinks
from .mermaid2_log import quiet_per_page_lines
from .outputs_ahead import OutputsAhead
from .page_outputs import CONTEXT, TEMPLATE, PageOutputs, site_key
from .prerender import Job, prerender
from .render_cache import RenderCache
from .reported_links import reported_links
from .search_entries import SearchEntries, search_entries

log = get_plugin_logger(__name__)

CSS = "assets/spec-portfolio/spec-portfolio.css"
JS = "assets/spec-portfolio/spec-portfolio.js"
MERMAID = "assets/spec-portfolio/mermaid.min.js"
# Loads MERMAID when a page first draws. Not named "mermaid…": mermaid2 would take it for the library.
DIAGRAMS = "assets/spec-portfolio/diagrams.js"
EXPORT_JSON = "portfolio.json"
_ASSETS = Path(__file__).parent / "assets"


class SpecPortfolioPlugin(BasePlugin[SpecPortfolioConfig]):
    def __init__(self) -> None:
        self.project = Path()
        self.config_file = "mkdocs.yml"
        self.portfolio: Portfolio | None = None
        self.by_site: dict[str, Document] = {}
        self.ours: set[str] = set()  # the pages we publish: the documents' and the generated ones
        self.current: tuple[Document, dict[str, str]] | None = None
        self.mermaid: Path | None = None
        self.extensions: list[str] = []
        self.analysis_cache: Cache | None = None  # only under `mkdocs serve`
        self.render_cache: RenderCache | None = None
        self.page_outputs: PageOutputs | None = None  # only under `mkdocs serve`
        self.nav: Navigation | None = None
        self.html_cache = Cache()  # sanitised content, by the HTML it was made from
        self.workers = 1
        self.ahead = 0  # pages rendered ahead in this build
        self.outputs_ahead: OutputsAhead | None = None
        self.search: SearchEntries | None = None  # only under `mkdocs serve`
        self.meta_policy = Policy()  # what front matter may ask of the theme, from this build's config
        self.serving = False  # `mkdocs serve`: drafts are built too, marked
        self.dirty = False  # `--dirty`: MkDocs builds only the pages whose source changed
        self.built = False  # a build has finished (under `mkdocs serve`, the next one is a rebuild)

    # Early, so that mermaid2 (priority 0) finds its library already chosen.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.config_file = config.config_file_path or "mkdocs.yml"
        self.project = Path(self.config_file).resolve().parent
        for root in self.config.roots or ():
            try:
                configured_root(self.project, root, [Path(config.site_dir), Path(config.docs_dir)])
            except RootError as error:  # `check` refuses it with the same message
                raise PluginError(f"{config.config_file_path}: {error}") from error
        _log_core_to_mkdocs()
        add_extensions(config, REQUIRED)
        if self.config.github_markdown:
            add_extensions(config, github_markdown(mermaid2="mermaid2" in config.plugins))
        self.extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
        config.markdown_extensions.append(PortfolioLinks(lambda: self.current))  # type: ignore[arg-type]
        config.extra_css.append(CSS)
        config.extra_javascript.append(JS)
        self.meta_policy = self._meta_policy(config)
        self._configure_mermaid(config)
        return config

    def _configure_mermaid(self, config: MkDocsConfig) -> None:
        """Serve the pinned mermaid from the cache (or name it on the CDN), never asking the network.

        mermaid2 would otherwise fetch its CDN URL at config time to check that it exists.
        """
        self.mermaid = cached_mermaid()
        source = MERMAID if self.mermaid else CDN_URL
        mermaid2 = config.plugins.get("mermaid2")
        if self.mermaid is None:
            hint = "run `spec-portfolio fetch-mermaid` to serve it from the site"
            where = CDN_URL if mermaid2 is not None else "Material's CDN"
            log.info(f"mermaid {MERMAID_VERSION} is not cached ({hint}); pages load mermaid from {where}")
        if mermaid2 is not None:
            quiet_per_page_lines()
        if mermaid2 is not None and not mermaid2.config.get("javascript"):
            mermaid2._javascript = source  # its cached property; set, it skips the network check
            mermaid2.config["version"] = MERMAID_VERSION
        if self.mermaid is not None:
            # Material draws diagrams with the global `mermaid`: every page has one that loads the
            # served library on first use, also after instant navigation from a page without diagrams.
            config.extra_javascript.append(DIAGRAMS)

    # Late, so that files other plugins generate are known before our pages claim their addresses.
    @event_priority(-50)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        taken = {f.src_uri for f in files}
        self.portfolio = portfolio = load_portfolio(
            self.project,
            None if self.config.roots is None else list(self.config.roots),
            exclude=[Path(config.site_dir), Path(config.docs_dir)],
            taken=taken,
            source_url=source_url(self.project, config.repo_url, config.edit_uri, Path(config.docs_dir)),
            cache=self.analysis_cache,
            workers=self.config.workers,
            trust_assets=self.config.trust_assets,
        )
        log.info(roots_line(portfolio))
        for problem in portfolio.problems:
            (log.warning if problem.severity == "warning" else log.info)(str(problem))
        reported_links().use(portfolio)
        self._check_findings(portfolio, [Path(config.site_dir), Path(config.docs_dir)])

        self.by_site = {}
        for doc in portfolio.documents.values():
            content = doc.text if doc.markdown and doc.rendered else source_page(doc)
            # Pages are reached from the portfolio nav and the bars, not each listed in the nav.
            page = File.generated(config, doc.site, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            page.edit_uri = _edit_uri(config, self.project, doc.path)
            _replace(files, page, doc.path)
            self.by_site[doc.site] = doc
        for asset in portfolio.assets:
            if asset in portfolio.sanitised:
                copy = File.generated(config, asset, content=portfolio.sanitised[asset])
            else:
                copy = _Copy.generated(
                    config, asset, abs_src_path=str(self.project / asset), inclusion=InclusionLevel.INCLUDED
                )
            _replace(files, copy, asset)
        for asset in (CSS, JS):
            files.append(File.generated(config, asset, abs_src_path=str(_ASSETS / Path(asset).name)))
        if self.mermaid is not None:
            files.append(File.generated(config, MERMAID, abs_src_path=str(self.mermaid)))
            loader = str(_ASSETS / Path(DIAGRAMS).name)
            files.append(File.generated(config, DIAGRAMS, abs_src_path=loader))

        home = files.get_file_from_path("index.md") is None and files.get_file_from_path("README.md") is None
        register, readiness = find_risks(portfolio), find_readiness(portfolio, self.config.workers)
        pages, epic_pages = portfolio_pages(portfolio, home, register, readiness, config.use_directory_urls)
        for generated in pages:
            _replace(
                files, File.generated(config, generated.site, content=generated.markdown), generated.site
            )
        # Exports at the site root: the portfolio as JSON, the risk register as a spreadsheet.
        export = to_json(portfolio_export(portfolio, register, readiness), indent=1)
        for name, content in ((EXPORT_JSON, export), (CSV_NAME, risks_csv(register))):
            _replace(files, File.generated(config, name, content=content), name)
        self.ours = set(self.by_site) | {generated.site for generated in pages}
        overview = [
            (generated.title, generated.site)
            for generated in pages
            if generated.site not in epic_pages.values()
        ]

        section = {self.config.nav_title: portfolio_nav(portfolio, overview, epic_pages)}
        if config.nav is None:
            others = [f.src_uri for f in files.documentation_pages() if f.src_uri not in self.ours]
            config.nav = [*nest_paths(others), section]
        else:
            config.nav.append(section)
        return files

    # Last, so that the files every plugin settled on are those the pages render against.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Render our pages ahead in forked processes when there are many; MkDocs then takes the renders."""
        self.ahead = 0
        if not self.config.enabled:
            return None
        self.nav = nav
        documents = [f for f in files.documentation_pages() if f.src_uri in self.ours]
        self.workers = worker_count(len(documents), self.config.workers)
        # The same line with any number of workers; the summary says what was rendered ahead.
        log.info(f"rendering {count(len(self._built(files)), 'page')}")
        if self.workers < 2:
            return None
        cache = self.render_cache = self.render_cache or RenderCache(keep=False)
        settings = self._render_settings(config)

        def prepare(page: Page) -> str | None:
            markdown = self._add_bars(page.markdown or "", page=page, config=config, files=files)
            return page.markdown if markdown is None else markdown  # generated pages get no bars

        job = Job(
            prepare,
            lambda markdown, page: cache.key(markdown, page, files, settings),
            lambda page, html: sanitize(html) if self._sanitized(page) else None,
            config,
            files,
        )
        for key, rendered in prerender(job, documents, self.workers):
            cache.add(key, rendered)
            if rendered.clean is not None:
                self.html_cache.put(("sanitize", rendered.content), rendered.clean)
            self.ahead += 1
        return None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this handler keeps the plugin between the rebuilds of `mkdocs serve`, with its caches."""
        self.serving, self.dirty = command == "serve", dirty
        if command == "serve":
            self.analysis_cache = Cache()
            self.render_cache = RenderCache()
            self.page_outputs = PageOutputs()

    def on_shutdown(self) -> None:
        if self.render_cache is not None:
            self.render_cache.close()

    # First, so that the theme and every plugin see only the front matter the theme can print safely;
    # what later plugins add to page.meta is theirs, trusted.
    @event_priority(1000)
    def _check_meta(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        doc = self.by_site.get(page.file.src_uri)
        if doc is None:  # docs/ pages are trusted, as MkDocs trusts them
            return
        page.meta, problems = safe_meta(page.meta, doc.path, doc.parsed.meta_lines, self.meta_policy)
        for problem in problems:
            (log.warning if problem.severity == "warning" else log.info)(str(problem))

    def _meta_policy(self, config: MkDocsConfig) -> Policy:
        statuses = config.extra.get("status")
        dirs = [Path(d) for d in config.theme.dirs]
        return Policy(
            statuses=STATUSES | frozenset(statuses if isinstance(statuses, dict) else ()),
            icon_exists=lambda name: any((d / ".icons" / f"{name}.svg").is_file() for d in dirs),
            template_exists=lambda name: any((d / name).is_file() for d in dirs),
            trust_templates=self.config.trust_front_matter,
            reserved_templates=frozenset({TEMPLATE}),
        )

    # Late, so that other plugins see the document as its author wrote it, not with our bars.
    @event_priority(-50)
    def _add_bars(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        doc = self.by_site.get(page.file.src_uri)
        if doc is None or self.portfolio is None:
            self.current = None
            return None
        self.current = (doc, feature_id_targets(self.portfolio, doc))
        head = (
            context_bar(self.portfolio, doc)
            + badge_bar(self.portfolio, doc)
            + findings_list(self.portfolio, doc)
        )
        tail = epic_features(self.portfolio, doc) + referenced_by(self.portfolio, doc)
        return head + marked_source(doc, markdown) + tail

    # Last, so that the Markdown it sees is final: an unchanged page reuses its previous render.
    @event_priority(-1000)
    def _reuse_render(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.render_cache is not None and page.file.src_uri in self.ours:
            self.render_cache.before_render(markdown, page, files, self._render_settings(config))

    def _render_settings(self, config: MkDocsConfig) -> str:
        """What a render depends on besides the page's Markdown, address and the site's layout."""
        return repr((self.extensions, config.mdx_configs, config.repo_url, config.edit_uri))

    on_page_markdown = CombinedEvent(_check_meta, _add_bars, _reuse_render)

    # First, so that the render kept is Python-Markdown's own, before any plugin changes it.
    @event_priority(1000)
    def _keep_render(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        self.current = None
        if self.render_cache is not None and page.file.src_uri in self.ours:
            self.render_cache.after_render(page)

    # Last, so that nothing a later handler adds from the source escapes the allow-list.
    @event_priority(-100)
    def _sanitize(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self._sanitized(page):
            _rename_anchors(page.toc)  # as the sanitiser renames the headings' ids
            return self.html_cache.get(("sanitize", html), lambda: sanitize(html))
        return None

    def _sanitized(self, page: Page) -> bool:
        """Every page we publish, documents and generated pages alike: both carry names from the sources."""
        return self.config.sanitize_html and page.file.src_uri in self.ours

    # Last, with the title final: Material prints `page.title | striptags` in <title>, which unescapes it
    # (a name with `</title><img ...>` would end the element), but prints `page.meta.title` as it is.
    @event_priority(-100)
    def _escaped_title(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.file.src_uri in self.ours and "title" not in page.meta:
            # From the nav (escaped by us) or the first heading (by Markdown); else the raw file name.
            given = "title" in vars(page) or page._title_from_render
            page.meta["title"] = page.title if given else html_text(page.title or "")

    on_page_content = CombinedEvent(_keep_render, _sanitize, _escaped_title)

    # Last, so that the pages' content and titles are final: every page is rendered by now.
    @event_priority(-100)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Pages skip the theme's templates here when they can: under `mkdocs serve` an unchanged page
        takes its output from the last build; in a large build, forked children make the outputs."""
        self.outputs_ahead, self.search = None, None
        if self.nav is None or not self.config.enabled:
            return None
        pages = [file.page for file in self._built(files) if file.page is not None]  # MkDocs' order
        log.info(f"rendered {count(len(pages), 'page')}; putting them through the theme")
        others = _page_context_plugins(config)
        if others:  # they may change what the templates see, unknown to the key of a page or a child
            log.debug(f"every page goes through the theme in this process: {', '.join(others)}")
            if self.page_outputs is not None:
                self.page_outputs.skip()
            return None
        if self.page_outputs is not None:
            ours = [page for page in pages if page.file.src_uri in self.ours]
            self.page_outputs.plan(ours, site_key(config, self.nav, pages), env)
            self.search = search_entries(config)
        children = worker_count(len(pages), self.config.workers) - 1  # this process is busy too
        if children > 0 and not self.dirty:  # `--dirty` builds only some pages, MkDocs knows which
            self.outputs_ahead = OutputsAhead(pages, config, self.nav, env, children, self._finish)
        return None

    def _built(self, files: Files) -> list[File]:
        """The pages MkDocs builds: drafts too under `mkdocs serve`."""
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        return files.documentation_pages(inclusion=inclusion)

    # Early, so that the search plugin, indexing the page, finds the entries kept for it.
    @event_priority(50)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        output = self.page_outputs.output(page) if self.page_outputs is not None else None
        entries = self.page_outputs.entries(page) if self.page_outputs is not None else None
        if entries is not None and self.search is not None:
            self.search.give(page, entries)
        if output is None and self.outputs_ahead is not None:
            output = self.outputs_ahead.output(page)
        if output is None:
            return None
        context[CONTEXT] = output
        return context

    # First, so that other plugins read our pages as they are published, and serve keeps them as the theme
    # made them, before any plugin adds to them.
    @event_priority(1000)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not (self.config.enabled and page.file.src_uri in self.ours):
            return None
        if page.meta.get("template") != TEMPLATE:  # an output made ahead or kept is compacted already
            output = self._finish(page, output)
        if self.page_outputs is not None:
            entries = self.search.made.get(page.file.src_uri) if self.search is not None else None
            self.page_outputs.keep(page, output, entries)
        return output

    def _finish(self, page: Page, output: str) -> str:
        """The theme's output of a page as we publish it: our pages' frames compacted."""
        return compact(output) if page.file.src_uri in self.ours else output

    def _check_findings(self, portfolio: Portfolio, excluded: list[Path]) -> None:
        """Findings are shown on the pages; they fail the build only when `fail_on` says so, and a
        portfolio with nothing in it fails it then too."""
        if self.config.fail_on != "never" and is_empty(portfolio):
            message = no_feature(portfolio, excluded, [], lambda folder: str(folder))
            raise PluginError(f"{message} (fail_on in {self.config_file} has nothing to check)")
        findings = all_findings(portfolio)  # the check command's list: input problems included
        counts = {s: sum(f["severity"] == s for f in findings) for s in SEVERITIES}
        log.info("findings: " + severities(counts))
        failing = [f for f in findings if at_or_above(f["severity"], self.config.fail_on)]
        if failing:
            shown = "\n".join(
                f"  {f['path']}{':' + str(f['line']) if f['line'] else ''}: {f['severity']}: {f['message']}"
                for f in failing[:20]
            )
            more = f"\n  ... and {len(failing) - 20} more" if len(failing) > 20 else ""
            noun = "finding" if len(failing) == 1 else "findings"
            raise PluginError(
                f"{len(failing)} {noun} at or above '{self.config.fail_on}' (fail_on in "
                f"{self.config_file}):\n{shown}{more}"
            )

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled and self.portfolio is not None:
            for root in self.portfolio.read_roots:
                server.watch(str(self.project / root))
            if self.portfolio and self.portfolio.constitution:
                server.watch(str(self.project / self.portfolio.constitution))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_theme_ahead()
        reported_links().use(None)

    def _stop_theme_ahead(self) -> OutputsAhead | None:
        """Stop the processes that put pages through the theme ahead; return what they did, if any."""
        themed, self.outputs_ahead = self.outputs_ahead, None
        if themed is not None:
            themed.close()
        return themed

    # Last, so that the summary is the last line of the build log.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        themed = self._stop_theme_ahead()
        reported_links().use(None)
        if self.portfolio is None:
            return
        problems = sum(p.severity == "warning" for p in self.portfolio.problems)
        note = f", {count(problems, 'problem')}" if problems else ""
        cache = self.render_cache
        if cache is not None:
            used = f"{cache.hits} of {cache.hits + cache.misses} pages"
            if self.ahead:
                note += f"; {used} rendered ahead in {self.workers} processes"
            elif self.analysis_cache is not None and self.built:
                note += f"; reused {used} unchanged since the last build"
                if self.page_outputs is not None and self.page_outputs.reused:
                    note += f", {self.page_outputs.reused} of them with the theme's output"
                if self.search is not None and self.search.reused:
                    note += f", {self.search.reused} with their search entries"
        if themed is not None:
            processes = count(themed.children, "process", "processes")
            note += f"; {themed.made} of {themed.planned} pages through the theme ahead in {processes}"
        if cache is not None and self.analysis_cache is not None:  # kept for the next build of serve
            cache.sweep(keep=2 * len(self.ours))
            self.analysis_cache.sweep()
            self.html_cache.sweep()
            if self.page_outputs is not None:
                self.page_outputs.sweep()
        else:
            self.render_cache, self.html_cache = None, Cache()
        self.built = True
        log.info(f"published {self.portfolio.summary()}{note}")


# Plugins whose `on_page_context` indexes the page and changes nothing else a template reads (Material's
# also strips its own attributes from the content, the same way on every build).
_READ_ONLY_PAGE_CONTEXT = {
    "material.plugins.search.plugin.SearchPlugin",
    "mkdocs.contrib.search.SearchPlugin",
}


def _page_context_plugins(config: MkDocsConfig) -> list[str]:
    """The other plugins and hooks that handle `on_page_context`, which may change a page's context."""
    others = []
    for handler in config.plugins.events["page_context"]:
        owner = getattr(handler, "__self__", handler)
        name = f"{type(owner).__module__}.{type(owner).__qualname__}"
        if not isinstance(owner, SpecPortfolioPlugin) and name not in _READ_ONLY_PAGE_CONTEXT:
            others.append(getattr(handler, "__module__", name) if owner is handler else name)
    return others


class _ToMkDocs(logging.Handler):
    """The core logs with the standard library; its records go to our plugin logger, which MkDocs shows
    and counts under `--strict`."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


def _log_core_to_mkdocs() -> None:
    core = logging.getLogger("spec_portfolio")
    if not any(isinstance(handler, _ToMkDocs) for handler in core.handlers):
        core.addHandler(_ToMkDocs())


def _rename_anchors(items: Iterable[AnchorLink]) -> None:
    for item in items:
        item.id = theirs(item.id)
        _rename_anchors(item.children)


class _Copy(File):
    """A file copied as it is, even one named .md (binary, or too large to render as a page)."""

    def is_documentation_page(self) -> bool:
        return False


def _replace(files: Files, file: File, source: str) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(
            f"{source}: is published at the address of {existing.src_uri} in the docs folder, "
            "which it replaces; rename one of them"
        )
        files.remove(existing)
    files.append(file)


def _edit_uri(config: MkDocsConfig, project: Path, path: str) -> str | None:
    """`file.edit_uri` is relative to the config's edit_uri, which points at docs_dir."""
    if not (config.edit_uri or config.edit_uri_template):
        return None
    return posixpath.normpath(os.path.relpath(project / path, config.docs_dir)).replace(os.sep, "/")
