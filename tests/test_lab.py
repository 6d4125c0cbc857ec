"""The JupyterLab extension, in JupyterLab and Debian chromium: the "NPS toolkit" Launcher
section, a card that copies a template and opens it, running it, "New NPS analysis from this
file" on a CSV, and the server route refusing requests without the token or outside the root.
Screenshots go to tests/artifacts/. Without chromium: skip locally, fail with $CI set."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from test_browser import (
    ARTIFACTS,
    _require_browser,
    dismiss_news,
    launch_chromium,
    open_lab,
    running_lab,
    wait_kernel_idle,
)

import nps_toolkit as nt


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _require_browser()
    root = tmp_path_factory.mktemp("launcher")
    (root / "exports").mkdir()
    nt.load_sample().to_csv(root / "exports" / "survey.csv", index=False)
    with running_lab(root) as (base, token):
        yield base, token, root


def _post(url: str, body: dict, token: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers,
                                 method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as err:
        text = err.read()
        try:
            return err.code, json.loads(text or b"{}")
        except json.JSONDecodeError:
            return err.code, {"raw": text.decode(errors="replace")}


def test_extension_is_installed_and_enabled():
    out = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                         capture_output=True, text=True, timeout=120)
    text = out.stdout + out.stderr
    assert "nps-toolkit" in text and "enabled" in text and "OK" in text
    out = subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "list"],
                         capture_output=True, text=True, timeout=120)
    text = out.stdout + out.stderr
    assert "nps_toolkit_lab" in text and "enabled" in text


def test_route_needs_the_token_and_stays_in_the_root(lab):
    base, token, root = lab
    url = f"{base}/nps-toolkit/copy"
    status, _ = _post(url, {"template": "calculation", "path": ""}, token=None)
    assert status == 403
    assert not list(root.glob("*.ipynb"))
    status, body = _post(url, {"template": "calculation", "path": "../"}, token=token)
    assert status == 400 and "outside the server root" in body["error"]
    status, body = _post(url, {"template": "calculation", "path": "",
                               "data": "../../etc/passwd"}, token=token)
    assert status == 400 and "outside the server root" in body["error"]
    status, body = _post(url, {"template": "calculation", "path": "/tmp"}, token=token)
    assert status == 400
    status, body = _post(url, {"template": "nope", "path": ""}, token=token)
    assert status == 400 and "unknown template" in body["error"]
    with urllib.request.urlopen(f"{base}/nps-toolkit/templates?token={token}") as resp:
        listed = json.loads(resp.read())["templates"]
    assert [t["name"] for t in listed] == ["calculation", "comments", "trends", "growth"]


def _post_raw(url: str, raw: bytes, token: str) -> tuple[int, str]:
    req = urllib.request.Request(url, data=raw, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


def test_route_follows_the_contents_rules_and_never_500s(lab):
    """Hidden folders are refused as Jupyter's contents API refuses them; a NUL byte or a
    body that is not an object is a 400 with a message, not a 500 (issue 24)."""
    base, token, root = lab
    url = f"{base}/nps-toolkit/copy"
    (root / ".hidden").mkdir()
    (root / "exports" / ".private.csv").write_text("score\n9\n")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    for body, words in [({"template": "calculation", "path": ".hidden"}, "hidden"),
                        ({"template": "calculation", "path": "exports",
                          "data": "exports/.private.csv"}, "hidden"),
                        ({"template": "calculation", "path": "a\x00b"}, "NUL"),
                        ({"template": "calculation", "path": "", "data": "x\x00.csv"}, "NUL"),
                        ({"template": "calc\x00", "path": ""}, "NUL"),
                        ({"template": ["calculation"], "path": ""}, "string"),
                        ({"template": "calculation", "path": 5}, "string")]:
        status, answer = _post(url, body, token=token)
        assert status == 400 and words in answer["error"], (body, status, answer)
    for raw in (b"[]", b'"x"', b"null", b"3", b"{", b"\xff\xfe"):
        status, text = _post_raw(url, raw, token)
        assert status == 400 and "JSON object" in text, (raw, status, text)
    # Jupyter's own contents API refuses the same hidden folder
    req = urllib.request.Request(f"{base}/api/contents/.hidden", method="GET",
                                 headers={"Authorization": f"token {token}"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code in (400, 404)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # nothing written


def test_launcher_card_copies_opens_and_runs(lab):
    from playwright.sync_api import sync_playwright

    base, token, root = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser, context, _ = launch_chromium(p)
        pg = open_lab(context, f"{base}/lab?token={token}")
        dismiss_news(pg)
        section = pg.locator(".jp-Launcher-section", has_text="NPS toolkit")
        section.wait_for(timeout=60_000)
        cards = section.locator(".jp-LauncherCard")
        assert cards.count() == 4
        labels = [cards.nth(i).inner_text() for i in range(3)]
        assert labels == ["NPS calculation", "NPS comment analysis", "NPS trend review"]
        section.scroll_into_view_if_needed()
        pg.screenshot(path=str(ARTIFACTS / "launcher.png"))
        # the same commands in the palette and under File > New
        assert pg.evaluate("window.jupyterapp.commands.label('nps-toolkit:new-trends',"
                           " {isPalette: true})") == "New NPS trend review notebook"
        pg.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
        pg.locator(".lm-Menu-itemLabel", has_text="New").first.hover()
        pg.locator(".lm-Menu-itemLabel", has_text="NPS trend review").first.wait_for()
        pg.screenshot(path=str(ARTIFACTS / "file-new-menu.png"))
        pg.keyboard.press("Escape")
        pg.keyboard.press("Escape")

        cards.filter(has_text="NPS calculation").first.click()
        pg.locator(".lm-TabBar-tabLabel", has_text="NPS calculation.ipynb").wait_for(
            timeout=60_000)
        assert (root / "NPS calculation.ipynb").is_file()
        wait_kernel_idle(pg, timeout=90)
        pg.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        pg.locator(".jp-OutputArea-output", has_text="NPS 27.1 (95% CI").first.wait_for(
            timeout=240_000)
        pg.screenshot(path=str(ARTIFACTS / "launcher-notebook-ran.png"))

        # the file browser's context menu on a CSV: a copy reading that file, next to it
        pg.evaluate("window.jupyterapp.commands.execute('filebrowser:go-to-path',"
                    " {path: 'exports'})")
        item = pg.locator(".jp-DirListing-item", has_text="survey.csv").first
        item.wait_for(timeout=30_000)
        item.click()
        item.click(button="right")
        entry = pg.locator(".lm-Menu-itemLabel", has_text="New NPS analysis from this file")
        entry.first.wait_for(timeout=30_000)
        pg.screenshot(path=str(ARTIFACTS / "context-menu.png"))
        entry.first.click()
        pg.locator(".lm-TabBar-tabLabel", has_text="NPS calculation.ipynb").nth(1).wait_for(
            timeout=60_000)
        made = root / "exports" / "NPS calculation.ipynb"
        assert made.is_file()
        nb = json.loads(made.read_text(encoding="utf-8"))
        params = next("".join(c["source"]) for c in nb["cells"]
                      if "parameters" in c["metadata"].get("tags", []))
        assert "data_path: str = 'survey.csv'" in params
        browser.close()
