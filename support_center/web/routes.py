"""The customers' web pages, registered on the center's app (one line in api.add_routes)."""

from __future__ import annotations

from aiohttp import web

from support_center.api import CONFIG
from support_center.rate_limit import FailureLimiter
from support_center.web.form_guard import FormGuard
from support_center.web.help_pages import (
    download_for_ticket,
    file_help_request,
    help_page,
    sent_page,
)
from support_center.web.join_pages import join_download, join_page
from support_center.web.pages import add_security_headers
from support_center.web.state import DOWNLOAD_LIMITER, FORM_GUARD


def add_web_routes(app: web.Application) -> None:
    config = app[CONFIG]
    app[FORM_GUARD] = FormGuard()
    app[DOWNLOAD_LIMITER] = FailureLimiter(config.max_failures, config.failure_window_s)
    app.on_response_prepare.append(add_security_headers)
    app.router.add_get("/help/download/{ticket}", download_for_ticket)
    app.router.add_get("/help/sent/{ticket}", sent_page)
    app.router.add_get("/help/{queue}", help_page)
    app.router.add_post("/help/{queue}", file_help_request)
    app.router.add_get("/j/{number}", join_page)
    app.router.add_get("/j/{number}/download", join_download)
