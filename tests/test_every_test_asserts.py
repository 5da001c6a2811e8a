"""Every test checks something: an assert, pytest.raises, a query count or a helper."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# pytest.raises / warns, and helpers named for what they check (``check``,
# ``assert_…``, ``check_…``, ``_assert_…``, django_assert_(max_)num_queries).
CHECKING_CALLS = {"raises", "warns", "check"}
HELPER_PREFIXES = ("assert_", "check_", "django_assert_")


def called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def checks_something(function: ast.AST) -> bool:
    """Whether the body asserts, expects a failure or calls a checking helper."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = called_name(node).lstrip("_")
            if name in CHECKING_CALLS or name.startswith(HELPER_PREFIXES):
                return True
    return False


def modules_of_tests():
    """The test modules of the project, its apps' and the top-level ones."""
    for folder in (ROOT / "src", ROOT / "tests"):
        yield from folder.rglob("test_*.py")


def test_every_test_function_checks_something():
    silent = []
    for path in modules_of_tests():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.name.startswith("test_")
                and not checks_something(node)
            ):
                silent.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert silent == [], "tests without an assertion:\n" + "\n".join(silent)
