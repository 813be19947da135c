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


def test_the_options_known_are_the_plugins(tmp_path):
    from spec_portfolio.mkdocs.config import SpecPortfolioConfig
    from spec_portfolio.settings import OPTIONS

    assert sorted(OPTIONS) == sorted(name for name, _ in SpecPortfolioConfig._schema)


def test_unknown_options_are_warned_about_with_their_line(tmp_path):
    write_tree(
        tmp_path,
        {
            "mkdocs.yml": """
                site_name: x
                plugins:
                  search: {}
                  spec-portfolio:
                    nav_titel: Specs
                    fail_on: warning
                    colour: blue
                """
        },
    )
    settings = read_settings(tmp_path)
    assert [str(p) for p in settings.problems] == [
        "mkdocs.yml:5: spec-portfolio option 'nav_titel' is not an option of the plugin "
        "(did you mean 'nav_title'?); ignored",
        "mkdocs.yml:7: spec-portfolio option 'colour' is not an option of the plugin; ignored",
    ]
    assert all(p.severity == "warning" for p in settings.problems)
    assert settings.fail_on == "warning"
    assert settings.roots is None  # none configured: they are found


def test_fail_on_from_the_environment_as_mkdocs_reads_it(tmp_path, monkeypatch):
    write_tree(
        tmp_path,
        {"mkdocs.yml": "plugins:\n  - spec-portfolio:\n      fail_on: !ENV [SP_FAIL_ON, SP_OTHER, never]\n"},
    )
    monkeypatch.delenv("SP_FAIL_ON", raising=False)
    monkeypatch.delenv("SP_OTHER", raising=False)
    assert read_settings(tmp_path).fail_on == "never"
    monkeypatch.setenv("SP_OTHER", "info")
    assert read_settings(tmp_path).fail_on == "info"
    monkeypatch.setenv("SP_FAIL_ON", "warning")
    assert read_settings(tmp_path).fail_on == "warning"


def test_bad_fail_on(tmp_path):
    write_tree(tmp_path, {"mkdocs.yml": "plugins:\n  - spec-portfolio:\n      fail_on: sometimes\n"})
    with pytest.raises(SettingsError, match="'fail_on' must be one of error, warning, info, never"):
        read_settings(tmp_path)
