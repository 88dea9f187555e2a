"""Helpers of the portal, audit and sign-off tests: invite a vendor, open the portal as
that vendor (its own client), fill the downloaded template, move a deadline."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl  # type: ignore[import-untyped]
from fastapi.testclient import TestClient

from cscost.store.portal import Invitation
from tests.web.conftest import Web, csrf_of

RATE = 987.65
"""A distinctive hourly rate: its text must not reach any member before opening."""
SEALED_NAME = "Zephyrine Sealed Services"
"""The vendor's name inside its workbook (members see only the invited name)."""
INCLUDED = (
    "setup", "training", "technology", "telephony", "night-surcharge", "weekend-surcharge",
    "holiday-surcharge", "language-surcharge", "management", "reporting", "integration",
)  # fmt: skip


def later(days: float = 3) -> str:
    """An ISO time ``days`` from now (UTC)."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).isoformat()


def invite(
    web: Web, headers: dict[str, str], project: int, name: str = "Acme Outsourcing"
) -> tuple[int, str]:
    """A new invitation's id and token (through the API)."""
    answer = web.client.post(
        f"/api/projects/{project}/invitations",
        json={"vendor_name": name, "email": "sales@acme.example", "deadline": later()},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["link"].endswith(f"/portal/{body['token']}")
    return int(body["id"]), str(body["token"])


def vendor(web: Web, token: str) -> tuple[TestClient, str]:
    """A browser of its own that opened the portal with ``token``, and its CSRF token."""
    client = TestClient(web.app, base_url="http://testserver")
    csrf = csrf_of(client, f"/portal/{token}")
    answer = client.post(f"/portal/{token}", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client, csrf


def filled(template: bytes, rate: float = RATE) -> bytes:
    """The downloaded (English) template filled in: ``rate`` per productive hour."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    pricing = book["Pricing"]
    rows = {pricing[f"A{r}"].value: r for r in range(5, 60)}
    pricing[f"D{rows['labour-1']}"] = "charged"
    pricing[f"E{rows['labour-1']}"] = rate
    pricing[f"F{rows['labour-1']}"] = "per productive hour"
    for key in INCLUDED:
        pricing[f"D{rows[key]}"] = "included"
    terms = book["Terms"]
    terms["B4"] = SEALED_NAME
    for row in (9, 10, 12, 14, 15):
        terms[f"C{row}"] = "none"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload_quote(client: TestClient, csrf: str, invitation: int, data: bytes) -> int:
    """Upload a workbook through the portal; the answer's status."""
    answer = client.post(
        f"/portal/invitations/{invitation}/quote?lang=en",
        files={"file": ("quote.xlsx", data, "application/octet-stream")},
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    return answer.status_code


def quoted(web: Web, token: str, invitation: int, rate: float = RATE) -> TestClient:
    """The vendor's browser after uploading a filled template with ``rate``."""
    client, csrf = vendor(web, token)
    template = client.get(f"/portal/invitations/{invitation}/template/en")
    assert template.status_code == 200
    assert upload_quote(client, csrf, invitation, filled(template.content, rate)) == 303
    return client


def past_deadline(web: Web, invitation: int) -> None:
    """Move the invitation's deadline an hour into the past."""
    with web.app.state.store.session() as session:
        found = session.get(Invitation, invitation)
        assert found is not None
        found.deadline = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        session.commit()


def issues(html: str) -> list[str]:
    """The issue texts of a page."""
    return re.findall(r'<li class="issue">(.*?)</li>', html, re.S)
