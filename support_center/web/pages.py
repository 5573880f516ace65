"""The pages' frame: one HTML layout, every text escaped, the security headers of every answer.

No inline script or style runs unless its hash is in the page's Content-Security-Policy: the
page's one style sheet and one script are constants here, hashed once."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from urllib.parse import urlencode

from aiohttp import web

from shared.protocol.queues import Language
from support_center.web.texts import LANGUAGE_NAMES, LANGUAGES

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2330}
main{max-width:36rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.5rem;margin-top:0}
label{display:block;margin-top:1rem;font-weight:600}
input,textarea{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;margin-top:.25rem}
textarea{min-height:7rem}
button,.button{display:inline-block;margin-top:1.25rem;padding:.6rem 1.4rem;font:inherit;
font-weight:600;color:#fff;background:#1565c0;border:0;border-radius:6px;text-decoration:none;
cursor:pointer}
.errors{background:#fdecea;border-left:4px solid #c62828;padding:.5rem 1rem}
.number{font-size:2.6rem;font-weight:700;letter-spacing:.08em;text-align:center;margin:.5rem 0}
.lang{text-align:right;font-size:.9rem}
.quiet{color:#555;font-size:.9rem}
"""
# Opens the installed client once the join page is shown (the button stays for a second try):
# the page stays, for the download when no client is installed.
OPEN_AT_ONCE_SCRIPT = (
    'window.addEventListener("load",function(){var open=document.getElementById("open-now");'
    "if(open){window.location.href=open.href;}});"
)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def content_security_policy(with_script: bool) -> str:
    script = _csp_hash(OPEN_AT_ONCE_SCRIPT) if with_script else "'none'"
    return (
        f"default-src 'none'; style-src {_csp_hash(STYLE)}; script-src {script}; "
        "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


# Every answer of the center (pages, downloads, the API): nothing of it may be framed, sniffed
# into another type, or tell other sites which page a customer came from. ``same-origin`` keeps
# the Referer (and a form's Origin) for the center's own pages; the Get help page's referrer is
# the referring site's to send, which this policy does not touch.
SECURITY_HEADERS = {
    "Content-Security-Policy": content_security_policy(with_script=False),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare``: set on every answer, unless the handler set its own."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)


def switch_url(path: str, language: Language, keep: dict[str, str] | None = None) -> str:
    """``path`` in the other language, with ``keep``'s query values."""
    query = {"lang": language, **(keep or {})}
    return f"{path}?{urlencode(query)}"


def render(
    language: Language,
    title: str,
    body: str,
    *,
    status: int = 200,
    switch: str | None = None,
    refresh_to: str | None = None,
    open_at_once: bool = False,
) -> web.Response:
    """A whole page. ``body`` is HTML its caller built from escaped parts; ``switch`` is this
    page in the other language (a link at the top); ``refresh_to`` starts a download at once;
    ``open_at_once`` runs the script that opens the installed client."""
    other = next(code for code in LANGUAGES if code != language)
    nav = (
        f'<nav class="lang"><a href="{escape(switch)}" hreflang="{other}" lang="{other}">'
        f"{escape(LANGUAGE_NAMES[other])}</a></nav>"
        if switch
        else ""
    )
    refresh = (
        f'<meta http-equiv="refresh" content="0; url={escape(refresh_to)}">' if refresh_to else ""
    )
    script = f"<script>{OPEN_AT_ONCE_SCRIPT}</script>" if open_at_once else ""
    page = (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>{refresh}</head>"
        f"<body><main>{nav}<h1>{escape(title)}</h1>{body}</main>{script}</body></html>"
    )
    response = web.Response(text=page, status=status, content_type="text/html", charset="utf-8")
    response.headers["Content-Security-Policy"] = content_security_policy(open_at_once)
    # Pages may carry a ticket's links or what a customer typed: kept by no cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def paragraph(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{escape(text)}</p>"


def link(href: str, text: str, css_class: str = "", element_id: str = "") -> str:
    attributes = f' class="{css_class}"' if css_class else ""
    attributes += f' id="{element_id}"' if element_id else ""
    return f'<a href="{escape(href)}"{attributes}>{escape(text)}</a>'
