"""The HTML report opened in a real headless browser (Debian's chromium): it renders, its filter
script runs, nothing is logged to the console (no script error, no blocked resource), and a
screenshot of the shipped report goes to reports/. Skipped, with the reason, without chromium
(`.ci/run` installs it with apt-get)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from lkjip_audit.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
SHIPPED = ROOT / "reports" / "dinsos-kota-blitar-2020.html"
SCREENSHOT = ROOT / "reports" / "dinsos-kota-blitar-2020.html.png"


def _chromium(tmp_path, url: str, *action: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--window-size=1280,2000",
         *action, url], capture_output=True, text=True, timeout=180)


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.mark.parametrize("which", ["shipped", "other-office"])
def test_html_renders_without_console_errors_and_its_script_runs(tmp_path, which):
    page = SHIPPED
    if which == "other-office":
        page = tmp_path / "polman.html"
        assert main(["check", str(ROOT / "tests/fixtures/bpkad-polman-2022"), "--quick", "-o", str(page)]) == 1
    out = _chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert out.returncode == 0, out.stderr[-2000:]
    assert _console(out.stderr) == []
    n = 12 if which == "shipped" else 2  # tests/golden: 7 errors + 5 warnings
    # the script ran: it fills the counter and shows the filter form (hidden without JS)
    assert re.search(rf'<span id="shown">{n} / {n} temuan ditampilkan</span>', out.stdout)
    assert re.search(r'<form class="filters" id="filters"( hidden="")?>', out.stdout).group(1) is None
    assert out.stdout.count('<article class="finding') == n


def test_screenshot_of_the_shipped_report_goes_to_reports(tmp_path):
    shot = tmp_path / "shot.png"
    out = _chromium(tmp_path, SHIPPED.as_uri(), f"--screenshot={shot}")
    assert out.returncode == 0 and shot.is_file(), out.stderr[-2000:]
    assert _console(out.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
    SCREENSHOT.write_bytes(data)


def test_filters_hide_the_other_findings(tmp_path):
    """A filter given in the address (#rule=KON002) leaves the one KON002 finding visible."""
    out = _chromium(tmp_path, SHIPPED.as_uri() + "#rule=KON002", "--dump-dom")
    assert out.returncode == 0 and _console(out.stderr) == []
    articles = re.findall(r'<article class="([^"]*)"[^>]*data-rule="([^"]+)"', out.stdout)
    assert len(articles) == 12
    visible = [rule for cls, rule in articles if "hidden" not in cls.split()]
    assert visible == ["KON002"]
    assert '<span id="shown">1 / 12 temuan ditampilkan</span>' in out.stdout
