"""JUnit XML for CI, from the review model, serialised with xml.etree (escaping by the serialiser).

One testsuite per rule pack run; one testcase per rule that ran: a rule with findings is a
<failure> per finding (error) or a testcase marked with its findings in <system-out> (warning,
info: they do not fail the build unless --fail-on says so); a rule without findings that could
not be evaluated somewhere says why in <system-out>."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..i18n import get_lang
from .review_model import review_model

LEVELS = {"error": 0, "warning": 1, "info": 2}


def _clean(text) -> str:
    """XML 1.0 cannot hold most control characters (ESC): they become U+FFFD."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else "\ufffd" for ch in str(text))


def render(result, fail_on: str, lang: str | None = None) -> str:
    lang = lang or get_lang()
    m = review_model(result, fail_on, lang)
    by_rule: dict[str, list] = {}
    for f in m["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    not_eval = {n["rule"] for n in m["not_evaluated"]}
    name = f"lkjip-audit {m['submission'].get('instansi') or ''} {m['submission'].get('tahun') or ''}".strip()
    root = ET.Element("testsuites", name=_clean(name))
    suite = ET.SubElement(root, "testsuite", name=_clean(name))
    failures = 0
    threshold = LEVELS[fail_on]
    for rule in m["rules"]:
        case = ET.SubElement(suite, "testcase", classname=_clean(f"lkjip.{rule['id'][:3]}"),
                             name=_clean(f"{rule['id']}: {rule['title']}"))
        found = by_rule.get(rule["id"], [])
        failing = [f for f in found if LEVELS[f["severity"]] <= threshold]
        for f in failing:
            failures += 1
            el = ET.SubElement(case, "failure", type=f["severity"], message=_clean(f["message"]))
            el.text = _clean(_detail(f, lang))
        if found and not failing:
            ET.SubElement(case, "system-out").text = _clean("\n\n".join(_detail(f, lang) for f in found))
        if not found and rule["id"] in not_eval:
            reasons = [n["reason"] for n in m["not_evaluated"] if n["rule"] == rule["id"]]
            ET.SubElement(case, "system-out").text = _clean("\n".join(reasons))
    suite.set("tests", str(len(m["rules"])))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root.set("tests", str(len(m["rules"])))
    root.set("failures", str(failures))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _detail(f, lang) -> str:
    w = ("Tertulis", "Seharusnya", "Perhitungan", "Lokasi") if lang == "id" else ("Printed", "Expected", "Computation", "Locations")
    lines = [f"#{f['no']} {f['rule']} [{f['severity']}] {f['message']}", f"{w[0]}: {f['found_text']}"]
    if f.get("expected") is not None:
        lines.append(f"{w[1]}: {f['expected_text']}")
    lines.append(f"{w[2]}: {f['why']}")
    lines += [f"{k}: {v}" for k, v in f.get("extra_fields", [])]
    lines.append(f"{w[3]}:")
    lines += [f"  - {loc['place']}: {loc['text']}" for loc in f["locations"]]
    return "\n".join(lines)
