"""The pages in a real browser: Debian's chromium, headless, driven by Playwright (its Python
wheel carries its own driver; the browser is the system one, never a downloaded build).

Every annotation of the gold seed must be an element that is visible and that a click, at a
point inside its first line box, makes the details panel show. A hostile article must render
its markup as text and run none of it. Screenshots are taken at desktop and phone width."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, SEED_ID
from newsanno.corpus import load_document
from newsanno.model import Document
from newsanno.viewer.site import write_page, write_site
from test_viewer_render import EVALUATION, hostile_doc

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's `chromium` package (.ci/run does)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # passed as --user-data-dir
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport=DESKTOP,
        )
        yield context
        context.close()


class Visit:
    """A page opened from a file, recording dialogs, errors and every request it makes."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int] = DESKTOP) -> None:
        self.page = browser.new_page()
        self.page.set_viewport_size(viewport)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())

    def text(self) -> str:
        return self.page.evaluate("document.getElementById('doc').textContent")

    def shows_after_click(self, ann_id: str) -> bool:
        """Click inside the first line box of the annotation's first element; True when the
        details card of that annotation is then visible."""
        element = self.page.locator(f'#doc [data-ann="{ann_id}"]').first
        point = element.evaluate(
            """e => { if (!e.checkVisibility({visibilityProperty: true})) return null;
                      const r = e.getClientRects()[0], b = e.getBoundingClientRect();
                      return {x: r.left - b.left + 2, y: r.top - b.top + r.height / 2}; }"""
        )
        assert point is not None, f"{ann_id} is not visible"
        element.click(position=point, timeout=5000)
        return self.page.evaluate(
            """id => { const c = document.querySelector(`#cards [data-detail="${id}"]`);
                       return !!c && c.checkVisibility() && c.innerText.includes(id); }""",
            ann_id,
        )

    def unclickable(self, ids: list[str]) -> list[str]:
        """The ids of ``ids`` whose details a real mouse click does not show.

        With the viewport as tall as the page nothing scrolls, so the click points are read in
        one call; the browser then hit-tests each click itself, and a listener records which
        cards were shown after the page's own handler ran (one call instead of several per
        annotation: the same check in a fraction of the time)."""
        height = self.page.evaluate("document.documentElement.scrollHeight")
        self.page.set_viewport_size({"width": DESKTOP["width"], "height": height})
        points = self.page.evaluate(
            """ids => ids.map(id => {
                 const e = document.querySelector(`#doc [data-ann="${id}"]`);
                 if (!e || !e.checkVisibility({visibilityProperty: true})) return null;
                 const r = e.getClientRects()[0];
                 return {x: r.left + 2, y: r.top + r.height / 2};
               })""",
            ids,
        )
        self.page.evaluate(
            """() => { window.shownAfterClick = [];
                 document.addEventListener("click", () => window.shownAfterClick.push(
                   [...document.querySelectorAll("#cards [data-detail]")]
                     .filter(c => c.checkVisibility()).map(c => c.dataset.detail))); }"""
        )
        clicked = [ann_id for ann_id, p in zip(ids, points, strict=True) if p is not None]
        for p in points:
            if p is not None:
                self.page.mouse.click(p["x"], p["y"])
        shown = self.page.evaluate("window.shownAfterClick")
        self.page.set_viewport_size(DESKTOP)
        assert len(shown) == len(clicked)
        missed = [
            ann_id for ann_id, cards in zip(clicked, shown, strict=True) if ann_id not in cards
        ]
        return [ann_id for ann_id, p in zip(ids, points, strict=True) if p is None] + missed

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        data = self.page.screenshot(path=str(path), full_page=full_page)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        return data

    def close(self) -> None:
        self.page.close()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR: bytes 16-24, big-endian)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def all_ids(doc: Document) -> list[str]:
    layers = (doc.zones, doc.entities, doc.quotes, doc.claims, doc.dates)
    return [a.id for layer in layers for a in layer]


@pytest.fixture(scope="module")
def seed() -> Document:
    loaded = load_document(CORPUS / "annotations" / f"{SEED_ID}.json")
    assert loaded.document is not None, loaded.problems
    return loaded.document


def test_seed_every_annotation_is_present_visible_and_clickable(
    browser: Any, seed: Document, tmp_path: Path
) -> None:
    visit = Visit(browser, write_page(seed, tmp_path / "seed.html"))
    shot = visit.screenshot(tmp_path / "seed.png")
    assert png_size(shot) == (1280, 900)
    assert visit.text() == seed.text
    ids = all_ids(seed)
    assert len(ids) == 17 + 55 + 17 + 20 + 4  # zones, entities, quotes, claims, dates
    assert visit.unclickable(ids) == []
    assert visit.errors == [] and visit.dialogs == []
    assert visit.requests == [(tmp_path / "seed.html").as_uri()]  # nothing fetched
    visit.close()


def test_links_in_the_details_go_to_their_target(
    browser: Any, seed: Document, tmp_path: Path
) -> None:
    visit = Visit(browser, write_page(seed, tmp_path / "seed.html"))
    page = visit.page
    assert visit.shows_after_click("c12")  # "monstrous forgery" claim denies c7 and c8
    page.locator('#doc .rel[data-for="c12"][data-goto="c8"]').click()  # the chip in the text
    assert page.locator('#cards [data-detail="c8"]').is_visible()
    assert visit.shows_after_click("c12")
    page.locator('#cards [data-detail="c12"] a[data-goto="c7"]').click()  # the link in the card
    assert page.locator('#cards [data-detail="c7"]').is_visible()
    assert not page.locator('#cards [data-detail="c12"]').is_visible()
    assert page.locator('#doc [data-ann="c7"].sel').count() >= 1
    page.locator('#doc .arrow[data-for="q12"]').click()  # the arrow goes to Peskov
    card = page.locator('#cards [data-detail="m36"]')
    assert card.is_visible() and "Dmitry Peskov" in card.inner_text()
    visit.close()


def test_link_to_an_annotation_and_hide_a_layer(
    browser: Any, seed: Document, tmp_path: Path
) -> None:
    path = write_page(seed, tmp_path / "seed.html")
    page = browser.new_page()
    page.goto(path.as_uri() + "#ann-t3")  # "Tuesday", resolved to 2022-04-05
    card = page.locator('#cards [data-detail="t3"]')
    assert card.is_visible() and "2022-04-05" in card.inner_text()
    t2 = page.locator('#doc [data-ann="t2"]')  # "Wednesday"
    t2.hover()
    assert t2.evaluate("e => getComputedStyle(e, '::after').content") == '"2022-04-06"'
    background = "e => getComputedStyle(e).backgroundColor"
    m1 = page.locator('#doc [data-ann="m1"]')
    assert m1.evaluate(background) != "rgba(0, 0, 0, 0)"
    page.locator('input[data-layer="entities"]').uncheck()
    assert m1.evaluate(background) == "rgba(0, 0, 0, 0)"
    page.close()


def test_seed_reads_on_a_phone(browser: Any, seed: Document, tmp_path: Path) -> None:
    visit = Visit(browser, write_page(seed, tmp_path / "seed.html"), PHONE)
    page = visit.page
    assert png_size(visit.screenshot(tmp_path / "phone.png")) == (390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert visit.shows_after_click("m14")
    box = page.locator('#cards [data-detail="m14"]').bounding_box()
    assert box is not None and box["y"] + 20 < PHONE["height"]  # the sheet is on screen
    visit.screenshot(tmp_path / "phone-selected.png")
    visit.close()


def test_hostile_article_renders_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    doc = hostile_doc()
    visit = Visit(browser, write_page(doc, tmp_path / "hostile.html"))
    page = visit.page
    visit.screenshot(tmp_path / "hostile.png", full_page=True)
    assert visit.text() == doc.text
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert visit.dialogs == []
    assert page.title() == doc.meta.title
    assert page.locator("#doc script, #doc img, header svg").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert visit.unclickable(all_ids(doc)) == []
    assert page.evaluate("typeof window.pwned") == "undefined" and visit.dialogs == []
    visit.close()


def test_report_page_on_desktop_and_phone(browser: Any, small_corpus: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(EVALUATION), encoding="utf-8")
    from newsanno.viewer.report import read_evaluation

    site = write_site(small_corpus, tmp_path / "site", read_evaluation(results))
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        visit = Visit(browser, site.out / "report.html", viewport)
        visit.screenshot(tmp_path / f"report-{name}.png", full_page=True)
        assert visit.page.locator("svg.chart").count() == 6
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert visit.errors == []
        visit.close()
