"""Voting-code slips."""

from api.polls.documents import voting_slips_html, voting_slips_pdf


def test_every_slip_has_its_code_and_a_qr_code_that_opens_the_poll() -> None:
    codes = ["ABCDE-FGH23", "KLMNP-QRS45", "TUVWX-YZ234"]
    html = voting_slips_html(codes=codes, poll_title="Budget <2027>", poll_url="https://x.se/p/7")
    assert html.count('class="slip"') == 3
    assert all(code in html for code in codes)
    assert html.count("<svg") == 3
    assert "Budget &lt;2027&gt;" in html
    assert voting_slips_pdf(codes=codes, poll_title="B", poll_url="https://x.se/p/7").startswith(
        b"%PDF"
    )
