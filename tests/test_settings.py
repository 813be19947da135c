"""mkdocs.yml as the command line reads it, without MkDocs."""

from pathlib import Path

import pytest
from conftest import write_tree
from spec_portfolio.settings import SettingsError, read_settings, source_url


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "expected"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "https://github.com/o/r/blob/main/"),
        ("https://github.com/o/r/", "edit/main/docs", "https://github.com/o/r/blob/main/"),
        ("https://bitbucket.org/o/r", "src/default/docs/", "https://bitbucket.org/o/r/src/default/"),
        ("https://github.com/o/r", None, None),
        (None, "edit/main/docs/", None),
    ],
)
def test_source_url(repo_url, edit_uri, expected):
    assert source_url(Path("/p"), repo_url, edit_uri, Path("/p/docs")) == expected


def test_read_settings_follows_mkdocs_yml(tmp_path):
    write_tree(
        tmp_path,
        {
            "mkdocs.yml": """
                site_name: x
                site_dir: public
                docs_dir: pages
                repo_url: https://bitbucket.org/o/r
                plugins:
                  - search
                  - spec-portfolio:
                      roots: [apps/specs]
                """
        },
    )
    settings = read_settings(tmp_path)
    assert settings.roots == ["apps/specs"]
    assert settings.exclude == [tmp_path / "public", tmp_path / "pages"]
    assert settings.source_url == "https://bitbucket.org/o/r/src/default/"


def test_bad_yaml_names_file_and_line(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": "site_name: x\nplugins: [\n"})
    with pytest.raises(SettingsError, match=r"mkdocs\.yml:\d+: not valid YAML"):
        read_settings(tmp_path)


def test_bad_roots(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": "plugins:\n  - spec-portfolio:\n      roots: specs\n"})
    with pytest.raises(SettingsError, match="'roots' must be a list of folders"):
        read_settings(tmp_path)
