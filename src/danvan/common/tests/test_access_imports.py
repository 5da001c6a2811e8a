"""common.access stands below the apps: importing it first pulls in no model."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import danvan.common.access

ACCESS = Path(danvan.common.access.__file__)


def test_access_imports_first_in_a_fresh_interpreter():
    # Settings named but the app registry not loaded: any import of a model
    # module from access (or of a module that imports one) fails here.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings"}
    code = (
        "import sys; import danvan.common.access; "
        "assert not any(m.endswith('.models') and m.startswith('danvan.') "
        "for m in sys.modules), sorted(sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_access_has_no_function_level_imports_of_the_project():
    tree = ast.parse(ACCESS.read_text(encoding="utf-8"))
    late = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                "danvan"
            ):
                late.append(f"{node.name}: from {inner.module}")
            if isinstance(inner, ast.Import):
                late += [
                    f"{node.name}: import {a.name}"
                    for a in inner.names
                    if a.name.startswith("danvan")
                ]
    assert late == []
