"""Inputs that cost too much or are not files: refused with exit 2 and a clear message, within
bounded memory and time (issue 11). The hostile files are built by tests/bombs.py in
milliseconds, never by the code under test."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

import bombs
from conftest import REAL, ROOT, RULES, SEED
from lkjip_audit import limits
from lkjip_audit.cli import main
from lkjip_audit.errors import InputError


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "kesalahan internal" not in err
    return code, out, err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_not_regular_files(capsys, device):
    t0 = time.perf_counter()
    code, out, err = run(capsys, "check", device, "--quick")
    assert code == 2 and f"{device}: bukan berkas biasa" in err
    assert time.perf_counter() - t0 < 10   # /dev/zero was read whole before: 7.5 GB


def test_a_fifo_as_report_or_in_the_rules_folder_never_blocks(tmp_path):
    """A FIFO nobody writes to blocks a reader forever: run in a child with a timeout."""
    fifo = tmp_path / "laporan.txt"
    os.mkfifo(fifo)
    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(RULES, rules)
    os.mkfifo(rules / "zz_fifo.yaml")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for argv, name in ((["check", str(fifo), "--quick"], fifo), (["rules", "--rules", str(rules)], rules / "zz_fifo.yaml")):
        p = subprocess.run([sys.executable, "-m", "lkjip_audit", *argv], capture_output=True, text=True,
                           timeout=60, env=env, cwd=tmp_path)
        assert p.returncode == 2 and f"{name}: bukan berkas biasa" in p.stderr, p.stderr
        assert "tidak ditemukan" not in p.stderr


def test_size_limit_and_the_option_that_raises_it(capsys, tmp_path):
    big = tmp_path / "laporan.txt"
    text = SEED.read_text(encoding="utf-8")
    big.write_text(text + "\n" + ("Lampiran tambahan tanpa angka.\n" * 40000), encoding="utf-8")
    size_mb = big.stat().st_size / 2 ** 20
    assert 1.2 < size_mb < 2.0
    code, out, err = run(capsys, "check", big, "--quick", "--max-size", "1")
    assert code == 2 and "berkas terlalu besar" in err and "batas 1,0 MB" in err and "--max-size" in err
    code, out, err = run(capsys, "check", big, "--quick", "--max-size", "3")
    assert code == 1 and "CAP001" in out   # read, and the report's errors are found


def test_docx_zip_bomb_is_refused_before_it_is_inflated(capsys, tmp_path):
    f = tmp_path / "laporan.docx"
    f.write_bytes(bombs.docx_zip_bomb(2000))   # 2 MB on disk, 2000 MiB declared inside
    assert f.stat().st_size < 3 * 2 ** 20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    code, out, err = run(capsys, "check", f, "--quick")
    assert code == 2 and "bom zip" in err
    assert time.perf_counter() - t0 < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024   # KB: < 200 MB more


_FLATE_BOMB_CHILD = r"""
import json, resource, sys, time
from lkjip_audit import limits
from lkjip_audit.cli import main
# the bound under test, made smaller so that the test is quick: the parser may add 300 MB
limits.CHILD_MEMORY = 300 * 2 ** 20
t0 = time.perf_counter()
code = main(["check", sys.argv[1], "--quick"])
print(json.dumps({"code": code, "seconds": time.perf_counter() - t0,
                  "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def test_pdf_flate_bomb_ends_in_a_clear_error_within_the_memory_bound(tmp_path):
    """Run in a fresh process of its own: RUSAGE_CHILDREN is the peak of every child a process
    ever waited for, so under pytest-xdist another test's child (a browser, a GX run) would count."""
    import json

    f = tmp_path / "laporan.pdf"
    f.write_bytes(bombs.flate_bomb_pdf(3000))   # 3 MB on disk, a 3000 MiB content stream
    p = subprocess.run([sys.executable, "-c", _FLATE_BOMB_CHILD, str(f)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert "Traceback" not in p.stderr and "kesalahan internal" not in p.stderr, p.stderr[-2000:]
    got = json.loads(p.stdout.strip().splitlines()[-1])
    assert got["code"] == 2 and str(f) in p.stderr
    assert got["seconds"] < 60
    # the parser ran in a child process; no child of the checking process ever held 1 GB
    assert got["children_kb"] < 1024 * 1024
    assert got["self_kb"] < 1536 * 1024


def test_self_referencing_pdf_ends(capsys, tmp_path):
    f = tmp_path / "laporan.pdf"
    f.write_bytes(bombs.self_referencing_pdf())
    t0 = time.perf_counter()
    code, out, err = run(capsys, "check", f, "--quick")
    assert code == 2 and str(f) in err
    assert time.perf_counter() - t0 < 60


def test_a_parser_that_never_ends_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    f = tmp_path / "laporan.pdf"
    f.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(limits, "CHILD_SECONDS", 1.0)
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        limits.guarded(lambda path: time.sleep(60), f)
    assert "lebih dari 1 detik" in str(e.value)
    assert time.perf_counter() - t0 < 10


def test_encrypted_pdf_is_called_encrypted(capsys, tmp_path):
    f = tmp_path / "laporan.pdf"
    f.write_bytes(bombs.encrypted_pdf())
    code, out, err = run(capsys, "check", f, "--quick")
    assert code == 2 and "PDF terenkripsi" in err and "bukan berkas PDF yang sah" not in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_report_text_is_read(capsys, tmp_path, encoding):
    f = tmp_path / "laporan.txt"
    data = SEED.read_text(encoding="utf-8").encode(encoding)
    if encoding != "utf-16":   # -le / -be: no byte order mark
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    f.write_bytes(data)
    code, out, err = run(capsys, "check", f, "--quick", "--select", "CAP001")
    assert code == 1 and "CAP001" in out and "-831" in out


def test_mixed_encoding_names_the_line_not_binary(capsys, tmp_path):
    f = tmp_path / "laporan.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    # line 7 holds a Windows-1252 byte (é), the rest is UTF-8
    data = b"".join(x.encode("utf-8") for x in lines[:6]) + "Caf\xe9 kota\n".encode("cp1252") + \
        b"".join(x.encode("utf-8") for x in lines[6:])
    f.write_bytes(data)
    code, out, err = run(capsys, "check", f, "--quick")
    assert code == 2 and f"{f}:7: bukan teks UTF-8" in err and "biner" not in err


def test_dataset_file_that_is_a_device_in_a_folder(capsys, tmp_path):
    d = tmp_path / "ds"
    d.mkdir()
    os.symlink("/dev/zero", d / "dataset.yaml")
    code, out, err = run(capsys, "check", d, "--quick")
    assert code == 2 and "bukan berkas biasa" in err


def test_the_real_report_still_reads_through_the_guard():
    """The PDF/DOCX guard returns the reader's document model unchanged (text path here: the
    child process only wraps PDF/DOCX, which tests/test_formats.py compares figure by figure)."""
    assert limits.sniff(SEED, 4) == SEED.read_bytes()[:4]
    assert limits.read_bytes(REAL / "dataset.yaml") == (REAL / "dataset.yaml").read_bytes()


def test_a_file_longer_than_its_stat_said_is_read_on_up_to_the_limit(tmp_path, monkeypatch):
    """read_bytes asks for the size stat() gave; a file that grew after it (here: stat says 10 of
    its 3000 bytes) is still read whole, and past the limit refused, as when it asked for the limit."""
    f = tmp_path / "dataset.yaml"
    f.write_bytes(b"a: 1\n" * 600)  # 3000 bytes
    real = limits.check_regular_file

    def stale(path):
        st = real(path)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10,
                               int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))

    monkeypatch.setattr(limits, "check_regular_file", stale)
    assert limits.read_bytes(f) == b"a: 1\n" * 600
    monkeypatch.setattr(limits, "max_size_mb", 2000 / limits.MB)  # a limit of 2000 bytes
    with pytest.raises(InputError):
        limits.read_bytes(f)
