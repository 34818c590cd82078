"""The rule language's functions are declared in one place for loading (rulepack/expr.py: ARITY,
FUNCTIONS) and implemented in one place for running (engine/functions.py): the tables must name
the same functions, and the module's docstring (what a newcomer reads) must list each of them."""
from lkjip_audit.engine import functions
from lkjip_audit.engine.context import Context, MissingInput
from lkjip_audit.engine.functions import RuleFunctions
from lkjip_audit.rulepack.expr import ARITY, FUNCTIONS


def test_load_time_tables_and_run_time_functions_name_the_same_functions():
    run_time = set(RuleFunctions().rule_functions())
    assert set(FUNCTIONS) == set(ARITY)
    assert run_time == set(FUNCTIONS)
    assert "sum_of" in run_time and "not_available" in run_time  # the tables are not both empty


def test_every_function_is_listed_in_the_module_docstring():
    missing = [name for name in FUNCTIONS if f"`{name}" not in functions.__doc__]
    assert missing == []


def test_context_is_the_mixin_and_keeps_missing_input_importable():
    assert issubclass(Context, RuleFunctions)
    assert MissingInput is functions.MissingInput
