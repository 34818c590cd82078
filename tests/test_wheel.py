"""A new user's `pip install .` (not editable): the wheel ships the rule packs and concepts.yaml
and finds them from any directory (issue 11).

The wheel is built from a copy of the committed tree without build isolation (setuptools from the
test extra), installed without its dependencies into a fresh venv that borrows them from the
running environment (a .pth file), so that nothing is downloaded; then `lkjip-audit check` and
`rules` run from a directory that is not the repository."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import REAL, ROOT, RULES


def _source_copy(dst: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        src, out = ROOT / name, dst / name
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            out.symlink_to(src.readlink())
        elif src.is_file():
            shutil.copy2(src, out)
    return dst


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    pytest.importorskip("setuptools", minversion="77")   # the build backend (test extra)
    base = tmp_path_factory.mktemp("wheel")
    src = _source_copy(base / "src")
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(src)], check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("lkjip_audit-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies come from the running environment, after the venv's own site-packages
    Path(site, "zz_lkjip_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return env_dir, wheel


def test_the_wheel_holds_every_rule_pack(installed):
    import zipfile

    _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"lkjip_audit/rules/{p.name}" for p in RULES.glob("*.yaml")}
    assert "lkjip_audit/rules/concepts.yaml" in shipped and shipped <= names


def test_installed_tool_checks_from_another_directory(installed, tmp_path):
    env_dir, _ = installed
    tool = env_dir / "bin" / "lkjip-audit"
    p = subprocess.run([str(tool), "check", str(REAL), "--quick", "--format", "json"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr
    doc = json.loads(p.stdout)
    assert doc["summary"]["by_severity"]["error"] == 7 and "capaian" in doc["submission"]["rule_packs"]
    # the code that ran is the installed copy, not the repository
    where = subprocess.run([str(env_dir / "bin" / "python"), "-c", "import lkjip_audit; print(lkjip_audit.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True).stdout
    assert str(env_dir) in where and str(ROOT) not in where
    p = subprocess.run([str(tool), "rules"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and "CAP001" in p.stdout and "tidak ditemukan" not in p.stderr
