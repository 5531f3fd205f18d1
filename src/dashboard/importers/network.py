"""HTTP with retries, through a replaceable transport (tests pass a fake one).

The response is streamed into a file with a size limit; transient failures (connection
errors, time-outs, HTTP 429 and 5xx) are retried with exponential backoff. Messages
never contain request headers, so an API key sent in a header cannot leak into them;
`redact` removes a secret from any text as a second guard.
"""

from __future__ import annotations

import http.client
import socket
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from dashboard import danish
from dashboard.importers.progress import Progress

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
CHUNK = 64 * 1024
USER_AGENT = "noegletal-dashboard/0.1 (import)"


@dataclass
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    timeout: float = 60.0

    def __repr__(self) -> str:  # never show header values (the API key travels in one)
        return f"HttpRequest({self.method} {self.url})"


@dataclass
class HttpResponse:
    status: int
    chunks: Iterator[bytes]
    length: int | None = None


class Transport(Protocol):
    def __call__(self, request: HttpRequest) -> HttpResponse: ...


class FetchFailed(Exception):
    """The data could not be fetched; the message is Danish and safe to show."""

    def __init__(self, message: str, status: int | None = None, body: bytes = b"") -> None:
        super().__init__(message)
        self.status, self.body = status, body


def urllib_transport(request: HttpRequest) -> HttpResponse:
    """The real transport: urllib from the standard library."""
    req = urllib.request.Request(
        request.url, data=request.body, method=request.method, headers={"User-Agent": USER_AGENT, **request.headers}
    )
    try:
        resp = urllib.request.urlopen(req, timeout=request.timeout)
    except urllib.error.HTTPError as exc:
        body = exc.read() if exc.fp else b""
        return HttpResponse(exc.code, iter([body]), len(body))

    def chunks() -> Iterator[bytes]:
        with resp:
            while block := resp.read(CHUNK):
                yield block

    length = resp.headers.get("Content-Length")
    return HttpResponse(resp.status, chunks(), int(length) if length and length.isdigit() else None)


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        return f"ingen forbindelse ({reason})"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "serveren svarede ikke i tide"
    if isinstance(exc, http.client.IncompleteRead):
        return "forbindelsen blev afbrudt midt i svaret"
    return f"netværksfejl ({type(exc).__name__}: {exc})"


def download(
    request: HttpRequest,
    dest: Path,
    *,
    service: str,
    transport: Transport = urllib_transport,
    max_bytes: int,
    attempts: int = 4,
    backoff: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
    secret: str | None = None,
) -> int:
    """Fetch into `dest`; return the HTTP status of the final answer (2xx).

    Raises FetchFailed after the last attempt, or at once for a non-transient answer
    (its body is kept on the exception for the caller to explain).
    """
    last = ""
    for attempt in range(1, attempts + 1):
        try:
            response = transport(request)
            if response.status in TRANSIENT_STATUS:
                body = b"".join(response.chunks)[:2000]
                last = f"HTTP {response.status}"
                raise _Transient(last, body)
            if not 200 <= response.status < 300:
                body = b"".join(response.chunks)[: 64 * 1024]
                raise FetchFailed(f"{service} svarede HTTP {response.status}", response.status, body)
            progress = Progress(f"Henter fra {service}", total=response.length, unit="byte")
            size = 0
            with dest.open("wb") as fh:
                for block in response.chunks:
                    size += len(block)
                    if size > max_bytes:
                        raise FetchFailed(
                            f"svaret fra {service} er større end grænsen på {danish.number(max_bytes / 1e6)} MB "
                            "(DASHBOARD_IMPORT_MAX_MB); hent færre områder eller perioder ad gangen"
                        )
                    fh.write(block)
                    progress.advance(len(block))
            progress.finish(f"{danish.number(size / 1e3)} kB")
            return response.status
        except FetchFailed:
            raise
        except _Transient as exc:
            last = str(exc)
        except (OSError, http.client.HTTPException) as exc:
            last = describe(exc)
        if attempt < attempts:
            wait = backoff * 2 ** (attempt - 1)
            print(
                redact(
                    f"{service}: {last} – prøver igen om {danish.number(wait)} s (forsøg {attempt + 1} af {attempts})",
                    secret,
                ),
                file=sys.stderr,
            )
            sleep(wait)
    raise FetchFailed(redact(f"kunne ikke hente data fra {service} efter {attempts} forsøg: {last}", secret))


class _Transient(Exception):
    def __init__(self, message: str, body: bytes = b"") -> None:
        super().__init__(message)
        self.body = body
