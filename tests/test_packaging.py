"""The wheel and sdist as a user gets them: built, installed into a fresh venv, run from there."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from editor import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "samples" / "000_851cad3446e524f9.txt"
ICON_FILES = {"issue-drafter.svg", *(f"issue-drafter-{n}.png" for n in (16, 24, 32, 48, 64, 128, 256, 512))}
CSS_FILES = {"base.css", "dark.css", "email.css"}
FINDING_LINE = re.compile(r"^.+:\d+:\d+: [a-z-]+ \S", re.MULTILINE)


@dataclass(frozen=True)
class Installed:
    """Where the built artifacts are and the fresh virtual environment they were installed into."""

    source: Path
    wheel: Path
    sdist: Path
    venv: Path
    workdir: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a program from the venv's bin/ outside the source tree, as a user's shell would."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        command = [str(self.venv / "bin" / args[0]), *args[1:]]
        return subprocess.run(
            command, cwd=self.workdir, env=env, capture_output=True, text=True, timeout=120, check=False
        )


def _copy_source(target: Path) -> Path:
    """The project's files without environments and caches, so that builds never touch the work tree."""
    skip = shutil.ignore_patterns(
        ".venv",
        ".git",
        "build",
        "dist",
        "*.egg-info",
        "__pycache__",
        ".*_cache",
        ".hypothesis",
        ".benchmarks",
    )
    shutil.copytree(ROOT, target, ignore=skip)
    return target


def _build(source: Path, outdir: Path) -> tuple[Path, Path]:
    """`python -m build`: an sdist, then a wheel built from that sdist (isolated build env)."""
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(outdir), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = outdir.glob("*.whl")
    (sdist,) = outdir.glob("*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    source = _copy_source(base / "source")
    wheel, sdist = _build(source, base / "dist")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    # Dependencies resolve from the index (and pip's cache) exactly as for a user.
    done = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    workdir = base / "work"
    workdir.mkdir()
    return Installed(source, wheel, sdist, env_dir, workdir)


def test_version_from_the_installed_command(installed: Installed) -> None:
    done = installed.run("issue-drafter", "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"issue-drafter {__version__}\n"
    assert installed.run("python", "-m", "editor", "--version").stdout == done.stdout


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed sample is not beside the repository")
def test_lint_on_the_seed_from_the_installed_command(installed: Installed) -> None:
    done = installed.run("issue-drafter", "lint", str(SEED))
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    assert FINDING_LINE.search(done.stdout), done.stdout
    assert "repeated-passage" in done.stdout


def test_installed_package_is_the_wheel_not_the_source_tree(installed: Installed) -> None:
    done = installed.run("python", "-c", "import editor; print(editor.__file__)")
    assert Path(done.stdout.strip()).is_relative_to(installed.venv)


def test_installed_package_has_the_css_and_icons(installed: Installed) -> None:
    script = (
        "from importlib.resources import files; r = files('editor.resources'); "
        "print(*sorted(p.name for p in r.iterdir()), *sorted(p.name for p in r.joinpath('icons').iterdir()))"
    )
    done = installed.run("python", "-c", script)
    assert done.returncode == 0, done.stderr
    names = set(done.stdout.split())
    assert names >= CSS_FILES | ICON_FILES


def test_installed_export_embeds_the_stylesheet(installed: Installed, tmp_path: Path) -> None:
    draft = tmp_path / "issue.md"
    draft.write_text("# Weekly\n\nHello, readers.\n", encoding="utf-8")
    done = installed.run("issue-drafter", "export", str(draft), "--to", "html")
    assert done.returncode == 0, done.stderr
    assert "<style>" in done.stdout
    assert "<h1" in done.stdout


def _tree(folder: Path, prefix: str) -> set[str]:
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_wheel_has_every_module_and_resource_of_the_source_tree(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        packed = set(wheel.namelist())
    modules = {name for name in _tree(installed.source / "editor", "editor") if name.endswith(".py")}
    resources = _tree(installed.source / "resources", "editor/resources")
    assert modules | resources <= packed, sorted((modules | resources) - packed)


def test_sdist_has_what_a_build_needs(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    needed = {"pyproject.toml", "README.md", "editor/cli.py", *(f"resources/{n}" for n in CSS_FILES)}
    assert needed | {f"resources/icons/{n}" for n in ICON_FILES} <= names


LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.issue_drafter.IssueDrafter"


def test_desktop_file_opens_markdown_with_the_app() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "issue-drafter %f"
    assert entry["MimeType"] == "text/markdown;text/x-markdown;"
    assert entry["Icon"] == APP_ID
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(
            ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True
        )
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_describes_this_release() -> None:
    root = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == "MIT"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    if shutil.which("appstreamcli"):
        done = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
