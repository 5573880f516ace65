"""What the web pages keep in the center's app."""

from __future__ import annotations

from aiohttp import web

from support_center.rate_limit import FailureLimiter
from support_center.web.form_guard import FormGuard

FORM_GUARD: web.AppKey[FormGuard] = web.AppKey("web_form_guard", FormGuard)
# Download links with a ticket the center does not know, per address (a ticket is 192 random
# bits: not guessable, but each try costs a lookup).
DOWNLOAD_LIMITER: web.AppKey[FailureLimiter] = web.AppKey("web_download_failures", FailureLimiter)
