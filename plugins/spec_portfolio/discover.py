"""From roots on disk to a Portfolio: which files are features, epics and their documents."""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections import defaultdict
from pathlib import Path

from .cache import Cache
from .model import DocKind, Document, Epic, Feature, Parsed, Portfolio, Problem
from .parse import parse
from .paths import (
    LINK,
    RootError,
    Unsafe,
    configured_root,
    lstat_under,
    normal_root,
    not_regular,
    special_kind,
)
from .read import decode, is_binary, read_bytes
from .render_cost import too_slow_to_render
from .roots import (
    DEFAULT_ROOTS,
    FEATURE_DIR,
    FEATURE_FILES,
    SKIPPED_DIRS,
    Scan,
    find_roots,
    top_level_trees,
    unsupported_root,
    unsupported_tree,
)
from .svg import NotSVG, sanitise_svg

MAX_BYTES = 5_000_000  # a larger document is copied as a file, not rendered as a page
CONSTITUTIONS = (".specify/memory/constitution.md", "memory/constitution.md")

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# Files published as they are: kinds that browsers show or download without running anything.
PASSIVE_SUFFIXES = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".tif", ".tiff", ".pdf",
        ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".oga", ".webm", ".mov", ".zip", ".gz", ".tgz", ".tar",
        ".7z", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".woff", ".woff2", ".ttf", ".otf",
        ".md", ".markdown", ".txt", ".csv", ".json", ".yaml", ".yml",
    }
)  # fmt: skip
# Files outside Markdown that are shown as highlighted source pages; any suffix under contracts/.
SOURCE_SUFFIXES = frozenset(
    {
        ".yaml", ".yml", ".json", ".graphql", ".gql", ".proto", ".ts", ".tsx", ".js", ".mjs", ".cs",
        ".py", ".go", ".java", ".kt", ".rs", ".sql", ".xml", ".toml", ".txt", ".http", ".sh", ".avsc",
        ".thrift", ".wsdl", ".xsd", ".feature", ".csv", ".ini", ".cfg", ".mmd", ".puml",
    }
)  # fmt: skip

_FEATURE_DIR = FEATURE_DIR
_FEATURE_FILES = FEATURE_FILES
_EPIC_MARKERS = frozenset({"exec-plan.md", "roadmap.md"})
_KINDS = {
    "spec.md": DocKind.SPEC,
    "plan.md": DocKind.PLAN,
    "impl-plan.md": DocKind.PLAN,
    "research.md": DocKind.RESEARCH,
    "data-model.md": DocKind.DATA_MODEL,
    "quickstart.md": DocKind.QUICKSTART,
    "tasks.md": DocKind.TASKS,
}
_TITLE_PREFIX = re.compile(
    r"^(?:feature\s+spec(?:ification)?(?:\s+\S+)?|implementation\s+plan|impl(?:ementation)?[\s-]plan"
    r"|exec(?:ution)?[\s-]plan|epic(?:\s+execution\s+plan)?|design(?:\s+index)?|tasks|research"
    r"|data\s+model|quickstart)\s*[:—–-]\s*",
    re.I,
)


def discover(
    project: Path,
    roots: list[str] | None = None,
    exclude: list[Path] | None = None,
    max_bytes: int = MAX_BYTES,
    cache: Cache | None = None,
    workers: int = 1,
    trust_assets: bool = False,
) -> Portfolio:
    """Walk `roots` (relative to `project`) and read every document once; `workers` as `forked_map`.

    With `roots` None, the roots are the defaults and the `specs/` folders found below (roots.py)."""
    project = project.resolve()
    excluded = {p.resolve() for p in exclude or ()}
    # The project is searched for roots only when none are configured; an OpenSpec or Kiro tree at its
    # top is named in any case.
    scan = find_roots(project, excluded) if roots is None else Scan(problems=top_level_trees(project))
    chosen = [*DEFAULT_ROOTS, *scan.roots] if roots is None else roots
    portfolio = Portfolio(project, list(dict.fromkeys(normal_root(r) for r in chosen)))
    portfolio.configured = roots is not None
    portfolio.max_bytes = max_bytes
    portfolio.trust_assets = trust_assets
    portfolio.cache = cache
    problems = portfolio.problems
    files: list[str] = []
    for root in portfolio.roots:
        listed = roots is not None and root not in DEFAULT_ROOTS
        if _readable_root(project, root, list(excluded), problems, listed):
            portfolio.read_roots.append(root)
            files.extend(_walk(project, project / root, excluded, problems))
    files = sorted(set(files))
    seen = {p.path for p in problems}
    problems.extend(p for p in scan.problems if p.path not in seen)  # a tree a walk met is named once

    for candidate in CONSTITUTIONS:
        try:
            found = lstat_under(project, candidate)
        except Unsafe as unsafe:  # a linked .specify/ or constitution.md: reported, never read
            portfolio.problems.append(unsafe.problem)
            continue
        if found is not None and special_kind(found.st_mode):
            portfolio.problems.append(not_regular(candidate, found.st_mode))
        elif found is not None and stat.S_ISREG(found.st_mode):
            portfolio.constitution = candidate
            if candidate not in files:
                files.append(candidate)
            break

    _classify(portfolio, files, workers)
    _link_epics(portfolio)
    _check_numbers(portfolio)
    return portfolio


def _readable_root(
    project: Path, root: str, excluded: list[Path], problems: list[Problem], listed: bool
) -> bool:
    """Whether `root` is a folder that may be walked: inside the project, outside the excluded folders,
    with no link on its way. Anything else is reported; a missing root only when `listed` by the user."""
    try:
        configured_root(project, root, excluded)  # the adapters refuse these first; here for the API
        found = lstat_under(project, root)
    except RootError as error:
        problems.append(Problem(root or ".", str(error)))
        return False
    except Unsafe as unsafe:
        problems.append(unsafe.problem)
        return False
    unsupported = unsupported_root(project, root)
    if unsupported is not None:
        problems.append(unsupported)
        return False
    if found is not None and special_kind(found.st_mode):
        problems.append(not_regular(root, found.st_mode))
    elif found is not None and stat.S_ISDIR(found.st_mode):
        return True
    elif listed:
        problems.append(Problem(root, "is configured as a root but is not a folder"))
    return False


def _walk(project: Path, base: Path, excluded: set[Path], problems: list[Problem]) -> list[str]:
    found: list[str] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            rel = Path(folder).relative_to(project).as_posix()
            problems.append(Problem(rel, f"cannot be listed ({error.strerror or error}); skipped"))
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(project).as_posix()
            if entry.is_dir(follow_symlinks=False) and (unsupported := unsupported_tree(project, rel)):
                problems.append(unsupported)
                continue
            if entry.name.startswith(".") or entry.name in SKIPPED_DIRS:
                continue
            if entry.is_symlink():
                problems.append(Problem(rel, LINK))
            elif entry.is_dir(follow_symlinks=False):
                if path.resolve() not in excluded:
                    stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
            else:  # a FIFO, socket or device: never opened, never handed to MkDocs
                problems.append(not_regular(rel, entry.stat(follow_symlinks=False).st_mode))
    return found


def _classify(portfolio: Portfolio, files: list[str], workers: int) -> None:
    roots = sorted(portfolio.roots, key=len, reverse=True)
    epic_dirs = _epic_dirs(files, roots)
    feature_dirs = _feature_dirs(files, roots, epic_dirs)

    for rel in files:
        if rel == portfolio.constitution:
            _add(portfolio, rel, DocKind.CONSTITUTION)
            continue
        root = next((r for r in roots if _inside(rel, r)), "")
        folders = _folders(rel)
        epic = next((f for f in folders if f in epic_dirs), None)
        feature = next((f for f in folders if f in feature_dirs), None)
        stem, suffix = posixpath.splitext(rel)
        if feature:
            inner = rel[len(feature) + 1 :]
            owner = _feature(portfolio, feature, root, epic)
            doc = _add(portfolio, rel, _kind_in_feature(inner), feature=owner.key, epic=owner.epic)
        elif epic and stem in feature_dirs:  # features/X.md beside features/X/
            doc = _add(
                portfolio, rel, DocKind.SUMMARY, feature=_feature(portfolio, stem, root, epic).key, epic=epic
            )
        elif epic:
            inner = rel[len(epic) + 1 :]
            kind = {"exec-plan.md": DocKind.EXEC_PLAN, "design/index.md": DocKind.DESIGN}.get(inner)
            _epic(portfolio, epic, root)
            doc = _add(portfolio, rel, kind or DocKind.OTHER, epic=epic)
        elif suffix in MARKDOWN_SUFFIXES and (
            stem in feature_dirs or _FEATURE_DIR.match(posixpath.basename(stem))
        ):
            # A flat `specs/001-x.md`: the summary of folder `specs/001-x/`, or a feature of one page.
            owner = _feature(portfolio, stem, root, None)
            doc = _add(portfolio, rel, DocKind.SUMMARY, feature=owner.key)
        else:
            doc = _add(portfolio, rel, DocKind.OTHER)
            if doc is not None:
                portfolio.loose.append(rel)
        if doc is not None and doc.feature:
            portfolio.features[doc.feature].documents.append(rel)
        elif doc is not None and doc.epic:
            portfolio.epics[doc.epic].documents.append(rel)

    _parse_all(portfolio, workers)
    _drop_empty_features(portfolio)
    for feature in portfolio.features.values():
        _describe_feature(portfolio, feature)
    for epic in portfolio.epics.values():
        exec_plan = next((portfolio.documents[d] for d in epic.documents
                          if portfolio.documents[d].kind is DocKind.EXEC_PLAN), None)  # fmt: skip
        title = exec_plan.parsed.title if exec_plan else None
        epic.title = clean_title(title, epic.id) if title else epic.id


def _drop_empty_features(portfolio: Portfolio) -> None:
    """A feature none of whose files could be read is no feature; say so. Note a missing spec."""
    for key, feature in list(portfolio.features.items()):
        kinds = {portfolio.documents[p].kind for p in feature.documents}
        if not feature.documents:
            message = "has no document that could be read; not listed as a feature (see the problems above)"
            portfolio.problems.append(Problem(key, message, severity="info"))
            del portfolio.features[key]
            for epic in portfolio.epics.values():
                if key in epic.features:
                    epic.features.remove(key)
        elif not kinds & {DocKind.SPEC, DocKind.SUMMARY}:
            portfolio.problems.append(Problem(key, "has no spec.md", severity="info"))


def _inside(rel: str, root: str) -> bool:
    return root == "" or rel.startswith(root + "/")


def _folders(rel: str) -> list[str]:
    """The folders holding `rel`, outermost first: `a/b/c.md` -> [`a`, `a/b`]."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _epic_dirs(files: list[str], roots: list[str]) -> set[str]:
    """Folders holding exec-plan.md, roadmap.md, design/index.md or features/<ID>/; outermost wins.

    A spec-kit feature folder (`001-x/`) is an epic only with an exec-plan.md or roadmap.md.
    """
    dirs: set[str] = set()
    for rel in files:
        root = next((r for r in roots if _inside(rel, r)), None)
        if root is None:
            continue
        parts = rel.split("/")
        depth = len(root.split("/")) if root else 0  # the root itself is never an epic
        if parts[-1] in _EPIC_MARKERS and len(parts) - 1 > depth:
            dirs.add("/".join(parts[:-1]))
        candidates = []
        if rel.endswith("/design/index.md") and len(parts) - 3 >= depth:
            candidates.append(len(parts) - 3)
        if "features" in parts[depth + 1 : -2]:
            candidates.append(parts.index("features", depth + 1) - 1)
        for last in candidates:
            if not _FEATURE_DIR.match(parts[last]):
                dirs.add("/".join(parts[: last + 1]))
    return {d for d in dirs if not any(f in dirs for f in _folders(d))}


def _feature_dirs(files: list[str], roots: list[str], epic_dirs: set[str]) -> set[str]:
    """`<epic>/features/<ID>/`; elsewhere the outermost `NNN-slug/` or `YYYYMMDD-HHMMSS-slug/` folder,
    or a folder right under a root holding spec.md, plan.md, impl-plan.md or tasks.md."""
    dirs: set[str] = set()
    for rel in files:
        folders = _folders(rel)
        epic = next((f for f in folders if f in epic_dirs), None)
        if epic:
            inner = rel[len(epic) + 1 :].split("/")
            if len(inner) > 2 and inner[0] == "features":
                dirs.add(f"{epic}/features/{inner[1]}")
            continue
        root = next((r for r in roots if _inside(rel, r)), None)
        if root is None:
            continue
        below = [f for f in folders if _inside(f, root) and f != root]
        named = next((f for f in below if _FEATURE_DIR.match(posixpath.basename(f))), None)
        if named:
            dirs.add(named)
        elif len(below) == 1 and posixpath.basename(rel) in _FEATURE_FILES:
            dirs.add(below[0])
    return dirs


def _kind_in_feature(inner: str) -> DocKind:
    if inner in _KINDS:
        return _KINDS[inner]
    if inner.startswith("contracts/"):
        return DocKind.CONTRACT
    if inner.startswith("checklists/") and posixpath.splitext(inner)[1] in MARKDOWN_SUFFIXES:
        return DocKind.CHECKLIST
    return DocKind.OTHER


def _feature(portfolio: Portfolio, key: str, root: str, epic: str | None) -> Feature:
    feature = portfolio.features.get(key)
    if feature is None:
        feature = Feature(key=key, id=posixpath.basename(key), root=root, epic=epic)
        portfolio.features[key] = feature
        if epic:
            _epic(portfolio, epic, root).features.append(key)
    return feature


def _epic(portfolio: Portfolio, key: str, root: str) -> Epic:
    epic = portfolio.epics.get(key)
    if epic is None:
        between = (key[len(root) + 1 :] if root else key).split("/")[:-1]
        epic = Epic(key=key, id=posixpath.basename(key), root=root, groups=tuple(between))
        portfolio.epics[key] = epic
    return epic


def _add(
    portfolio: Portfolio, rel: str, kind: DocKind, feature: str | None = None, epic: str | None = None
) -> Document | None:
    """Read `rel` into the portfolio as a page; files that are not text are published as `_publish_file`
    says."""
    suffix = posixpath.splitext(rel)[1].lower()
    is_markdown = suffix in MARKDOWN_SUFFIXES
    text_kind = is_markdown or suffix in SOURCE_SUFFIXES or kind is DocKind.CONTRACT
    if not text_kind and (portfolio.trust_assets or suffix in PASSIVE_SUFFIXES or suffix == ".svg"):
        _publish_file(portfolio, rel, suffix)
        return None
    # Past here: a page, also for an HTML file or any other a host could serve as active content.
    try:
        size = os.lstat(portfolio.project / rel).st_size  # a link is refused by read_bytes below
    except OSError:
        size = 0
    if size > portfolio.max_bytes:
        limit = f"{portfolio.max_bytes / 1e6:g} MB"
        _publish_file(portfolio, rel, suffix, f"is {size / 1e6:.1f} MB, over the {limit} limit for pages")
        return None
    data = read_bytes(portfolio.project, rel, portfolio.problems)
    if data is None:
        return None
    if is_binary(data):
        _publish_file(portfolio, rel, suffix, "holds binary data", "warning" if is_markdown else "info")
        return None
    text = decode(data, rel, portfolio.problems)
    if not text.strip():
        portfolio.problems.append(Problem(rel, "is empty; published as an empty page", severity="info"))
    doc = Document(rel, kind, text, markdown=is_markdown, feature=feature, epic=epic)
    if is_markdown and (slow := too_slow_to_render(text)):
        portfolio.problems.append(Problem(rel, slow[0], slow[1]))
        doc.rendered = False
    portfolio.documents[rel] = doc
    return doc


def _publish_file(
    portfolio: Portfolio, rel: str, suffix: str, why: str = "", severity: str = "warning"
) -> None:
    """Publish `rel` as a file: as it is if its kind cannot run script when opened (or assets are
    trusted), an SVG as a sanitised copy, anything else not at all; `why` it is not a page, reported."""
    if portfolio.trust_assets or suffix in PASSIVE_SUFFIXES:
        portfolio.assets.append(rel)
        if why:
            portfolio.problems.append(
                Problem(rel, f"{why}; copied as a file, not shown as a page", severity=severity)
            )
        return
    if suffix == ".svg" and not why:
        data = read_bytes(portfolio.project, rel, portfolio.problems)
        if data is None:
            return
        try:
            copy, removed = sanitise_svg(data)
        except NotSVG as error:
            why = f"{error}"
        else:
            portfolio.assets.append(rel)
            portfolio.sanitised[rel] = copy
            if removed:
                note = (
                    f"published as a sanitised copy: {removed} elements or attributes that could run script "
                    "or load from elsewhere were removed (trust_assets publishes it as it is)"
                )
                portfolio.problems.append(Problem(rel, note))
            return
    note = f"{why}; " if why else ""
    portfolio.problems.append(
        Problem(
            rel,
            f"{note}not published: a {suffix or 'suffix-less'} file could run script on the site when "
            "opened (trust_assets publishes such files)",
        )
    )


def _parse_all(portfolio: Portfolio, workers: int) -> None:
    """Parse every Markdown document: through the portfolio's cache (problems replayed too), in forked
    processes when there are many."""
    docs = [doc for doc in portfolio.documents.values() if doc.markdown]
    cache = portfolio.cache or Cache()
    for doc, (parsed, problems) in zip(docs, cache.map(_parse, docs, _parse_key, workers), strict=True):
        doc.parsed = parsed
        portfolio.problems.extend(problems)


def _parse(doc: Document) -> tuple[Parsed, list[Problem]]:
    problems: list[Problem] = []
    return parse(doc.text, doc.path, problems), problems


def _parse_key(doc: Document) -> tuple[str, ...]:
    return ("parse", doc.path, doc.text)


def clean_title(title: str, ident: str = "") -> str:
    """`Implementation Plan: Photo albums` -> `Photo albums`; `PAY-12 Checkout` -> `Checkout` for PAY-12."""
    cleaned = _TITLE_PREFIX.sub("", title.strip()).strip()
    if ident:
        match = re.match(re.escape(ident) + r"(?![\w-])[\s:·—–-]*(.+)", cleaned, re.I)
        if match:
            cleaned = match.group(1).strip()
    return cleaned or title.strip()


_TITLE_ORDER = (DocKind.SPEC, DocKind.SUMMARY, DocKind.PLAN)


def _describe_feature(portfolio: Portfolio, feature: Feature) -> None:
    docs = [portfolio.documents[d] for d in feature.documents]
    ranked = sorted(docs, key=lambda d: _TITLE_ORDER.index(d.kind) if d.kind in _TITLE_ORDER else 9)
    for doc in reversed(ranked):
        feature.meta.update(doc.parsed.meta)
    titled = next((d for d in ranked if d.kind in _TITLE_ORDER and d.parsed.title), None)
    if titled:
        feature.title = clean_title(titled.parsed.title or "", feature.id)
    else:
        words = feature.id.split("-", 1)[-1] if feature.number else feature.id
        feature.title = words.replace("-", " ").replace("_", " ").strip().capitalize() or feature.id


# From a run's start only (where the leftmost match starts anyway), so a long run is not rescanned
# from each of its characters.
_ROADMAP = re.compile(r"(?<![\w./-])([\w./-]+/roadmap\.md)")


def _link_epics(portfolio: Portfolio) -> None:
    """Attach features that name their epic (`**Epic**: ID`, `Parent roadmap: .../roadmap.md`)."""
    by_id = {epic.id.lower(): epic for epic in portfolio.epics.values()}
    for feature in portfolio.features.values():
        if feature.epic:
            continue
        declared, epic = _declared_epic(portfolio, feature, by_id)
        if epic:
            feature.epic = epic.key
            epic.features.append(feature.key)
            for path in feature.documents:
                portfolio.documents[path].epic = epic.key
        elif declared:
            path, line, name = declared
            portfolio.problems.append(
                Problem(path, f"names epic '{name}', which is not in the portfolio", line)
            )


def _declared_epic(
    portfolio: Portfolio, feature: Feature, by_id: dict[str, Epic]
) -> tuple[tuple[str, int | None, str] | None, Epic | None]:
    declared = None
    for path in feature.documents:
        doc = portfolio.documents[path]
        meta = doc.parsed.meta
        if "epic" in meta:
            name = re.split(r"[\s`(]", meta["epic"].strip("`[] "), maxsplit=1)[0]
            if name.lower() in by_id:
                return None, by_id[name.lower()]
            declared = declared or (path, doc.parsed.meta_lines.get("epic"), name)
        roadmap = _ROADMAP.search(meta.get("input", ""))
        if roadmap:
            target = posixpath.dirname(roadmap.group(1).lstrip("/"))
            epic = next(
                (e for e in portfolio.epics.values() if e.key == target or e.key.endswith("/" + target)), None
            )
            if epic:
                return None, epic
            declared = declared or (path, doc.parsed.meta_lines.get("input"), target)
    return declared, None


def _check_numbers(portfolio: Portfolio) -> None:
    by_number: dict[tuple[str, str], list[Feature]] = defaultdict(list)
    for feature in portfolio.features.values():
        if feature.number:
            by_number[(feature.root, feature.number)].append(feature)
    for (_, number), same in by_number.items():
        if len(same) > 1:
            names = ", ".join(f.id for f in same)
            for feature in same:
                message = (
                    f"feature number {number} is shared by {names}; each is published under its folder name"
                )
                portfolio.problems.append(Problem(feature.key, message, severity="info"))
