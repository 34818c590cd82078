"""The shipped fastjsonschema validators are compiled from the schema files (tools/compile_schemas.py):
a schema changed without recompiling would let the fast path answer for an old schema."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("compile_schemas", ROOT / "tools" / "compile_schemas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["dataset", "rulepack"])
def test_shipped_validator_is_current(name):
    tool = _tool()
    shipped = tool.target(name).read_text(encoding="utf-8")
    assert shipped == tool.generated(name), f"run: python tools/compile_schemas.py ({name} is stale)"


def test_stale_validator_is_noticed(tmp_path):
    # the comparison above is not vacuous: a schema with one more key compiles to other code
    import json

    import fastjsonschema

    schema = json.loads((ROOT / "lkjip_audit" / "schemas" / "dataset.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["extra_key_for_test"] = {"type": "string"}
    assert fastjsonschema.compile_to_code(schema) not in _tool().target("dataset").read_text(encoding="utf-8")
