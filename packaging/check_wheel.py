"""Build the wheel, install it into a scratch folder and prove the resources come with it.

Usage: ``python packaging/check_wheel.py`` (from any folder; prints what it checked and
exits 1 on the first failure). It needs ``pip`` and, to build without network access,
``hatchling`` in the running interpreter's environment.

Steps: ``pip wheel`` the repository; check the wheel lists the package's resources
(``rrisk/_resources/...``) and both commands; ``pip install --no-deps --target`` it into a
temporary folder; then, from a folder outside the repository, import ``rrisk`` from that
folder only and check :func:`rrisk.resources.resource_path` resolves inside the installed
package and that the bundled template opens.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

# Run in the installed copy: every path it reports must lie inside the scratch folder.
PROBE = """
import json, sys
import rrisk
from rrisk.resources import app_icon_paths, resource_path, resources_root
from rrisk.templates import list_templates, new_from_template
templates = [t.id for t in list_templates() if t.id != "blank"]
doc = new_from_template(templates[0]) if templates else None
print(json.dumps({
    "rrisk": rrisk.__file__,
    "root": str(resources_root()),
    "templates": str(resource_path("templates")),
    "template_ids": templates,
    "template_projects": len(doc.projects) if doc else 0,
    "schema": resource_path("schema", "document.schema.json").is_file(),
    "fonts": sorted(p.name for p in resource_path("fonts").glob("*.tt[cf]")),
    "icons": [str(p) for p in app_icon_paths() if p.is_file()],
}))
"""


class CheckFailed(Exception):
    """One check did not hold; the message says which."""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise CheckFailed(f"{' '.join(command[:4])} … failed:\n{result.stdout}{result.stderr}")
    return result


def build_wheel(out: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "--disable-pip-version-check",
        "-w",
        str(out),
    ]
    if importlib.util.find_spec("hatchling") is not None:
        # Use the installed backend: no download, so the check also runs offline.
        command.append("--no-build-isolation")
    run([*command, str(REPOSITORY)])
    wheels = sorted(out.glob("rrisk-*.whl"))
    if len(wheels) != 1:
        raise CheckFailed(f"expected one rrisk wheel in {out}, found {wheels}")
    return wheels[0]


def check_wheel_listing(wheel: Path) -> list[str]:
    """The wheel's resource members; fails if resources or entry points are missing."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(
            (archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")),
            "",
        )
    bundled = sorted(n for n in names if n.startswith("rrisk/_resources/"))
    expected_sources = sorted(
        "rrisk/_resources/" + p.relative_to(REPOSITORY / "resources").as_posix()
        for p in (REPOSITORY / "resources").rglob("*")
        if p.is_file()
    )
    missing = sorted(set(expected_sources) - set(bundled))
    if missing:
        raise CheckFailed(f"wheel lacks resources: {missing[:5]}")
    if not any(
        n.startswith("rrisk/_resources/templates/") and n.endswith(".json") for n in bundled
    ):
        raise CheckFailed("wheel carries no template under rrisk/_resources/templates/")
    for package in ("rrisk/__init__.py", "reports/__init__.py", "desktop/__init__.py"):
        if package not in names:
            raise CheckFailed(f"wheel lacks {package}")
    for command in ("rrisk = rrisk.cli:main", "rrisk-desktop = desktop.app:main"):
        if command not in entry_points:
            raise CheckFailed(f"wheel entry points lack '{command}'")
    return bundled


def check_installed(wheel: Path, scratch: Path) -> dict[str, object]:
    site = scratch / "site"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ]
    )
    outside = scratch / "elsewhere"
    outside.mkdir()
    # -P keeps the working folder off sys.path; PYTHONPATH puts the install before anything
    # else, so the checkout (also installed editable here) cannot answer for it.
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = run([sys.executable, "-P", "-c", PROBE], cwd=outside, env=env)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    package_root = site / "rrisk"
    for key in ("rrisk", "root", "templates"):
        if not Path(str(report[key])).is_relative_to(package_root):
            raise CheckFailed(f"{key} resolved to {report[key]}, outside {package_root}")
    if Path(str(report["root"])) != package_root / "_resources":
        raise CheckFailed(f"resources root is {report['root']}, not {package_root / '_resources'}")
    if not report["template_ids"] or not report["template_projects"]:
        raise CheckFailed("the installed template list is empty or the template has no projects")
    if not report["schema"]:
        raise CheckFailed("the installed JSON Schema is missing")
    icons = [Path(str(icon)) for icon in report["icons"]]  # type: ignore[attr-defined]
    if len(icons) < 8 or not all(icon.is_relative_to(package_root) for icon in icons):
        raise CheckFailed(f"the installed app icons are incomplete: {icons}")
    return report


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rrisk-wheel-") as temp:
        scratch = Path(temp)
        try:
            wheel = build_wheel(scratch / "dist")
            built = time.perf_counter()
            bundled = check_wheel_listing(wheel)
            report = check_installed(wheel, scratch)
        except CheckFailed as failure:
            print(f"FAILED: {failure}")
            return 1
        finished = time.perf_counter()
        print(f"wheel       {wheel.name} ({wheel.stat().st_size / 1024:.0f} KiB)")
        print(f"resources   {len(bundled)} files under rrisk/_resources/")
        print(f"imported    {report['rrisk']}")
        print(f"resolved    {report['templates']}")
        print(
            f"templates   {', '.join(report['template_ids'])} "
            f"({report['template_projects']} projects in the first)"
        )
        print(f"fonts       {', '.join(report['fonts']) or 'none'}")
        print(f"icons       {len(report['icons'])} PNGs of the app icon")  # type: ignore[arg-type]
        print(f"time        build {built - started:.1f} s, total {finished - started:.1f} s")
        print("OK: the installed wheel finds its resources inside the package")
    return 0


if __name__ == "__main__":
    sys.exit(main())
