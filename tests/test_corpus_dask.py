"""The Dask path (`check --dask`) on a LocalCluster of two worker processes on loopback: the same
rekap as the local pool (--jobs), and a worker killed mid-task loses no report."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import DATASETS

distributed = pytest.importorskip("distributed", reason="dask extra not installed (pip install '.[dask]')")

import cloudpickle  # noqa: E402 - installed with distributed

import tests_helpers_dask as helpers  # noqa: E402

cloudpickle.register_pickle_by_value(helpers)  # the workers need not import the tests folder


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as lc, Client(lc) as client:
        yield lc, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("pemda")
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2020", d / "a-dinsos-2020")
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2019", d / "b-dinsos-2019")
    (d / "c-rusak.yaml").write_text("format: lkjip-dataset/1\nsubmission: [\n", encoding="utf-8")
    return d


def test_dask_gives_the_same_rekap_as_jobs(cluster, corpus, capsys):
    from lkjip_audit.cli import main

    lc, _ = cluster
    argv = ["check", str(corpus), "--quick", "--format", "json", "--no-cache"]
    code_jobs = main([*argv, "--jobs", "2"])
    by_jobs = capsys.readouterr().out
    code_dask = main([*argv, "--dask", lc.scheduler_address])
    by_dask = capsys.readouterr().out
    assert by_dask == by_jobs and code_dask == code_jobs == 1
    rows = json.loads(by_dask)["reports"]
    # a dataset folder is one input (the report text inside it is not checked a second time)
    assert [Path(r["input"]).name for r in rows] == ["a-dinsos-2020", "b-dinsos-2019", "c-rusak.yaml"]
    assert [r["status"] for r in rows] == ["checked", "checked", "unreadable"]


def test_dask_worker_killed_mid_task_is_retried(cluster, corpus, tmp_path):
    from lkjip_audit.corpus.dask_backend import run_dask
    from lkjip_audit.corpus.task import Options, item_for

    _, client = cluster
    marker = tmp_path / "marker"
    items = [item_for(corpus / n, send_bytes=True) for n in ("a-dinsos-2020", "b-dinsos-2019")]
    out = run_dask(items, Options(quick=True), client, task=helpers.dies_once(str(marker)))
    assert marker.read_text(encoding="utf-8") == "died"  # a worker process really died
    assert [(o["status"], o["tahun"], o["passed"]) for o in out] == [("checked", 2020, False),
                                                                   ("checked", 2019, True)]
    assert os.path.exists(marker)


def test_dask_address_from_a_separate_process(cluster, corpus):
    """`lkjip-audit check ... --dask ADDRESS` as its own process, as a province runs it: there is no
    default Dask client in that process (the test above has one, from the fixture)."""
    import subprocess
    import sys

    lc, _ = cluster
    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(corpus / "a-dinsos-2020"),
                        str(corpus / "b-dinsos-2019"), "--quick", "--no-cache", "--format", "json",
                        "--dask", lc.scheduler_address], cwd=root, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in p.stderr and p.returncode == 1, p.stderr
    rows = json.loads(p.stdout)["reports"]
    assert [(r["status"], r["tahun"], r["passed"]) for r in rows] == [("checked", 2020, False),
                                                                     ("checked", 2019, True)]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The Blitar 2020 report as DOCX and a scanned-like PDF (no text layer): both parsed in a child
    process (limits.guarded). A text PDF goes the same way (seen by hand; building one costs ~20 s)."""
    from build_docs import build_docx, build_image_pdf

    from conftest import REAL

    d = tmp_path_factory.mktemp("dokumen")
    text = next(REAL.glob("*.txt")).read_text(encoding="utf-8")
    return [build_docx(text, d / "lkjip.docx"), build_image_pdf(d / "pindaian.pdf")]


def _single(path, capsys) -> tuple[int, dict | str]:
    from lkjip_audit.cli import main

    code = main(["check", str(path), "--quick", "--format", "json"])
    cap = capsys.readouterr()
    return code, (json.loads(cap.out)["summary"] if code != 2 else cap.err.strip())


def test_dask_reads_docx_and_scanned_pdf_as_a_single_check_does(cluster, documents, capsys):
    """A Dask worker is a daemonic process; the DOCX/PDF reader parses in a child process under
    memory and time limits (limits.guarded). Each report gives what `check THAT_REPORT` gives."""
    from lkjip_audit.cli import main

    lc, _ = cluster
    code = main(["check", *map(str, documents), "--quick", "--format", "json", "--no-cache",
                 "--dask", lc.scheduler_address])
    rows = json.loads(capsys.readouterr().out)["reports"]
    assert code == 1
    single_code, summary = _single(documents[0], capsys)
    assert single_code == 1 and summary["by_severity"]["error"] > 0  # the report has errors (README)
    assert (rows[0]["status"], rows[0]["errors"], rows[0]["warnings"], rows[0]["passed"]) == (
        "checked", summary["by_severity"]["error"], summary["by_severity"]["warning"], summary["passed"])
    single_code, message = _single(documents[1], capsys)
    assert single_code == 2 and rows[1]["status"] == "unreadable"
    assert message == f"{documents[1]}: {rows[1]['reason']}"  # the single check's words, no internal error


def test_dask_finding_names_the_users_convention_file(cluster, tmp_path, capsys):
    """A report sent as bytes is checked in a temporary folder of the worker; a finding that says
    where its convention was declared names the user's lkjip-audit.yaml, as a single check does
    (tests/test_perubahan_teks.py), never the worker's copy."""
    from lkjip_audit.cli import main

    lc, _ = cluster
    folder = tmp_path / "opd"
    folder.mkdir()
    # 12,5 - 10 = 2,5 points, printed "2,5%"; declared relative: 2,5 / 12,5 x 100 = 20% -> NAR002
    (folder / "laporan.txt").write_text("\n".join([
        "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021", "", "BAB III AKUNTABILITAS KINERJA", "",
        "Tabel 3.1 Capaian Indikator Kinerja Utama", "", "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian",
        "1\tJumlah lansia yang dibina\t200\t150\t75%", "",
        "Jumlah PMKS mengalami penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%.", ""]) + "\n", encoding="utf-8")
    (folder / "lkjip-audit.yaml").write_text("percent_change: relative\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    code = main(["check", str(folder / "laporan.txt"), str(DATASETS / "dinsos-kota-blitar-2019"), "--quick",
                 "--no-cache", "--format", "json", "--output-dir", str(tmp_path / "out"),
                 "--dask", lc.scheduler_address])
    capsys.readouterr()
    findings = json.loads((tmp_path / "out" / "laporan.txt.json").read_text(encoding="utf-8"))["findings"]
    (why,) = [f["why"] for f in findings if f["rule"] == "NAR002"]
    assert f"dinyatakan di {folder / 'lkjip-audit.yaml'}:1" in why and code == 1


NAR_REPORT = "\n".join([
    "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021", "", "BAB III AKUNTABILITAS KINERJA", "",
    "Tabel 3.1 Capaian Indikator Kinerja Utama", "", "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian",
    "1\tJumlah lansia yang dibina\t200\t150\t75%", "",
    "Jumlah PMKS mengalami penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%.", ""]) + "\n"


def test_dask_config_and_rules_as_given_from_another_folder(cluster, tmp_path, monkeypatch, capsys):
    """`--config pemda.yaml --rules aturan` relative to the auditor's folder, which is not the
    workers' folder: the config travels with the chunks, the rules folder is named absolutely;
    each report gives what its single check gives (before: every report 'pemda.yaml: berkas
    konfigurasi tidak ada', then 'aturan: berkas atau folder tidak ditemukan')."""
    from lkjip_audit.cli import main

    lc, _ = cluster
    (tmp_path / "laporan.txt").write_text(NAR_REPORT, encoding="utf-8")
    # declared relative: 2,5 / 12,5 x 100 = 20%, printed 2,5% -> NAR002
    (tmp_path / "pemda.yaml").write_text("percent_change: relative\n", encoding="utf-8")
    (tmp_path / "aturan").mkdir()
    shipped = (Path(__file__).resolve().parents[1] / "lkjip_audit" / "rules" / "narasi.yaml").read_text(encoding="utf-8")
    assert "id: NAR002" in shipped
    (tmp_path / "aturan" / "narasi.yaml").write_text(shipped.replace("pack: narasi", "pack: narasi_pemda", 1),
                                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    opts = ["--quick", "--config", "pemda.yaml", "--rules", "aturan", "--format", "json"]
    code = main(["check", "laporan.txt", str(DATASETS / "dinsos-kota-blitar-2019"), *opts, "--no-cache",
                 "--output-dir", "keluar", "--dask", lc.scheduler_address])
    rows = json.loads(capsys.readouterr().out)["reports"]
    single = main(["check", "laporan.txt", *opts])
    alone = json.loads(capsys.readouterr().out)
    assert [(r["status"], r["reason"]) for r in rows] == [("checked", None), ("checked", None)]
    assert (rows[0]["errors"], rows[0]["warnings"], code) == (alone["summary"]["by_severity"]["error"],
                                                              alone["summary"]["by_severity"]["warning"], single)
    mine = json.loads((tmp_path / "keluar" / "laporan.txt.json").read_text(encoding="utf-8"))["findings"]
    assert [f["why"] for f in mine] == [f["why"] for f in alone["findings"]]
    assert any("dinyatakan di pemda.yaml:1" in f["why"] for f in mine)


def test_dask_worker_with_other_rule_packs_checks_nothing(cluster, corpus):
    """A worker whose rule packs are not this computer's (no --rules folder there, another copy,
    another lkjip-audit) gives its reports as unreadable with that reason, never other verdicts."""
    from lkjip_audit.corpus.dask_backend import on_worker
    from lkjip_audit.corpus.task import Options, item_for

    _, client = cluster
    items = [item_for(corpus / "b-dinsos-2019", send_bytes=True)]
    (out,) = client.submit(on_worker, {"config": None, "rules": "lain"}, None, items, Options(quick=True, rules="/x"),
                           pure=False).result()
    assert out["status"] == "unreadable" and "--rules /x" in out["reason"] and "pekerja Dask tcp://" in out["reason"]


def test_dask_worker_with_other_lkjip_audit_code_checks_nothing(cluster, corpus):
    """A worker whose lkjip-audit is not this computer's (another version, or the same version with
    other code: a digest of its source files) gives its reports as unreadable with that reason,
    in the auditor's language, never verdicts of other code; the same packs do not hide it."""
    from lkjip_audit.corpus.cache import rules_digest
    from lkjip_audit.corpus.dask_backend import on_worker
    from lkjip_audit.corpus.task import Options, item_for

    _, client = cluster
    items = [item_for(corpus / "b-dinsos-2019", send_bytes=True)]
    sent = {"config": None, "rules": rules_digest(None), "tool": "kode lain", "version": "0.0.9"}
    (out,) = client.submit(on_worker, sent, None, items, Options(quick=True), pure=False).result()
    assert out["status"] == "unreadable" and "pekerja Dask tcp://" in out["reason"]
    assert "0.0.9 di sini" in out["reason"] and "pasang lkjip-audit yang sama di setiap pekerja" in out["reason"]
    (out,) = client.submit(on_worker, sent, None, items, Options(quick=True, lang="en"), pure=False).result()
    assert "install the same lkjip-audit on every worker" in out["reason"] and "0.0.9 here" in out["reason"]


def test_dask_address_of_something_else_or_no_address(monkeypatch, capsys):
    """A port where something that is not Dask listens and never answers (before: the check hung
    for good, distributed waits for the handshake without a limit), and an address distributed
    cannot parse (before: 'kesalahan internal / internal error: ValueError'): exit 2, one clear line."""
    import socket

    from lkjip_audit.cli import main
    from lkjip_audit.corpus import dask_backend

    monkeypatch.setattr(dask_backend, "PROBE_SECONDS", 1)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts (the kernel does) and says nothing
    argv = ["check", str(DATASETS / "dinsos-kota-blitar-2019"), str(DATASETS / "dinsos-kota-blitar-2020"),
            "--quick", "--no-cache", "--dask"]
    try:
        address = "tcp://127.0.0.1:%d" % silent.getsockname()[1]
        assert main([*argv, address]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"{address}: penjadwal Dask tidak terjangkau") and "bukan penjadwal Dask?" in err
    finally:
        silent.close()
    assert main([*argv, "nonsense:::"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nonsense:::: alamat penjadwal Dask tidak sah") and "internal" not in err


def test_dask_scheduler_without_workers(monkeypatch, capsys):
    """A scheduler whose workers are gone: before, the check waited for good, silently."""
    from distributed import LocalCluster

    from lkjip_audit.cli import main
    from lkjip_audit.corpus import dask_backend

    monkeypatch.setattr(dask_backend, "WORKER_SECONDS", 1)
    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=":0",
                      silence_logs=40) as lc:
        code = main(["check", str(DATASETS / "dinsos-kota-blitar-2019"), str(DATASETS / "dinsos-kota-blitar-2020"),
                     "--quick", "--no-cache", "--dask", lc.scheduler_address])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == (f"{lc.scheduler_address}: penjadwal Dask tidak punya pekerja (ditunggu 1 detik) "
                                         "/ the Dask scheduler has no worker (waited 1 s)")


def test_dask_messages_in_the_runs_language(cluster, corpus, tmp_path, capsys):
    """A Dask worker serves run after run: an unreadable dataset folder's reason is in this run's
    --lang (before: in the worker's first language, 'YAML tidak sah' under --lang en)."""
    from lkjip_audit.cli import main

    lc, _ = cluster
    (tmp_path / "rusak").mkdir()
    (tmp_path / "rusak" / "dataset.yaml").write_text("format: lkjip-dataset/1\nsubmission: [\n", encoding="utf-8")
    for lang, words in (("id", "YAML tidak sah"), ("en", "invalid YAML"), ("id", "YAML tidak sah")):
        code = main(["check", str(tmp_path / "rusak"), str(corpus / "b-dinsos-2019"), "--quick", "--no-cache",
                     "--format", "json", "--lang", lang, "--dask", lc.scheduler_address])
        rows = json.loads(capsys.readouterr().out)["reports"]
        assert code == 1 and words in rows[0]["reason"], (lang, rows[0]["reason"])


def test_dask_inputs_refused_before_sending(cluster, tmp_path, capsys, monkeypatch):
    """A report is read on this machine to be sent: a FIFO among the inputs (before: read_bytes()
    waited for good) and a report over --max-size (before: sent and checked under the worker's
    50 MB) are refused as a check on this machine refuses them (--jobs 2 gives the same words)."""
    from lkjip_audit.cli import main

    from lkjip_audit import limits

    monkeypatch.setattr(limits, "max_size_mb", limits.max_size_mb)  # --max-size below stays in this test
    lc, _ = cluster
    os.mkfifo(tmp_path / "pipa.txt")
    (tmp_path / "laporan.txt").write_text(NAR_REPORT + "Catatan.\n" * 20000, encoding="utf-8")  # ~180 KB
    argv = ["check", str(tmp_path / "pipa.txt"), str(tmp_path / "laporan.txt"), "--quick", "--no-cache",
            "--format", "json", "--max-size", "0.05"]  # 52 KB: over it the report, under it each rule pack
    code = main([*argv, "--dask", lc.scheduler_address])
    rows = json.loads(capsys.readouterr().out)["reports"]
    assert code == 1 and [r["status"] for r in rows] == ["unreadable", "unreadable"]
    assert rows[0]["reason"] == "bukan berkas biasa (FIFO, perangkat atau soket): tidak dibaca"
    assert rows[1]["reason"].startswith("berkas terlalu besar (")
    assert main([*argv, "--jobs", "2"]) == 1
    assert [r["reason"] for r in json.loads(capsys.readouterr().out)["reports"]] == [r["reason"] for r in rows]


def test_a_refused_scheduler_port_is_said_at_once():
    """A wrong port: distributed retries a refused connection until its 20 s timeout; a plain TCP
    connection first says it at once (OSError: the check's 'penjadwal Dask tidak terjangkau')."""
    import socket

    from lkjip_audit.corpus import dask_backend

    with socket.socket() as s:  # a port nothing listens on once this socket is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectionRefusedError):
        dask_backend._reachable(f"tcp://127.0.0.1:{port}")
    assert dask_backend._reachable("inproc://somewhere") is None  # not TCP: left to distributed
