"""Two small authenticated routes: list the templates, and copy one into a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tornado.web
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

    @tornado.web.authenticated
    def post(self) -> None:
        try:
            body: dict[str, Any] = json.loads(self.request.body or b"{}")
        except json.JSONDecodeError as exc:
            raise tornado.web.HTTPError(400, "body must be JSON") from exc
        name = str(body.get("template", ""))
        folder = str(body.get("path", "") or "")
        data = body.get("data")
        if Path(folder).is_absolute() or (data and Path(str(data)).is_absolute()):
            raise tornado.web.HTTPError(400, "paths must be relative to the server root")
        dest = self.root / folder
        try:
            made = copy_template(name, dest, root=self.root,
                                 data=str(self.root / str(data)) if data else None)
        except TemplateError as exc:
            self.set_status(400)
            self.finish(json.dumps({"error": str(exc)}))
            return
        self.finish(json.dumps({"path": made.relative_to(self.root).as_posix()}))


def setup_handlers(web_app: Any, root_dir: str) -> None:
    base = url_path_join(web_app.settings["base_url"], "nps-toolkit")
    web_app.add_handlers(".*$", [
        (url_path_join(base, "templates"), TemplatesHandler),
        (url_path_join(base, "copy"), CopyHandler, {"root": root_dir}),
    ])
