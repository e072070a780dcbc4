"""A real headless browser (Debian's chromium) loads a site page and the endpoint's UI.

`.ci/run` installs chromium when it is absent; the test installs it too when it
runs as root with apt-get, and is skipped (saying why) only when it can do neither.
Set PARLKG_SCREENSHOTS=docs/screenshots to refresh the screenshots of the docs.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parlkg.serve import Server
from parlkg.site import build_site
from parlkg.store import GraphStore

pytestmark = pytest.mark.server

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    why = "chromium is not installed"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        install = "apt-get update -qq && apt-get install -y -qq chromium"
        done = subprocess.run(["sh", "-c", install], capture_output=True, timeout=900)
        found = shutil.which("chromium")
        if found:
            return found
        why += f" and `{install}` failed: {done.stderr.decode(errors='replace')[-300:]}"
    else:
        why += " and cannot be installed here (needs root and apt-get; .ci/run installs it)"
    print(why)
    pytest.skip(why)


def _browse(chromium: str, profile: Path, url: str, *action: str, budget: int = 0) -> str:
    wait = [f"--virtual-time-budget={budget}"] if budget else []
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *wait, *action, url],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8", "replace")


def _screenshot(chromium: str, tmp_path: Path, url: str, name: str, budget: int = 0) -> Path:
    folder = Path(os.environ.get("PARLKG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.unlink(missing_ok=True)
    shot = [f"--screenshot={path.resolve()}", "--window-size=1280,900"]
    _browse(chromium, tmp_path / f"profile-{name}", url, *shot, budget=budget)
    data = path.read_bytes()
    assert data.startswith(PNG)
    assert len(data) > 30_000  # a page with content, not a blank one
    return path


@pytest.fixture(scope="module")
def site_url(seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The static site, served as static files on a free 127.0.0.1 port."""
    out = tmp_path_factory.mktemp("browser-site")
    with GraphStore(seed_store_path, read_only=True) as store:
        build_site(store, out)
    handler = functools.partial(_QuietFiles, directory=str(out))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def test_a_site_page_loads_and_shows_its_content(
    chromium: str, site_url: str, tmp_path: Path
) -> None:
    url = site_url + "/id/company/microsoft.html"
    dom = _browse(chromium, tmp_path / "profile", url, "--dump-dom")
    assert "<h1>Microsoft</h1>" in dom
    assert "Relations stated" in dom and "Evidence" in dom
    assert "choix de Microsoft pour le health data hub" in dom
    assert 'type="application/ld+json"' in dom
    _screenshot(chromium, tmp_path, url, "site-entity.png")
    document = site_url + "/id/document/an-16-qe-2114.html"
    dom = _browse(chromium, tmp_path / "profile", document, "--dump-dom")
    assert '<span class="mention" id="m-1181"><a href="../company/microsoft.html">' in dom
    _screenshot(chromium, tmp_path, document, "site-document.png")


def test_the_endpoint_ui_loads_and_runs_a_library_query(
    chromium: str, seed_store_path: Path, tmp_path: Path
) -> None:
    server = Server(seed_store_path, port=0, timeout_s=20)
    try:
        server.start()
        url = server.url + "/queries/actor-documents?actor=Microsoft&format=ui"
        dom = _browse(chromium, tmp_path / "ui", url, "--dump-dom", budget=10_000)
        assert 'class="yasqe' in dom  # the editor was built by YASGUI's script
        # the library query, its parameter bound
        assert '<span class="cm-keyword">VALUES</span>' in dom
        assert "&lt;https://w3id.org/parlkg/id/company/microsoft&gt;" in dom
        assert "5 results" in dom  # and it ran: one row per seed document
        for key in ("an-16-qe-2114", "an-17-qe-486", "an-15-qe-43349", "an-17-qg-585"):
            assert f"id/document/{key}" in dom
        _screenshot(chromium, tmp_path, url, "endpoint-ui.png", budget=10_000)
        listing = _browse(chromium, tmp_path / "ui", server.url + "/queries", "--dump-dom")
        assert "parlkg query library" in listing and "actor-documents" in listing
        _screenshot(chromium, tmp_path, server.url + "/queries", "query-library.png")
    finally:
        server.stop()
