"""The web page end to end: a real `pausepost serve` and a real Chromium, driven by Playwright.

One server and one browser for the whole module; each test gets a fresh browser context. The
browser is Chromium from PAUSEPOST_CHROMIUM or the PATH (never downloaded): without one the
tests are skipped, unless PAUSEPOST_REQUIRE_BROWSER=1 (as in CI), when they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REQUIRE_BROWSER = os.environ.get("PAUSEPOST_REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    if REQUIRE_BROWSER:
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1200, "height": 900}
RISKY_POST = "😀 Office wifi password is Welcome123, f*ck it"
WIFI_QR = "WIFI:T:WPA;S:OfficeNet;P:Welcome123;;"


# --------------------------------------------------------------------------------------------
# Test data: an X archive and a photo with a Wi-Fi QR code, built here.

def x_archive(path: Path, partisan: int = 0) -> Path:
    """A small X archive zip in the export's real layout: two risky posts, two clean ones, and
    `partisan` party-political posts (five or more make a pattern across the history)."""
    texts = {"1001": "This f*cking rota again", "1002": "Door code for the office is 4721#",
             "2001": "Lovely walk by the canal today", "2002": "Great match last night"}
    texts |= {str(3000 + n): f"Vote Labour on Thursday! #{n}" for n in range(partisan)}
    tweets = [{"tweet": {"id_str": i, "id": i, "full_text": t,
                         "created_at": "Tue Mar 19 14:05:17 +0000 2019",
                         "favorite_count": "0", "retweet_count": "0", "entities": {"urls": []}}}
              for i, t in texts.items()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"username": "jane_doe", "accountId": "1"}}]))
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + json.dumps(tweets))
    return path


def qr_photo(path: Path) -> tuple[Path, tuple[int, int]]:
    """An 800x600 PNG: a busy background with a Wi-Fi QR code pasted at (300, 150)."""
    import numpy as np
    import zxingcpp
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(0)
    width, height = 800, 600
    x = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    base = np.stack([90 + 120 * x + 0 * y, 150 - 60 * y + 0 * x, 100 + 50 * (x + y)], axis=-1)
    im = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        draw.rectangle((x0, y0, x0 + int(rng.integers(20, 200)), y0 + int(rng.integers(20, 120))),
                       fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    symbol = np.array(zxingcpp.create_barcode(WIFI_QR, zxingcpp.BarcodeFormat.QRCode)
                      .to_image(scale=6))
    pixels = np.array(im)
    pixels[150:150 + symbol.shape[0], 300:300 + symbol.shape[1]] = symbol[:, :, None]
    Image.fromarray(pixels).save(path)
    return path, (width, height)


# --------------------------------------------------------------------------------------------
# The server and the browser, one each for the module.

@dataclass
class Server:
    url: str
    home: Path
    env: dict[str, str]
    work: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pausepost", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("web")
    home = work / "home"
    env = {k: v for k, v in os.environ.items() if k != "PAUSEPOST_TOKEN"}
    env.update(PAUSEPOST_HOME=str(home), XDG_CONFIG_HOME=str(work / "config"),
               XDG_DATA_HOME=str(work / "data"))
    # An audit made earlier with the command line, for the page to open.
    (home / "audits").mkdir(parents=True)
    made = _cli(env, "audit", str(x_archive(work / "old-x.zip")), "--db",
                str(home / "audits" / "old.sqlite"), "--out", str(work / "reports"),
                "--workers", "1", "--quiet")
    assert (home / "audits" / "old.sqlite").is_file(), made.stderr

    port = _free_port()
    log = work / "serve.log"  # a file, not a pipe nobody reads that could fill and block
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pausepost", "serve", "--no-browser", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            pytest.fail(f"pausepost serve exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/api/info", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("pausepost serve did not answer within 30 s")
        time.sleep(0.1)
    try:
        yield Server(url, home, env, work)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _chromium() -> str | None:
    return os.environ.get("PAUSEPOST_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = _chromium()
    if not path:
        message = "no Chromium found (set PAUSEPOST_CHROMIUM or put chromium on the PATH)"
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A page with everything it asked for and every error it logged."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self, server: Server, expected: tuple[str, ...] = ()) -> None:
        """Nothing asked of another machine; no console errors but the `expected` ones (the
        browser logs every refused request, even one the page handles)."""
        outside = [u for u in self.requests
                   if not u.startswith(server.url + "/") and not u.startswith(("blob:", "data:"))]
        assert not outside, f"requests left this machine's server: {outside}"
        errors = [e for e in self.errors if not any(x in e for x in expected)]
        assert not errors, f"errors in the page's console: {errors}"


def open_tab(browser: Browser, server: Server, hash_: str = "", *, clock: bool = False,
             **context: Any) -> Tab:
    options: dict[str, Any] = {"viewport": DESKTOP, "locale": "en-GB",
                               "timezone_id": "Europe/London", **context}
    page = browser.new_context(**options).new_page()
    tab = Tab(page)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: tab.errors.append(f"uncaught: {exc}"))
    if clock:
        page.clock.install()
    page.goto(f"{server.url}/{hash_}")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    return tab


@pytest.fixture
def tabs(browser: Browser, server: Server) -> Iterator[list[Tab]]:
    """Tabs opened by a test, closed after it (with their contexts)."""
    opened: list[Tab] = []
    yield opened
    for tab in opened:
        tab.page.context.close()


@pytest.fixture
def tab(browser: Browser, server: Server, tabs: list[Tab]) -> Tab:
    tabs.append(open_tab(browser, server))
    return tabs[-1]


def marks(page: Page, rule: str) -> Any:
    return page.locator(f'[data-editor="text"] mark[data-rule="{rule}"]')


VERDICT = "#verdict"


# --------------------------------------------------------------------------------------------
# 1. Compose: highlights in place, hover and caret details, suggestions, verdict, copy.

def test_typing_highlights_risky_words_and_fixing_them_allows_copying(
        tab: Tab, server: Server) -> None:
    page = tab.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    box = page.locator("#post-text")
    # typed key by key: many checks are started and all but the newest discarded
    box.press_sequentially(RISKY_POST, delay=5)
    # the emoji is one code point to the server and two UTF-16 units to the page: the marks
    # must still cover exactly the risky words
    expect(marks(page, "security.secure-data")).to_have_text("Welcome123")
    expect(marks(page, "conduct.swearing")).to_have_text("f*ck")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", re.compile("stop|pause"))
    expect(page.locator(VERDICT)).to_contain_text("Stop: don't post this as it is")
    findings = page.locator("#findings > li")
    expect(findings).to_have_count(2)
    expect(findings.first).to_contain_text("Secure data")
    expect(findings.first).to_contain_text("“Welcome123”")
    expect(findings.first).to_contain_text("% sure")
    expect(findings.first).to_contain_text("PCS advice to members, Photographs and videos:")
    copy = page.locator('[data-copy="compose"] [data-role="copy"]')
    expect(copy).to_be_disabled()
    expect(page.locator('[data-copy="compose"] [data-role="note"]')).to_contain_text(
        "Secure data: Wi-Fi credentials")

    # pointing at a highlighted word shows the finding; so does moving the caret into it
    area = marks(page, "conduct.swearing").bounding_box()
    assert area is not None
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    expect(page.locator("#tooltip")).to_be_visible()
    expect(page.locator("#tooltip")).to_contain_text("Swearing in a post")
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    expect(page.locator("#caret-finding")).to_contain_text("Swearing")
    expect(page.locator("#caret-finding")).to_contain_text("DWP Standards of Behaviour")
    page.mouse.move(5, 5)
    expect(page.locator("#tooltip")).to_be_hidden()

    # the swearing finding suggests a milder word: applying it rewrites just that span (after
    # the emoji, so the offsets must be converted here too) and checks again
    swearing = page.locator('#findings > li[data-rule="conduct.swearing"]')
    swearing.get_by_role("button", name=re.compile("Apply|Remove")).click()
    expect(box).not_to_have_value(re.compile(r"f\*ck"))
    expect(box).to_have_value(re.compile(r"^😀 Office wifi password is Welcome123, \w* ?it$"))
    expect(marks(page, "conduct.swearing")).to_have_count(0)
    expect(marks(page, "security.secure-data")).to_have_text("Welcome123")
    expect(findings).to_have_count(1)
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "stop")

    # the password's suggestion takes it out, and with both applied the post is fine to copy
    secure = page.locator('#findings > li[data-rule="security.secure-data"]')
    secure.get_by_role("button", name=re.compile("Apply|Remove")).click()
    expect(box).to_have_value(
        re.compile(r"^😀 Office wifi password is \[details removed\], \w* ?it$"))
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    expect(page.locator(VERDICT)).to_contain_text("Good to post")
    expect(page.locator('[data-editor="text"] mark')).to_have_count(0)
    expect(findings).to_have_count(0)
    expect(copy).to_be_enabled()
    copy.click()
    expect(page.locator('[data-copy="compose"] [data-role="note"]')).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == box.input_value()

    box.fill("")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "none")
    expect(copy).to_be_disabled()
    tab.assert_clean(server)


# Delays the answer to any check of a draft containing "SLOW", as a busy machine might.
SLOW_ANSWERS = """
const realFetch = window.fetch.bind(window);
window.fetch = async (url, options = {}) => {
  const response = await realFetch(url, options);
  if (String(url).includes("/api/check") && String(options.body || "").includes("SLOW")) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  return response;
};
"""


def test_a_late_answer_for_an_older_draft_is_ignored(browser: Browser, server: Server,
                                                     tabs: list[Tab]) -> None:
    page = browser.new_context(viewport=DESKTOP).new_page()
    tabs.append(Tab(page))
    page.add_init_script(SLOW_ANSWERS)
    page.goto(server.url)
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    box = page.locator("#post-text")
    box.fill("SLOW: this f*cking rota")
    page.wait_for_timeout(500)  # the slow check has been sent
    box.fill("Lovely day in the office")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    page.wait_for_timeout(1500)  # the slow answer has now arrived, and must change nothing
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    expect(page.locator('[data-editor="text"] mark')).to_have_count(0)
    expect(page.locator("#findings > li")).to_have_count(0)


def test_a_pause_verdict_needs_the_review_box_ticked_before_copying(tab: Tab) -> None:
    page = tab.page
    page.locator("#post-text").fill("This rota is a joke, what a bloody mess")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "pause")
    copy = page.locator('[data-copy="compose"] [data-role="copy"]')
    expect(copy).to_be_disabled()
    page.get_by_label("I have paused and reviewed this").first.check()
    expect(copy).to_be_enabled()
    # the quote box is checked too, and its findings are listed and marked
    page.locator("#quote-text").fill("you absolute idiot")
    expect(page.locator('[data-editor="quote"] mark')).to_have_text("idiot")
    expect(page.locator("#findings")).to_contain_text("replying to or sharing")
    # a new audience brings its reminder
    page.get_by_label("Friends").check()
    expect(page.locator("#audience-reminder")).to_contain_text("Audience 'friends'")


def test_character_counts_follow_each_platforms_rules(tab: Tab) -> None:
    page = tab.page
    page.locator("#post-text").fill("👩‍👩‍👧 see https://example.org/" + "a" * 60 + " " + "b" * 255)
    def count(name: str) -> Any:
        return page.locator("#counts li").filter(
            has=page.locator(".count-name", has_text=re.compile(f"^{name}$")))

    # X counts the link as 23 and is over its 280; Bluesky counts the family emoji as one
    expect(count("X")).to_contain_text("289/280")
    expect(count("X")).to_contain_text("9 too many")
    expect(count("X")).to_have_class(re.compile(r"\bover\b"))
    expect(count("Bluesky")).to_contain_text("342/300")
    expect(count("Threads")).to_contain_text("346/500")
    expect(count("Threads")).not_to_contain_text("too many")


# --------------------------------------------------------------------------------------------
# 2. Photo: boxes on the picture, a safe copy downloaded and checked again.

def test_a_wifi_qr_code_is_boxed_and_the_safe_copy_has_none(
        tab: Tab, server: Server) -> None:
    import pausepost

    page = tab.page
    photo, (width, _) = qr_photo(server.work / "office.png")
    page.goto(f"{server.url}/#photo")
    page.locator("#photo-input").set_input_files(photo)
    finding = page.locator('#photo-findings > li[data-rule="security.secure-data"]')
    expect(finding).to_be_visible(timeout=30_000)
    expect(finding).to_contain_text("Wi-Fi")
    box = page.locator("#photo-stage .box").first
    expect(box).to_be_visible()
    # the box is scaled from the photo's own pixels to its displayed size: the code was pasted
    # at x=300, so the box starts about 300 photo pixels in
    image = page.locator("#photo-stage img").bounding_box()
    drawn = box.bounding_box()
    assert image and drawn
    scale = image["width"] / width
    assert abs((drawn["x"] - image["x"]) / scale - 300) < 40
    assert 150 < drawn["width"] / scale < 300

    page.get_by_role("button", name="Make a safe copy").click()
    link = page.locator("#redact-download")
    expect(link).to_be_visible(timeout=30_000)
    expect(page.locator("#redact-actions")).to_contain_text("Covered")
    expect(page.locator("#redact-stage img")).to_be_visible()
    with page.expect_download() as download:
        link.click()
    saved = server.work / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".png"
    report = pausepost.check("", images=[saved])
    assert "security.secure-data" not in report.rules
    tab.assert_clean(server)


def test_a_file_that_is_not_a_photo_is_refused_with_the_servers_reason(
        tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(f"{server.url}/#photo")
    page.locator("#photo-input").set_input_files(
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"just some words"})
    expect(page.locator("#photo-error")).to_contain_text("not a photo or video")
    expect(page.locator("#photo-result")).to_be_hidden()


# --------------------------------------------------------------------------------------------
# 3. Audit: open an existing audit, mark a post, reload, see it kept; start a new audit.

def _open_post(page: Page, text: str) -> Any:
    return page.locator("#audit-posts > li", has_text=text)


def test_an_audit_opens_filters_and_keeps_decisions(browser: Browser, server: Server,
                                                    tabs: list[Tab]) -> None:
    tabs.append(open_tab(browser, server, "#audit", timezone_id="Asia/Tokyo"))
    page = tabs[-1].page
    page.get_by_role("button", name="Open the audit old").click()
    expect(page.locator("#audit-open-heading")).to_have_text("Audit: old")
    door = _open_post(page, "Door code for the office")
    expect(door).to_be_visible()
    expect(page.locator("#audit-posts > li")).to_have_count(2)
    # local time: 14:05 UTC is 23:05 in Tokyo
    expect(door.locator("time")).to_contain_text("23:05")
    expect(door.locator('mark[data-rule="security.secure-data"]')).to_have_text("4721#")
    link = door.get_by_role("link", name=re.compile("View on X"))
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("href", "https://x.com/jane_doe/status/1002")

    handled = door.get_by_role("button", name="Handled")
    expect(handled).to_have_attribute("aria-pressed", "false")
    handled.click()
    expect(handled).to_have_attribute("aria-pressed", "true")
    expect(door).to_contain_text("Saved: handled")

    page.locator("#filter-rule").select_option("conduct.swearing")
    expect(page.locator("#audit-posts > li")).to_have_count(1)
    expect(page.locator("#audit-posts")).to_contain_text("This f*cking rota again")
    page.locator("#filter-rule").select_option("")
    page.locator("#filter-decision").select_option("handled")
    expect(page.locator("#audit-posts > li")).to_have_count(1)

    page.reload()
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    page.get_by_role("button", name="Open the audit old").click()
    door = _open_post(page, "Door code for the office")
    expect(door.get_by_role("button", name="Handled")).to_have_attribute("aria-pressed", "true")
    expect(door.get_by_role("button", name="Keep")).to_have_attribute("aria-pressed", "false")
    tabs[-1].assert_clean(server)


def test_an_audit_started_from_an_export_runs_and_lists_its_posts(
        tab: Tab, server: Server) -> None:
    page = tab.page
    page.goto(f"{server.url}/#audit")
    page.locator("#audit-file").set_input_files(x_archive(server.work / "new-x.zip", 5))
    page.get_by_role("button", name="Start the audit").click()
    expect(page.locator("#audit-open-heading")).to_have_text("Audit: new-x.zip",
                                                             timeout=60_000)
    expect(page.locator("#audit-posts > li")).to_have_count(7)
    expect(page.locator("#audit-summary")).to_contain_text("9 posts checked, 7 risky posts")
    expect(page.locator("#audit-list")).to_contain_text("new-x.zip")
    # what no single post shows: a pattern of party-political posting, listed at the top
    expect(page.locator("#audit-history")).to_contain_text("5 party-political posts")
    page.locator("#filter-level").select_option("error")
    expect(page.locator("#audit-posts > li")).to_have_count(1)


# --------------------------------------------------------------------------------------------
# 4. Keyboard only.

def test_the_keyboard_alone_reaches_the_box_and_the_findings(tab: Tab) -> None:
    page = tab.page

    def focused() -> str:
        return str(page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a.id || (a.classList.contains('finding') ? 'finding:' + a.dataset.rule"
            " : a.tagName + ':' + (a.textContent || '').trim().slice(0, 30)); })()"))

    for _ in range(20):  # drafts on hold, if any, come before the box
        page.keyboard.press("Tab")
        if focused() == "post-text":
            break
    else:
        pytest.fail("Tab never reached the text box")
    page.keyboard.type("This f*cking rota again")
    expect(page.locator("#findings > li")).to_have_count(1)
    page.keyboard.press("Tab")
    assert focused() == "finding:conduct.swearing"
    page.keyboard.press("Shift+Tab")
    assert focused() == "post-text"
    # no trap: Tab carries on through the page to the pause button and beyond
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(focused())
        if seen[-1] == "pause-start":
            break
    assert "pause-start" in seen, seen
    assert "quote-text" in seen
    # and the sections are reachable from the nav with Enter
    page.keyboard.press("Shift+Tab")
    page.locator('a[data-nav="rules"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator("#view-rules")).to_be_visible()
    assert focused() == "rules-heading"


# --------------------------------------------------------------------------------------------
# 5. Nothing leaves the machine; no console errors (a CSP violation is one).

def test_every_view_stays_on_this_machine_without_errors(tab: Tab, server: Server) -> None:
    page = tab.page
    page.locator("#post-text").fill("Vote Labour! https://example.org/x")
    expect(page.locator("#findings > li").first).to_be_visible()
    for view in ("photo", "audit", "rules", "compose"):
        page.locator(f'a[data-nav="{view}"]').click()
        expect(page.locator(f"#view-{view}")).to_be_visible()
        expect(page.locator(f'a[data-nav="{view}"]')).to_have_attribute("aria-current", "page")
    page.locator('a[data-nav="audit"]').click()
    page.get_by_role("button", name="Open the audit old").click()
    expect(page.locator("#audit-posts > li").first).to_be_visible()
    assert tab.requests, "no requests recorded"
    tab.assert_clean(server)


# --------------------------------------------------------------------------------------------
# 6. A phone's width, and 200% zoom (a 1280-pixel window zoomed to 200% is 640 CSS pixels wide).

@pytest.mark.parametrize("size", [{"width": 360, "height": 740}, {"width": 640, "height": 450}],
                         ids=["phone-360", "zoom-200"])
def test_no_view_scrolls_sideways(browser: Browser, server: Server, tabs: list[Tab],
                                  size: dict[str, int]) -> None:
    tabs.append(open_tab(browser, server, viewport=size, device_scale_factor=2))
    page = tabs[-1].page
    long_link = "https://example.org/" + "x" * 150
    page.locator("#post-text").fill(f"Office wifi password is Welcome123 {long_link}")
    page.locator("#quote-text").fill("you idiot " + "y" * 120)
    expect(page.locator("#findings > li").first).to_be_visible()
    overflow = "document.documentElement.scrollWidth - window.innerWidth"
    assert page.evaluate(overflow) <= 0, "compose"
    for view in ("photo", "rules", "audit"):
        page.goto(f"{server.url}/#{view}")
        expect(page.locator(f"#view-{view}")).to_be_visible()
        if view == "audit":
            page.get_by_role("button", name="Open the audit old").click()
            expect(page.locator("#audit-posts > li").first).to_be_visible()
        if view == "rules":
            expect(page.locator("#political-table tbody tr").first).to_be_visible()
        assert page.evaluate(overflow) <= 0, view
    # the pause panel, and the list of drafts on hold with a long unbroken draft in it
    page.goto(f"{server.url}/#compose")
    page.locator("#post-text").fill(f"Narrow {long_link}")
    page.get_by_role("button", name="Pause before posting").click()
    expect(page.locator("#pause-waiting")).to_be_visible()
    assert page.evaluate(overflow) <= 0, "pause"
    page.locator("#pause-waiting").get_by_role("button", name="Back to writing").click()
    held = page.locator("#held-list > li", has_text="Narrow https://example.org/")
    expect(held).to_be_visible()
    assert page.evaluate(overflow) <= 0, "drafts on hold"
    held.get_by_role("button", name=re.compile("^Discard the draft")).click()
    expect(held).to_have_count(0)


# --------------------------------------------------------------------------------------------
# 7. Pause before posting: the draft is held by the server (the same drafts file as `pausepost
# pause`), while the page's clock is fast-forwarded. The server keeps real time, so its review
# says the draft is not ready yet and it refuses to release it: the page must still show the
# review when its own clock says the time is up, and show the server's refusal when copying.

def held_drafts(server: Server) -> list[dict[str, Any]]:
    """What `GET /api/drafts` lists now."""
    with urllib.request.urlopen(f"{server.url}/api/drafts", timeout=10) as answer:
        drafts: list[dict[str, Any]] = json.load(answer)
    return drafts


def held_texts(server: Server) -> list[str]:
    return [d["text"] for d in held_drafts(server)]


def test_a_paused_draft_comes_back_checked_again_and_can_be_discarded(
        browser: Browser, server: Server, tabs: list[Tab]) -> None:
    tabs.append(open_tab(browser, server, clock=True))
    page = tabs[-1].page
    text = "This f*cking rota again"
    page.locator("#post-text").fill(text)
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "pause")
    page.locator("#pause-minutes").select_option("1")
    page.get_by_role("button", name="Pause before posting").click()
    expect(page.locator("#pause-waiting")).to_be_visible()
    expect(page.locator("#compose-editor")).to_be_hidden()
    expect(page.locator("#pause-until")).to_contain_text(re.compile(r"Come back at \d\d:\d\d"))
    expect(page.locator("#pause-waiting")).to_contain_text(
        "kept on this computer, in pausepost's data folder, even if you close this page")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "paused")
    assert text in held_texts(server)  # held by the server, not by the page
    # a flagged draft is held longer than chosen (twice, or four times late at night)
    expect(page.locator("#pause-hold")).to_contain_text(
        re.compile(r"Held for [24] minutes, longer than the 1 minute you chose"))
    expect(page.locator("#pause-reasons")).to_contain_text("the check found something to review")
    expect(page.locator("#pause-left")).to_have_text(re.compile(r"^[1-4]:\d\d$"))

    page.clock.fast_forward("05:00")
    review = page.locator("#pause-review")
    expect(review).to_be_visible()
    expect(page.locator("#review-text")).to_have_text(text)
    expect(page.locator('#review-text mark[data-rule="conduct.swearing"]')).to_have_text(
        "f*cking")
    expect(page.locator("#review-changes")).to_contain_text("The same things were found")
    expect(page.locator("#review-reminder")).to_contain_text("Public: anyone can see this")
    expect(page.locator("#review-findings > li")).to_have_count(1)
    expect(page.locator("#review-imagine")).to_be_hidden()  # it speaks to nobody: nothing turned
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "pause")
    # the page's clock ran ahead of the server's: releasing it is refused, and the page says why
    copy = review.get_by_role("button", name="Copy the post")
    expect(copy).to_be_disabled()
    review.get_by_label("I have paused and reviewed this").check()
    copy.click()
    expect(review.locator('[data-role="note"]')).to_contain_text("cooling off until")
    # nothing of the draft was stored in the browser
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    review.get_by_role("button", name="Discard").click()
    expect(page.locator("#pause-panel")).to_be_hidden()
    expect(page.locator("#post-text")).to_have_value("")
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "none")
    assert text not in held_texts(server)
    tabs[-1].assert_clean(server, expected=("status of 422",))  # the refused release


def test_a_flagged_draft_shows_why_it_is_held_longer(browser: Browser, server: Server,
                                                     tabs: list[Tab]) -> None:
    tabs.append(open_tab(browser, server, clock=True))
    page = tabs[-1].page
    text = "Office wifi password is Welcome123"
    page.locator("#post-text").fill(text)
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "stop")
    page.locator("#pause-minutes").select_option("5")
    page.get_by_role("button", name="Pause before posting").click()
    expect(page.locator("#pause-hold")).to_contain_text(
        re.compile(r"Held for (15|30) minutes, longer than the 5 minutes you chose"))
    reasons = page.locator("#pause-reasons > li")
    expect(reasons.first).to_contain_text("5 minutes to start with")
    expect(page.locator("#pause-reasons")).to_contain_text(
        "×3: the check found something not to post as it is")
    stored = next(d for d in held_drafts(server) if d["text"] == text)
    expect(reasons).to_have_count(len(stored["hold_reasons"]))
    # back to writing: the draft stays on hold, listed above the box
    page.locator("#pause-waiting").get_by_role("button", name="Back to writing").click()
    expect(page.locator("#post-text")).to_be_focused()
    held = page.locator("#held-list > li", has_text=text)
    expect(held).to_contain_text(re.compile(r"Back for review at \d\d:\d\d"))
    held.get_by_role("button", name=re.compile("^Discard the draft")).click()
    expect(held).to_have_count(0)
    assert text not in held_texts(server)


def test_a_held_draft_survives_a_reload(browser: Browser, server: Server,
                                        tabs: list[Tab]) -> None:
    tabs.append(open_tab(browser, server, clock=True))
    page = tabs[-1].page
    text = "Reload me: lovely day in the office"
    page.locator("#post-text").fill(text)
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    page.locator("#pause-minutes").select_option("1")
    page.get_by_role("button", name="Pause before posting").click()
    expect(page.locator("#pause-waiting")).to_be_visible()

    page.reload()
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    expect(page.locator("#pause-panel")).to_be_hidden()
    held = page.locator("#held-list > li", has_text=text)
    expect(page.locator("#held-drafts")).to_be_visible()
    expect(held).to_contain_text(re.compile(r"Back for review at \d\d:\d\d"))
    held.get_by_role("button", name=re.compile("^Open the draft “Reload me")).click()
    # the countdown resumes where it was
    expect(page.locator("#pause-waiting")).to_be_visible()
    expect(page.locator("#pause-heading")).to_be_focused()
    expect(page.locator("#pause-until")).to_contain_text(re.compile(r"Come back at \d\d:\d\d"))
    expect(page.locator("#held-drafts")).to_be_hidden()
    page.clock.fast_forward("05:00")
    review = page.locator("#pause-review")
    expect(review).to_be_visible()
    expect(page.locator("#review-text")).to_have_text(text)
    expect(page.locator("#review-changes")).to_contain_text("Nothing was found")
    review.get_by_role("button", name="Discard").click()
    expect(page.locator("#pause-panel")).to_be_hidden()
    assert text not in held_texts(server)
    expect(page.locator("#held-list > li", has_text=text)).to_have_count(0)
    tabs[-1].assert_clean(server)


def test_a_draft_paused_from_the_command_line_is_reviewed_and_copied(
        browser: Browser, server: Server, tabs: list[Tab]) -> None:
    text = "Dave is useless"
    made = _cli(server.env, "pause", text, "--minutes", "0", "--format", "json")
    assert made.returncode in (0, 1), made.stderr
    tabs.append(open_tab(browser, server))
    page = tabs[-1].page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    held = page.locator("#held-list > li", has_text=text)
    expect(held).to_contain_text("ready to look at again")
    held.get_by_role("button", name=re.compile("^Open the draft")).click()
    review = page.locator("#pause-review")
    expect(review).to_be_visible()
    expect(page.locator("#review-text")).to_have_text(text)
    # turned towards the reader, since that differs from the words
    expect(page.locator("#review-imagine")).to_be_visible()
    expect(page.locator("#imagine-text")).to_have_text("“You are useless”")
    expect(page.locator("#imagine-prompt")).to_contain_text("Imagine someone saying this to you")
    # its time is up by the server's clock too: copying releases it from hold
    review.get_by_label("I have paused and reviewed this").check()
    review.get_by_role("button", name="Copy the post").click()
    expect(review.locator('[data-role="note"]')).to_contain_text("Copied, and no longer on hold")
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert text not in held_texts(server)
    expect(review.get_by_role("button", name="Back to writing")).to_be_hidden()
    tabs[-1].assert_clean(server)


def test_edit_after_a_pause_brings_the_draft_back(browser: Browser, server: Server,
                                                 tabs: list[Tab]) -> None:
    tabs.append(open_tab(browser, server, clock=True))
    page = tabs[-1].page
    text = "Lovely day in the office, edited after a pause"
    page.locator("#post-text").fill(text)
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    page.locator("#pause-minutes").select_option("1")
    page.get_by_role("button", name="Pause before posting").click()
    expect(page.locator("#pause-waiting")).to_be_visible()
    page.clock.fast_forward("05:00")
    expect(page.locator("#pause-review")).to_be_visible()
    expect(page.locator('[data-copy="review"] [data-role="copy"]')).to_be_enabled()
    expect(page.locator("#review-buttons-hint")).to_contain_text("takes the draft off hold")
    page.get_by_role("button", name="Edit", exact=True).click()
    expect(page.locator("#post-text")).to_have_value(text)
    expect(page.locator("#post-text")).to_be_focused()
    expect(page.locator(VERDICT)).to_have_attribute("data-verdict", "post")
    # editing took it off hold (the page asks for that just after putting the words back)
    deadline = time.monotonic() + 10
    while text in held_texts(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert text not in held_texts(server)
    tabs[-1].assert_clean(server)


# --------------------------------------------------------------------------------------------
# 8. The rules page shows every rule of the active policy pack.

def test_the_rules_page_lists_every_rule(tab: Tab, server: Server) -> None:
    listed = _cli(server.env, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rules = json.loads(listed.stdout)
    page = tab.page
    page.goto(f"{server.url}/#rules")
    articles = page.locator("#rules-list article")
    expect(articles).to_have_count(len(rules))
    for rule in rules:
        article = page.locator(f'#rules-list article[data-rule="{rule["id"]}"]')
        expect(article).to_contain_text(rule["title"])
        expect(article.locator(".rule-id")).to_have_text(rule["id"])
        for citation in rule.get("citations", [])[:1]:
            expect(article).to_contain_text(citation["source"])
    expect(page.locator("#political-table th.mine")).to_contain_text("your group")
    # a link to one rule opens the rules view at it
    page.goto(f"{server.url}/#rule-conduct.swearing")
    expect(page.locator('article[data-rule="conduct.swearing"]')).to_be_in_viewport()


# --------------------------------------------------------------------------------------------
# 9. A screenshot for the README, when asked for.

def test_screenshot_for_the_readme(tab: Tab) -> None:
    target = os.environ.get("PAUSEPOST_SCREENSHOT")
    if not target:
        pytest.skip("set PAUSEPOST_SCREENSHOT=path.png to save a screenshot of the page")
    page = tab.page
    page.locator("#post-text").fill(
        "Office wifi password is Welcome123 if anyone needs it. This f*cking rota again, "
        "whoever planned it is an idiot.")
    page.locator("#quote-text").fill("Anyone know the wifi at the Leeds office?")
    expect(page.locator("#findings > li")).to_have_count(3)
    page.locator("#findings > li").first.hover()
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=target)
