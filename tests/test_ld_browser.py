"""The pages in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright against
`diplograph serve`. Screenshots of every step go to tests/artifacts/ (not committed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import require
from .server_fixtures import Server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Chromium, headless; the test is skipped (failed in CI) when it or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "Playwright for Python is not installed (pip install -e '.[test]')")
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, ld_server: Server, request: pytest.FixtureRequest) -> Iterator:
    """A fresh tab on the server; every request it makes is recorded (none may leave the server)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=ld_server.url)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.requested = []
    tab.on("request", lambda r: tab.requested.append(r.url))
    yield tab
    outside = [u for u in tab.requested if not u.startswith((ld_server.url, "data:"))]
    context.close()
    assert outside == [], "a page fetched something from outside the server"


def shot(page, name: str) -> None:
    """Save a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def from_the_actor_to_the_quote(page, prefix: str) -> None:
    """On Fradkov's page: his visit, the MOUs signed during it, the paragraph that says so, its quote marked."""
    from playwright.sync_api import expect

    expect(page.locator("h1")).to_have_text("Mikhail Fradkov")
    shot(page, f"{prefix}-actor-fradkov")
    page.locator("#events").get_by_role("link", name=re.compile("official visit to Japan")).first.click()
    expect(page.locator("h1")).to_contain_text("Fradkov's official visit to Japan")
    shot(page, f"{prefix}-event-visit")
    signed = page.locator("section", has=page.locator("h2", has_text="Instruments signed during this event"))
    expect(signed.locator("ul.facts > li > a.value", has_text=re.compile("^MOU"))).to_have_count(3)
    jetro = signed.locator("ul.facts > li", has_text="MOU to promote business between JETRO")
    quote = jetro.locator(".src q").first.inner_text().strip("“”")
    jetro.locator("a.para-link").first.click()
    expect(page).to_have_url(re.compile(r"/doc/07TOKYO1267/p/11\?focus=\d+-\d+#span-\d+-\d+$"))
    focused = page.locator("#text mark.focus")
    expect(focused.first).to_be_visible()
    expect(focused.first).to_be_in_viewport()
    assert "".join(focused.all_inner_texts()) == quote
    shot(page, f"{prefix}-paragraph-quote-highlighted")


def test_from_fradkov_to_the_mous_of_his_visit_to_the_quote_with_clicks_alone(page) -> None:
    page.goto("/")
    shot(page, "a1-landing")
    page.get_by_role("link", name="Index", exact=True).click()
    page.locator("#people").get_by_role("link", name="Mikhail Fradkov", exact=True).click()
    from_the_actor_to_the_quote(page, "a2")


def test_from_a_search_for_fradkov_to_the_quote(page) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.locator("#browse input[name=q]").fill("Fradkov")
    page.locator("#browse button").click()
    expect(page).to_have_url(re.compile(r"/search\?q=Fradkov"))
    shot(page, "b1-search-fradkov")
    page.get_by_role("link", name="Mikhail Fradkov", exact=True).click()
    from_the_actor_to_the_quote(page, "b2")


@pytest.mark.parametrize("name, path, heading", [
    ("actor", "/person/kazuhiko-nakamura", "Kazuhiko Nakamura"),
    ("event", "/event/putin-koizumi-meeting-2006-07", "Putin-Koizumi meeting"),
    ("agreement", "/agreement/meti-medt-trade-investment-mou-2007", "MOU on expanding trade"),
    ("project", "/project/espo-pipeline", "Eastern Siberia-Pacific Ocean Oil Pipeline"),
    ("document", "/doc/06TOKYO3797", "06TOKYO3797"),
    ("paragraph", "/doc/06TOKYO3797/p/5", "06TOKYO3797 ¶5"),
    ("claim", "/claim/07TOKYO1267/p11-jetro-rspp-mou", "Claim: p11-jetro-rspp-mou"),
    ("ontology", "/ontology", "The diplograph ontology"),
    ("timeline", "/timeline", "Timeline"),
    ("network", "/network", "Who met whom"),
])
def test_each_page_type_opens(page, name: str, path: str, heading: str) -> None:
    from playwright.sync_api import expect

    response = page.goto(path)
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(heading)
    shot(page, f"page-{name}")


def test_follow_a_fact_from_an_agreement_to_its_paragraph(page) -> None:
    from playwright.sync_api import expect

    page.goto("/agreement/meti-medt-trade-investment-mou-2007")
    signatories = page.locator("section", has=page.locator("h2", has_text="Signatories"))
    signatories.locator("a.para-link").first.click()
    expect(page.locator("h1")).to_contain_text("07TOKYO1267 ¶12")
    expect(page.locator("#text mark.focus").first).to_be_in_viewport()
    assert "signed by Russian Trade Representative" in "".join(page.locator("#text mark.focus").all_inner_texts())
    page.locator("#text mark.focus a").first.click()  # the quote leads on to its claim
    expect(page.locator("h1")).to_contain_text("Claim:")
    shot(page, "fact-to-paragraph-to-claim")


def test_run_an_example_query_and_read_the_table(page) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_role("link", name="Query page").click()
    page.get_by_role("link", name=re.compile("Which agreements were signed during")).click()
    rows = page.locator("#result-table tbody tr")
    expect(rows).to_have_count(9)
    cells = page.locator("#result-table tbody tr").filter(has_text="JETRO").first.locator("td").all_inner_texts()
    assert cells[1:4] == ["memorandum of understanding", "signed", "Kazuhiko Nakamura"]
    shot(page, "query-example")
    editor = page.locator("textarea#query")
    editor.fill("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "SELECT ?name WHERE { <https://w3id.org/diplograph/person/sergey-lavrov> skos:prefLabel ?name }")
    editor.press("Control+Enter")
    expect(page.locator("#result-table tbody td")).to_have_text(["Sergey Lavrov"])


def test_search_for_a_name_from_any_page(page) -> None:
    from playwright.sync_api import expect

    page.goto("/timeline")
    page.locator("header input[name=q]").fill("Lavrov")
    page.locator("header input[name=q]").press("Enter")
    expect(page.locator("#things a.hit").first).to_have_text("Sergey Lavrov")
    page.locator("#things a.hit").first.click()
    expect(page.locator("h1")).to_have_text("Sergey Lavrov")
    expect(page.locator("#said")).to_contain_text("What Sergey Lavrov said")
    shot(page, "search-lavrov")


def test_timeline_and_network_are_clickable(page) -> None:
    from playwright.sync_api import expect

    page.goto("/timeline")
    assert page.locator("svg#timeline a.bar").count() > 30
    page.locator("svg#timeline a.bar[href='/event/fradkov-visit-japan-2007-02']").click()
    expect(page.locator("h1")).to_contain_text("Fradkov's official visit")
    page.goto("/network")
    page.locator("svg#network a.node[href='/person/shinzo-abe']").click()
    expect(page.locator("h1")).to_have_text("Shinzo Abe")
