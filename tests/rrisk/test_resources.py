"""Resource lookup: source checkout, PyInstaller bundle, and a clear error when incomplete."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rrisk import resources
from rrisk.errors import RRiskError

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    """The root is cached per process; every test here starts and ends with a clean cache."""
    resources.resources_root.cache_clear()
    yield
    resources.resources_root.cache_clear()


def test_checkout_finds_the_top_level_resources_folder() -> None:
    assert resources.resources_root() == REPOSITORY / "resources"
    templates = resources.resource_path("templates")
    assert templates.is_dir()
    assert templates == REPOSITORY / "resources" / "templates"


def test_resource_path_joins_parts() -> None:
    path = resources.resource_path("schema", "document.schema.json")
    assert path == REPOSITORY / "resources" / "schema" / "document.schema.json"
    assert path.is_file()


def test_app_icon_pngs_are_square_renderings_of_each_size() -> None:
    paths = resources.app_icon_paths()
    assert [p.name for p in paths] == [f"rrisk-{size}.png" for size in resources.APP_ICON_SIZES]
    for path, size in zip(paths, resources.APP_ICON_SIZES, strict=True):
        header = path.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", path
        # The IHDR chunk holds width and height as big-endian 32-bit numbers.
        assert int.from_bytes(header[16:20], "big") == size
        assert int.from_bytes(header[20:24], "big") == size
    assert (REPOSITORY / "resources" / "icons" / "rrisk.svg").is_file()


def test_bundle_folder_wins_when_present(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources" / "templates").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_root() == tmp_path / "resources"
    assert resources.resource_path("templates") == tmp_path / "resources" / "templates"


def test_incomplete_bundle_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources").mkdir()  # no templates inside: not a usable resources folder
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_root() == REPOSITORY / "resources"


def test_installed_layout_uses_the_package_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel installs the folder as rrisk/_resources next to the module.
    package = tmp_path / "site" / "rrisk"
    (package / "_resources" / "templates").mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))
    assert resources.resources_root() == package / "_resources"


def test_missing_resources_raise_a_readable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site" / "rrisk"
    package.mkdir(parents=True)
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    with pytest.raises(RRiskError) as caught:
        resources.resource_path("templates")
    message = str(caught.value)
    assert message.startswith("the bundled resources were not found (looked in ")
    assert str(package / "_resources") in message
    assert str(tmp_path / "site" / "resources") in message
    assert message.endswith("the installation is incomplete")


def test_installed_wheel_finds_its_resources_inside_the_package() -> None:
    # Builds the real wheel, installs it into a scratch folder and imports it from elsewhere
    # (about 2 s); see packaging/check_wheel.py for the steps.
    script = REPOSITORY / "packaging" / "check_wheel.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=REPOSITORY.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines() if line.strip())
    assert lines["resolved"].endswith("/site/rrisk/_resources/templates")
    assert lines["imported"].endswith("/site/rrisk/__init__.py")
    assert "russia-rare-earths" in lines["templates"]
    assert result.stdout.rstrip().endswith(
        "OK: the installed wheel finds its resources inside the package"
    )
