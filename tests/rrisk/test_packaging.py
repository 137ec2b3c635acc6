"""The packaging files agree with the code: MIME type, extension, entry point, version."""

from __future__ import annotations

import configparser
import io
import plistlib
import re
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import rrisk
from rrisk import fileformat
from rrisk.model import Assessment

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def mime_type_element() -> ET.Element:
    root = ET.parse(PACKAGING / "rrisk-mime.xml").getroot()
    (element,) = root.findall("m:mime-type", MIME_NS)
    return element


def magic_matches(match: ET.Element, data: bytes) -> bool:
    """shared-mime-info semantics for nested string matches: this one and any child."""
    assert match.get("type") == "string"
    value = match.get("value", "").encode("latin-1").decode("unicode_escape").encode("latin-1")
    offset = int(match.get("offset", "0"))
    if data[offset : offset + len(value)] != value:
        return False
    children = match.findall("m:match", MIME_NS)
    return not children or any(magic_matches(child, data) for child in children)


def sniff(data: bytes) -> bool:
    (magic,) = mime_type_element().findall("m:magic", MIME_NS)
    return any(magic_matches(match, data) for match in magic.findall("m:match", MIME_NS))


def test_mime_xml_registers_the_type_and_extension() -> None:
    element = mime_type_element()
    assert element.get("type") == fileformat.MIMETYPE
    assert [g.get("pattern") for g in element.findall("m:glob", MIME_NS)] == [
        "*" + fileformat.EXTENSION
    ]
    assert element.find("m:sub-class-of", MIME_NS).get("type") == "application/zip"


def test_mime_magic_recognises_saved_files_only(rich_file: Path) -> None:
    assert sniff(rich_file.read_bytes())
    assert sniff(fileformat.to_bytes(Assessment()))
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
    assert not sniff(other.getvalue())
    assert not sniff(b"%PDF-1.7\n")


def test_desktop_entry_opens_rrisk_files() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "org.rrisk.RRisk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert fileformat.MIMETYPE in entry["MimeType"].split(";")
    assert entry["Exec"] == "rrisk-desktop %f"
    scripts = tomllib.loads((PACKAGING.parent / "pyproject.toml").read_text())["project"]
    assert scripts["gui-scripts"]["rrisk-desktop"] == "desktop.app:main"


def test_info_plist_declares_and_owns_the_document_type() -> None:
    info = plistlib.loads((PACKAGING / "Info.plist").read_bytes())
    (document_type,) = info["CFBundleDocumentTypes"]
    (uti,) = document_type["LSItemContentTypes"]
    (declaration,) = info["UTExportedTypeDeclarations"]
    assert declaration["UTTypeIdentifier"] == uti
    tags = declaration["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [fileformat.EXTENSION.lstrip(".")]
    assert tags["public.mime-type"] == [fileformat.MIMETYPE]
    assert document_type["LSHandlerRank"] == "Owner"


def test_inno_script_associates_rrisk_and_matches_the_version() -> None:
    script = (PACKAGING / "rrisk.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "([^"]+)"', script).group(1) == rrisk.__version__
    assert 'Subkey: "Software\\Classes\\.rrisk"' in script
    assert f'ValueData: "{fileformat.MIMETYPE}"' in script
    assert '"""{app}\\{#AppExe}"" ""%1"""' in script
    assert "ChangesAssociations=yes" in script


@pytest.mark.parametrize("name", ["rrisk-desktop.spec", "rrisk_desktop_main.py"])
def test_pyinstaller_files_are_valid_python(name: str) -> None:
    source = (PACKAGING / name).read_text(encoding="utf-8")
    compile(source, name, "exec")


def test_spec_puts_resources_where_the_lookup_expects_them() -> None:
    spec = (PACKAGING / "rrisk-desktop.spec").read_text(encoding="utf-8")
    # rrisk/resources.py looks for sys._MEIPASS/resources.
    assert 'datas=[(str(REPOSITORY / "resources"), "resources")]' in spec
    assert "rrisk_desktop_main.py" in spec
    main = (PACKAGING / "rrisk_desktop_main.py").read_text(encoding="utf-8")
    assert "from desktop.app import main" in main


def _floor(requirement: str) -> tuple[int, ...]:
    found = re.search(r">=\s*([0-9][0-9.]*)", requirement)
    assert found, f"{requirement}: no lower bound"
    return tuple(int(part) for part in found.group(1).split("."))


@pytest.mark.parametrize(
    ("name", "works_from"),
    [
        # Before 2.9 the model does not import; before 2.11.5 a document missing a required
        # field (a project's name) was read with another field's default in its place.
        ("pydantic", (2, 11, 5)),
        # Before 3.9.15 deeply nested brackets in document.json crashed the process.
        ("orjson", (3, 9, 15)),
    ],
)
def test_dependency_floors_are_versions_rrisk_works_with(
    name: str, works_from: tuple[int, ...]
) -> None:
    """pip keeps an older version already installed whenever the floor allows it."""
    requirements = tomllib.loads((PACKAGING.parent / "pyproject.toml").read_text())["project"]
    (requirement,) = [
        r for r in requirements["dependencies"] if re.match(rf"{name}\s*[<>=!~]", r, re.I)
    ]
    assert _floor(requirement) >= works_from


def test_source_distribution_carries_every_file_the_readme_names() -> None:
    """The README travels in the sdist: the scripts it runs and the pictures it shows too."""
    root = PACKAGING.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())
    included = set(project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"])
    readme = (root / "README.md").read_text(encoding="utf-8")
    named = {
        path
        for path in re.findall(r"\.?[\w-]+(?:/[\w.-]+)+", readme)
        if (root / path).is_file()
        # (not the virtual environment the Quick start makes, once it is made)
        and not (root / path.split("/")[0] / "pyvenv.cfg").is_file()
    }
    assert {"docs/make_screenshots.py", "docs/main-window.png", ".ci/run"} <= named
    assert sorted(path for path in named if path.split("/")[0] not in included) == []


def test_every_place_that_states_the_version_states_the_same_one() -> None:
    """The version is written in four places (the wheel's metadata, what --version and the
    files' envelope print, the Windows installer, the Linux software centre's release): a
    release that bumps one of them alone ships a package that names two versions."""
    root = PACKAGING.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    installer = (PACKAGING / "rrisk.iss").read_text(encoding="utf-8")
    metainfo = ET.parse(PACKAGING / "org.rrisk.RRisk.metainfo.xml").getroot()
    stated = {
        "pyproject.toml": project["version"],
        "rrisk/__init__.py": rrisk.__version__,
        "packaging/rrisk.iss": re.search(r'#define AppVersion "([^"]+)"', installer)[1],
        "packaging/org.rrisk.RRisk.metainfo.xml": metainfo.find("releases/release").get("version"),
    }
    assert len(set(stated.values())) == 1, stated
