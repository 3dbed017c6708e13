"""The query page end to end in headless Chromium (Debian's, driven by Playwright): run a named query, read its result."""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LITERAL = re.compile(r'^"(.*)"(?:@[\w-]+|\^\^<[^>]+>|\^\^[\w-]*:[\w-]+)?$', re.DOTALL)


def lexical(cell: str) -> str:
    match = LITERAL.match(cell)
    return match.group(1) if match else cell


pytestmark = pytest.mark.slow


def test_query_page_runs_a_named_query_in_the_browser(server: str, kg, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    expected = kg.run("targeted-products")
    outside: list[str] = []

    def only_loopback(route) -> None:  # the machine has no internet: nothing may leave it
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = browser.new_page()
            page.route("**/*", only_loopback)
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{server}/query")
            form = page.locator("form#targeted-products")
            form.get_by_role("button", name="Run").click()
            page.wait_for_selector("#query-status:text-is('targeted-products')", timeout=30_000)
            table = page.locator(".yasr table")
            table.locator("text=belantamab mafodotin").first.wait_for(timeout=30_000)
            cells = table.locator("tbody tr").evaluate_all(
                "rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.innerText.trim()))"
            )
            page.screenshot(path=str(tmp_path / "query-page.png"), full_page=False)
        finally:
            browser.close()
    assert errors == []
    assert outside == []
    # YASR shows a row number, then each value as a term ("BCMA", "3"^^xsd:integer, "…"@en)
    shown = [[lexical(cell) for cell in row[1:]] for row in cells]
    columns = ["target", "modality", "n", "products"]
    assert shown == [[str(row[c]) for c in columns] for row in expected]
    print(f"screenshot: {tmp_path / 'query-page.png'}")
