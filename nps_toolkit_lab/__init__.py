"""JupyterLab integration of nps-toolkit: the server side of the Launcher templates.

Kept apart from ``nps_toolkit`` on purpose: Jupyter imports this at server start, and it must
not pull in pandas, scipy or scikit-learn (that added seconds to start-up). The front end
(a prebuilt JupyterLab extension) lives in ``labextension/``; its TypeScript source is in the
repository's ``widgets/labextension/``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_jupyter_labextension_paths", "_jupyter_server_extension_points"]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "nps-toolkit"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "nps_toolkit_lab"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app, server_app.root_dir)
    server_app.log.info("nps_toolkit_lab: NPS templates available at /nps-toolkit/")
