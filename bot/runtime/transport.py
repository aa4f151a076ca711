"""HTTP transports for PTB: its default httpx one, or aiohttp (`[telegram] http_client`).

`AiohttpRequest` is a `telegram.request.BaseRequest` on an `aiohttp.ClientSession`. Against a
local Bot API it sends several times more requests per second than PTB's httpx transport
(whose connection pool becomes the bottleneck at high concurrency), which matters for the
nightly wave of reminders. It behaves like `HTTPXRequest` where the bot can tell:

- timeouts per call (read/write/connect/pool), PTB's defaults otherwise;
- uploads (sendPhoto, sendDocument, ...) as multipart/form-data, other calls as a form;
- errors: any timeout -> `telegram.error.TimedOut` (the request may have reached Telegram),
  any other transport failure -> `telegram.error.NetworkError`.

aiohttp has no separate write timeout: the write time is part of an overall ceiling (the sum
of the four timeouts), so a stalled upload still ends in TimedOut.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import urlencode, urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from aiohttp.payload import BytesPayload
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

HttpClient = Literal["httpx", "aiohttp"]

_DEFAULT = type(BaseRequest.DEFAULT_NONE)


class AiohttpRequest(BaseRequest):
    """PTB's HTTP seam on aiohttp. One instance per use (PTB needs one for getUpdates and
    one for everything else); create it anywhere, `initialize()` it inside the event loop."""

    __slots__ = (
        "_connect_timeout",
        "_connections",
        "_media_write_timeout",
        "_pool_timeout",
        "_proxies",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 1,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._connections = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    @property
    def connection_pool_size(self) -> int:
        return self._connections

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    def _timeout(
        self,
        read: Any,
        write: Any,
        connect: Any,
        pool: Any,
        *,
        files: bool,
    ) -> aiohttp.ClientTimeout:
        if isinstance(read, _DEFAULT):
            read = self._read_timeout
        if isinstance(write, _DEFAULT):
            write = self._media_write_timeout if files else self._write_timeout
        if isinstance(connect, _DEFAULT):
            connect = self._connect_timeout
        if isinstance(pool, _DEFAULT):
            pool = self._pool_timeout
        parts = (read, write, connect, pool)
        total = None if any(p is None for p in parts) else sum(parts)
        # aiohttp's `connect` covers waiting for a pooled connection plus connecting.
        acquire = None if connect is None or pool is None else connect + pool
        return aiohttp.ClientTimeout(
            total=total, connect=acquire, sock_connect=connect, sock_read=read
        )

    def _proxy(self, url: str) -> str | None:
        """The environment's proxy for the URL's origin (HTTPS_PROXY, NO_PROXY & co., as httpx
        honours them), looked up once per origin. aiohttp's own `trust_env` would look it up,
        and read ~/.netrc, in a worker thread on every request."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            bypass = proxy_bypass(parts.hostname or "")
            self._proxies[origin] = None if bypass else getproxies().get(parts.scheme)
        return self._proxies[origin]

    @staticmethod
    def _body(request_data: RequestData | None) -> aiohttp.FormData | BytesPayload | None:
        if request_data is None:
            return None
        if not request_data.contains_files:
            # The bytes aiohttp sends for a dict (FormData's urlencoded form), made directly:
            # FormData also built a multipart writer with a uuid4 boundary for every request.
            form = urlencode(request_data.json_parameters).encode()
            return BytesPayload(form, content_type="application/x-www-form-urlencoded")
        form = aiohttp.FormData()
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
        for name, (filename, content, mime_type) in request_data.multipart_data.items():
            form.add_field(name, content, filename=filename, content_type=mime_type)
        return form

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data is not None and request_data.contains_files)
        timeout = self._timeout(
            read_timeout, write_timeout, connect_timeout, pool_timeout, files=files
        )
        try:
            async with self._session.request(
                method,
                url,
                data=self._body(request_data),
                timeout=timeout,
                proxy=self._proxy(url),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # before ClientError: some are both
            raise TimedOut(f"aiohttp.{type(error).__name__}: {error}") from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def make_request(
    client: HttpClient,
    *,
    connection_pool_size: int,
    timeout: float,
    read_timeout: float | None = None,
) -> BaseRequest:
    """One transport instance with the bot's pool size and timeouts."""
    read = timeout if read_timeout is None else read_timeout
    if client == "aiohttp":
        return AiohttpRequest(
            connection_pool_size,
            read_timeout=read,
            write_timeout=timeout,
            connect_timeout=timeout,
            pool_timeout=timeout,
        )
    return HTTPXRequest(
        connection_pool_size=connection_pool_size,
        read_timeout=read,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
    )
