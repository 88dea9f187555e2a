"""The routers of working together (issue 17): the vendor portal, invitations and the
opening of sealed quotes, members, the history (audit trail) and sign-off."""

from __future__ import annotations

from fastapi import APIRouter

from cscost.web import history, invitation_routes, members, portal, signoff

ROUTERS: tuple[APIRouter, ...] = (
    portal.router,
    invitation_routes.router,
    members.router,
    history.router,
    signoff.router,
)
