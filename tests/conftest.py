from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Fuzzing of whole reports (tests/test_report_bad_input.py) takes its example count from a profile:
# "fast" (default, every commit) or HYPOTHESIS_PROFILE=thorough before a release.
settings.register_profile("fast", max_examples=20)
settings.register_profile("thorough", max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
RULES = ROOT / "rules"
REAL = DATASETS / "dinsos-kota-blitar-2020"
SEED = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "000_9436e2d9426b5c76.txt"  # copy of shared/seeds/


@pytest.fixture(scope="session")
def ruleset():
    from lkjip_audit.rulepack.loader import load_rules

    return load_rules(RULES)


@pytest.fixture(scope="session")
def quick_ruleset():
    """Every pack but the Great Expectations ones (`check --quick`): for tests where GX is not under
    test (GX validation costs seconds per check)."""
    from lkjip_audit.rulepack.loader import load_rules

    return load_rules(RULES, quick=True, check_gx=False)


@pytest.fixture(scope="session")
def real_result(ruleset):
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset

    return audit(load_dataset(REAL, ruleset.concepts), ruleset)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_result(ruleset):
    """The real report read from its text export (extraction + check in memory)."""
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.report import load_report

    return audit(load_report(SEED, ruleset.concepts), ruleset)


@pytest.fixture()
def pemda(tmp_path):
    """A pemda's folder of reports for corpus mode: the two Blitar datasets (2020 without the
    report text beside it, 2019)."""
    import shutil

    d = tmp_path / "pemda"
    d.mkdir()
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2020", d / "a-dinsos-2020", ignore=shutil.ignore_patterns("*.txt"))
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2019", d / "b-dinsos-2019")
    return d


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """`main([..., "--lang", "en"])` sets the language for the whole process; every test starts in
    Indonesian, whatever an earlier test on the same xdist worker chose."""
    from lkjip_audit import i18n

    i18n.set_lang("id")
    yield
    i18n.set_lang("id")


def sample_fact(**changes) -> dict:
    """One fact's fields by name: a realisasi of 75,5% read from table T1, row 2, line 40."""
    fact = dict(concept="realisasi", subject="IKU1", subject_kind="iku", period=2020, section="bab3", table="T1",
                title="Tabel 3.1", row=2, label="Persentase PMKS", group="T1#2", column="realisasi",
                header="Realisasi", text="75,5%", status="ok", value=75.5, decimals=1, unit="%", reason=None,
                note=None, exact=False, line=40, page=12, file="x.yaml")
    fact.update(changes)
    return fact


# Hand-written facts of each shape a fact table holds, as changes to sample_fact: a figure read; a
# blank target (not read, no value, no decimals; no page, no header, no label); a text concept read
# without a value; a figure not read, with its reason and a note (a target_akhir_renstra has no period).
SAMPLE_FACTS = [
    {},
    dict(concept="target", text="-", status="kosong", value=None, decimals=None, unit=None, exact=True, page=None,
         header=None, label=None, column="target", row=3, group="T1#3", line=41),
    dict(concept="status", text="Tercapai", value=None, decimals=None, unit=None, column="status"),
    dict(concept="target_akhir_renstra", period=None, text="≥ 80%", status="tidak_terbaca", value=None,
         decimals=None, reason="tanda pembanding", note="catatan", exact=True),
]
