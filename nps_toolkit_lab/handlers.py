"""Two small authenticated routes: list the templates, and copy one into a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tornado.web
from jupyter_core.paths import is_hidden
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .copier import TemplateError, copy_template, templates


class TemplatesHandler(APIHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self.finish(json.dumps({"templates": templates()}))


class CopyHandler(APIHandler):
    """POST {"template": name, "path": folder (relative to the root), "data": file or null}
    -> {"path": the new notebook, relative to the root}."""

    def initialize(self, root: str) -> None:
        self.root = Path(root).resolve()

    def _refuse(self, message: str) -> None:
        self.set_status(400)
        self.finish(json.dumps({"error": message}))

    def _hidden(self, path: Path) -> bool:
        """Jupyter's own rule for hidden files and folders (a dot name, or the system's
        hidden flag, anywhere below the root), which its contents API refuses unless the
        server runs with ``ContentsManager.allow_hidden``."""
        if getattr(self.contents_manager, "allow_hidden", False):
            return False
        return is_hidden(str(path), str(self.root))

    @tornado.web.authenticated
    def post(self) -> None:
        try:
            body: Any = json.loads(self.request.body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._refuse("the body must be a JSON object: {\"template\": ..., "
                                "\"path\": ..., \"data\": ...}")
        if not isinstance(body, dict):
            return self._refuse("the body must be a JSON object: {\"template\": ..., "
                                "\"path\": ..., \"data\": ...}")
        name, folder, data = body.get("template", ""), body.get("path", "") or "", \
            body.get("data")
        for key, value in (("template", name), ("path", folder), ("data", data)):
            if value is not None and not isinstance(value, str):
                return self._refuse(f"{key!r} must be a string")
            if value and ("\x00" in value or any(ord(c) < 32 for c in value)):
                return self._refuse(f"{key!r} holds a NUL or control character")
        if Path(folder).is_absolute() or (data and Path(data).is_absolute()):
            return self._refuse("paths must be relative to the server root")
        dest = self.root / folder
        source = self.root / data if data else None
        try:
            # outside the root is copy_template's refusal; hidden inside it is ours
            hidden = [p for p in (dest, source) if p is not None
                      and p.resolve().is_relative_to(self.root) and self._hidden(p.resolve())]
        except OSError as exc:
            return self._refuse(f"cannot read the path ({exc.strerror})")
        if hidden:
            shown = hidden[0].resolve().relative_to(self.root).as_posix()
            return self._refuse(f"{shown!r} is hidden; "
                                "Jupyter does not open hidden files or folders (start the "
                                "server with --ContentsManager.allow_hidden=True to allow "
                                "it)")
        try:
            made = copy_template(name, dest, root=self.root,
                                 data=str(source) if source is not None else None)
        except (TemplateError, ValueError, OSError) as exc:
            return self._refuse(str(exc))
        self.finish(json.dumps({"path": made.relative_to(self.root).as_posix()}))


def setup_handlers(web_app: Any, root_dir: str) -> None:
    base = url_path_join(web_app.settings["base_url"], "nps-toolkit")
    web_app.add_handlers(".*$", [
        (url_path_join(base, "templates"), TemplatesHandler),
        (url_path_join(base, "copy"), CopyHandler, {"root": root_dir}),
    ])
