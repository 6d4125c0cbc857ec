"""The template registry and copier of the analysis package (``nps_toolkit/_registry.py``),
loaded from its file alone: Jupyter imports this at server start, and importing
``nps_toolkit`` would pull in pandas, scipy and scikit-learn. The library owns the registry;
this integration only reads it.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

__all__ = ["TEMPLATES", "TemplateError", "copy_template", "template_file", "templates"]


def _registry() -> ModuleType:
    loaded = sys.modules.get("nps_toolkit._registry")  # the package is imported already
    if loaded is not None:
        return loaded
    spec = find_spec("nps_toolkit")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the nps_toolkit package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "_registry.py"
    name = "nps_toolkit_lab._registry"
    module_spec = importlib.util.spec_from_file_location(name, path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load the template registry from {path}")
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    module_spec.loader.exec_module(module)
    return module


_R = _registry()
TEMPLATES = _R.TEMPLATES
TemplateError = _R.TemplateError
copy_template = _R.copy_template
template_file = _R.template_file
templates = _R.templates
