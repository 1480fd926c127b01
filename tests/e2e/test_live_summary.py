"""The youth worker downloads a live session's PDF summary from the console: the link sits
beside CSV and XLSX, and the file is a real PDF with the session's figures. axe-core checks
the console; screenshots land in test-artifacts/."""

import io
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import PHONE, AxeChecker
from tests.e2e.test_walking_skeleton import SLOW, log_in

CODE = "FIKA42"


def test_youth_worker_downloads_the_pdf_summary_from_the_console(
    browser: Any, demo_server: str, axe: AxeChecker, shoot: Any, tmp_path: Path
) -> None:
    context = browser.new_context(**PHONE, accept_downloads=True)
    console = context.new_page()
    log_in(console, demo_server, "ungdom", axe)
    console.goto(f"{demo_server}/console/{CODE}")
    downloads = console.get_by_role("region", name="Ladda ner resultatet")
    links = downloads.get_by_role("link")
    expect(links).to_have_text(["CSV-fil", "Excel-fil", "PDF-sammanfattning"])
    expect(downloads.get_by_text("Bara godkända texter följer med")).to_be_visible()
    axe.check(console, "console: downloads")
    downloads.scroll_into_view_if_needed()
    shoot(console, "live-console-downloads-360")
    console.set_viewport_size({"width": 320, "height": 720})
    shoot(console, "live-console-downloads-320")
    console.set_viewport_size({"width": 1280, "height": 800})
    shoot(console, "live-console-downloads-1280")

    with console.expect_download(timeout=SLOW) as info:
        downloads.get_by_role("link", name="PDF-sammanfattning").click()
    download = info.value
    assert download.suggested_filename.startswith(f"rostrum-{CODE}-")
    assert download.suggested_filename.endswith(".pdf")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Sammanfattning av liveträff" in text
    assert f"Kod {CODE}" in text
    assert "Sida 1 /" in text
    context.close()
