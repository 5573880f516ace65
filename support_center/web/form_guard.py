"""The Get help form's guard against cross-site posts: the page sets a random cookie, and the
form carries a token derived from it with the center's key. Another site can make a browser
post the form, but cannot read or set that cookie (``SameSite=Lax`` keeps it off cross-site
posts), so its post carries no matching pair. A post whose ``Origin`` is another site is
refused as well."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from aiohttp import web

COOKIE = "tandem-help-form"
# The cookie's random part: 128 bits, URL-safe.
COOKIE_BYTES = 16
# A customer fills the form within a working day; a cookie past it asks for the form again.
COOKIE_MAX_AGE_S = 12 * 3600


class FormGuard:
    def __init__(self, key: bytes | None = None) -> None:
        # A new key per run of the center: a form opened before a restart is sent again once.
        self._key = key or secrets.token_bytes(32)

    def token_for(self, cookie: str) -> str:
        return hmac.new(self._key, cookie.encode(), hashlib.sha256).hexdigest()

    def cookie_of(self, request: web.Request) -> str | None:
        value = request.cookies.get(COOKIE)
        return value if value and len(value) <= 64 and value.isascii() else None

    def cookie_for_page(self, request: web.Request) -> str:
        """The cookie a page about to be shown will set (the browser's own, or a new one)."""
        return self.cookie_of(request) or secrets.token_urlsafe(COOKIE_BYTES)

    def set_cookie(self, response: web.StreamResponse, cookie: str) -> None:
        response.set_cookie(
            COOKIE,
            cookie,
            max_age=COOKIE_MAX_AGE_S,
            path="/help",
            secure=True,
            httponly=True,
            samesite="Lax",
        )

    def allows(self, request: web.Request, token: str) -> bool:
        """Whether a post comes from this center's own form in this browser."""
        origin = request.headers.get("Origin")
        # Another site's, or "null" (a sandboxed frame, a file): not this center's own page.
        if origin is not None and urlsplit(origin).netloc != request.host:
            return False
        cookie = self.cookie_of(request)
        return cookie is not None and hmac.compare_digest(token, self.token_for(cookie))
