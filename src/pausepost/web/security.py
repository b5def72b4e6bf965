"""The local web app's guard: only this machine's browser, talking to this page, may use it.

One pure ASGI middleware, in front of every route, so no route can forget a check:

- the Host header must name the loopback address the server listens on (a page on another
  site that re-points its own domain at 127.0.0.1, "DNS rebinding", sends its own name);
- a request that changes anything (POST, PUT, PATCH, DELETE) must carry the per-process token
  that only the page served from here knows, and must not come from another origin;
- request bodies must declare their length, which must be within the route's limit;
- every response carries a strict Content-Security-Policy and its companion headers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_HEADER = "x-pausepost-token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

# Nothing from anywhere but this server: no CDN, no web fonts, no frames, no plug-ins. Photos
# the person picks are shown from blob: URLs made in the page itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
# Form encodings a page on another site can send without asking first; the API never takes them.
_ANY_PATH = re.compile(".*")
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded", "text/plain")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values this server answers: the bound address, and its loopback names
    when it is bound to loopback."""
    names = {f"[{host}]" if ":" in host and not host.startswith("[") else host}
    if host in {"127.0.0.1", "localhost", "::1", "[::1]"}:
        names.update(LOOPBACK_NAMES)
    values = {f"{name}:{port}" for name in names}
    if port == 80:
        values.update(names)
    return frozenset(values)


@dataclass
class BodyLimit:
    """The largest body accepted on routes whose path matches `pattern`."""

    pattern: re.Pattern[str]
    max_bytes: int
    kind: str  # "json": application/json only; "file": a file's raw bytes


@dataclass
class GuardSettings:
    hosts: frozenset[str]
    token: str
    limits: list[BodyLimit] = field(default_factory=list)
    default_limit: int = 64 * 1024


def _json_error(status: int, message: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = json.dumps({"error": message}).encode()
    return status, [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())], body


class LocalGuard:
    """ASGI middleware applying the rules in this module's docstring."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings
        self.origins = frozenset(f"http://{h}" for h in settings.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _send_plain(send, *_json_error(*refusal))
            return
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _route(self, path: str) -> BodyLimit:
        """The body rules for a path: its own, else the default (JSON, small)."""
        for item in self.settings.limits:
            if item.pattern.fullmatch(path):
                return item
        return BodyLimit(_ANY_PATH, self.settings.default_limit, "json")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if headers.get("host", "") not in self.settings.hosts:
            return 421, ("this pausepost server only answers requests addressed to "
                         + ", ".join(sorted(self.settings.hosts)))
        method = scope["method"]
        if method not in UNSAFE_METHODS:
            return None
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return 403, "requests from other sites are refused"
        if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
            return 403, "requests from other sites are refused"
        if headers.get(TOKEN_HEADER) != self.settings.token:
            return 403, (f"missing or wrong {TOKEN_HEADER} header: use the page, or the token "
                         "`pausepost serve` printed")
        # The declared length is checked before a byte is read; the HTTP server then holds the
        # client to it. Browsers always declare it for the bodies this page sends.
        declared = headers.get("content-length")
        if declared is None:
            if "transfer-encoding" in headers:  # a streamed body of unknown length
                return 411, "declare the body's length (Content-Length)"
        elif not declared.isdigit():
            return 400, "bad Content-Length header"
        route = self._route(scope["path"])
        if declared is not None and int(declared) > route.max_bytes:
            return 413, _too_large(route.max_bytes)
        if not int(declared or 0):
            return None  # no body: nothing to type-check
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if route.kind == "json" and method != "DELETE" and ctype != "application/json":
            return 415, f"send JSON (Content-Type: application/json), not {ctype or 'nothing'}"
        if route.kind == "file" and ctype in _FORM_TYPES:
            return 415, ("send the file's own bytes as the request body (for example "
                         "Content-Type: application/octet-stream), not a form")
        return None


def _too_large(limit: int) -> str:
    size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} KB"
    return f"the request is too large: the limit here is {size}"


async def _send_plain(send: Send, status: int, headers: Iterable[tuple[bytes, bytes]],
                      body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [*headers, *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})
