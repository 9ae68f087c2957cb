"""A small client of Chatwoot's application API (`/api/v1/accounts/{account}/…`).

The access token travels only in the `api_access_token` header: it is never part of a URL,
a repr, an exception message or a log line (httpx logs request lines, not headers). Every
failure is one of the typed errors below, so callers decide by kind, not by parsing text:

- `Unauthorized` (401): the token was refused; retrying cannot help.
- `NotFound` (404): the account, inbox or conversation does not exist there.
- `RateLimited` (429): wait `retry_after` seconds (the server's `Retry-After`).
- `ServerError` (5xx), `TimedOut`, `Unreachable`: transient, retry with backoff.
  `uncertain` tells whether the request may have reached the server and acted anyway
  (a timeout after sending, a 5xx): before sending a message again, look first.

One `ChatwootClient` keeps its connections open (httpx's pool) and is safe to share between
threads; tests pass `transport` to talk to something other than the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.i18n import _

if TYPE_CHECKING:
    import httpx

PAGE_SIZE = 25  # Chatwoot's conversation list pages (ConversationFinder)
DEFAULT_TIMEOUT = 15.0
CONNECT_TIMEOUT = 5.0
DEFAULT_RETRY_AFTER = 30.0  # a 429 without a usable Retry-After header
OPEN_STATUSES = ("open", "pending", "snoozed")


class ChatwootError(Exception):
    """A request that did not succeed. `str()` is Portuguese and never holds the token."""

    transient = False  # retrying later may succeed
    uncertain = False  # the server may have acted although we saw a failure

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Unauthorized(ChatwootError):
    pass


class NotFound(ChatwootError):
    pass


class BadResponse(ChatwootError):
    """An answer that is not what Chatwoot's API defines (a proxy page, a 4xx we do not
    expect): not retried, told as it is."""


class RateLimited(ChatwootError):
    transient = True

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, 429)
        self.retry_after = retry_after


class ServerError(ChatwootError):
    transient = True
    uncertain = True


class TimedOut(ChatwootError):
    transient = True
    uncertain = True


class Unreachable(ChatwootError):
    """Nothing reached the server (DNS, refused connection, connect timeout, TLS)."""

    transient = True


def parse_retry_after(value: str | None, now: datetime | None = None) -> float:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date."""
    if not value:
        return DEFAULT_RETRY_AFTER
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # 8 modules, for a header servers seldom send as a date

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class ChatwootClient:
    """The requests Atende makes to one Chatwoot account."""

    def __init__(
        self,
        base_url: str,
        account_id: int,
        token: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        max_connections: int = 10,
    ) -> None:
        # httpx (with ssl, certifi, h11, email…) loads with the first client: a desk with no
        # Chatwoot connection, and `atende --help`, never pay for it (bench/memory.py).
        global httpx  # noqa: PLW0603 - the module-wide name the methods below use
        import httpx

        self.base_url = base_url.rstrip("/")
        self.account_id = int(account_id)
        self._http = httpx.Client(
            base_url=f"{self.base_url}/api/v1/accounts/{self.account_id}",
            headers={"api_access_token": token, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
            transport=transport,
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            follow_redirects=False,  # a redirect could carry the token to another host
        )

    def __repr__(self) -> str:
        return f"ChatwootClient({self.base_url!r}, account={self.account_id})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatwootClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests ------------------------------------------------------------------------

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON answer of `method path` (relative to the account), or a typed error."""
        try:
            response = self._http.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as exc:
            raise Unreachable(_unreachable_message(self.base_url, exc)) from None
        except httpx.TimeoutException:
            raise TimedOut(
                _("Chatwoot at {url} did not answer in time.").format(url=self.base_url)
            ) from None
        except httpx.TransportError:
            # The connection broke while the request was out: it may have been applied.
            raise TimedOut(
                _("The connection to Chatwoot at {url} was interrupted.").format(url=self.base_url)
            ) from None
        return self._answer(response)

    def _answer(self, response: httpx.Response) -> Any:
        status = response.status_code
        if status == 401:
            raise Unauthorized(_("Chatwoot refused the access token."), 401)
        if status == 404:
            raise NotFound(_("Chatwoot answered that this does not exist (404)."), 404)
        if status == 429:
            wait = parse_retry_after(response.headers.get("Retry-After"))
            raise RateLimited(
                _("Chatwoot asked to wait {seconds} s before the next request.").format(
                    seconds=round(wait)
                ),
                wait,
            )
        if status >= 500:
            raise ServerError(
                _("Chatwoot had an internal error (HTTP {status}).").format(status=status), status
            )
        if status >= 300:
            raise BadResponse(
                _("Chatwoot answered with HTTP {status}.").format(status=status), status
            )
        try:
            return response.json()
        except ValueError:
            raise BadResponse(
                _("The answer from {url} is not Chatwoot's (not JSON).").format(url=self.base_url),
                status,
            ) from None

    # --- the API (shapes of Chatwoot's jbuilder views) -----------------------------------

    def account(self) -> dict[str, Any]:
        """`GET /api/v1/accounts/{id}`: name, `auto_resolve_duration`, `settings`."""
        # An absolute URL: httpx would add a trailing slash to the bare base URL.
        return self.request("GET", f"{self.base_url}/api/v1/accounts/{self.account_id}")

    def inbox(self, inbox_id: int) -> dict[str, Any]:
        return self.request("GET", f"/inboxes/{int(inbox_id)}")

    def agent_bots(self) -> list[dict[str, Any]]:
        return self.request("GET", "/agent_bots")

    def conversations_page(
        self, inbox_id: int, status: str, page: int
    ) -> tuple[list[dict[str, Any]], int | None]:
        """One page (25) of the inbox's conversations with `status`, last activity first,
        and `meta.all_count` (how many match in all)."""
        answer = self.request(
            "GET",
            "/conversations",
            params={"inbox_id": int(inbox_id), "status": status, "page": page},
        )
        count = (answer["data"].get("meta") or {}).get("all_count")
        return list(answer["data"]["payload"]), count if isinstance(count, int) else None

    def conversations(self, inbox_id: int, status: str) -> Iterator[dict[str, Any]]:
        """Every conversation of the inbox with `status`, page by page: until a short page, or
        the page that reaches the first page's `all_count` (no empty page after a full one)."""
        page = 1
        while True:
            payload, count = self.conversations_page(inbox_id, status, page)
            yield from payload
            if page == 1:
                total = count
            if len(payload) < PAGE_SIZE or (total is not None and page * PAGE_SIZE >= total):
                return
            page += 1

    def conversation(self, conversation_id: int) -> dict[str, Any]:
        return self.request("GET", f"/conversations/{int(conversation_id)}")

    def messages(self, conversation_id: int) -> list[dict[str, Any]]:
        """The conversation's newest messages (Chatwoot sends the last 20), oldest first."""
        answer = self.request("GET", f"/conversations/{int(conversation_id)}/messages")
        return list(answer["payload"])

    def send_message(self, conversation_id: int, content: str) -> dict[str, Any]:
        return self.request(
            "POST",
            f"/conversations/{int(conversation_id)}/messages",
            json={"content": content, "message_type": "outgoing", "private": False},
        )

    def resolve(self, conversation_id: int) -> dict[str, Any]:
        answer = self.request(
            "POST",
            f"/conversations/{int(conversation_id)}/toggle_status",
            json={"status": "resolved"},
        )
        return answer["payload"]

    def canned_responses(self) -> list[dict[str, Any]]:
        return self.request("GET", "/canned_responses")

    def create_canned_response(self, short_code: str, content: str) -> dict[str, Any]:
        body = {"canned_response": {"short_code": short_code, "content": content}}
        return self.request("POST", "/canned_responses", json=body)

    def update_canned_response(self, response_id: int, short_code: str, content: str) -> Any:
        body = {"canned_response": {"short_code": short_code, "content": content}}
        return self.request("PATCH", f"/canned_responses/{int(response_id)}", json=body)


def _unreachable_message(url: str, exc: Exception) -> str:
    if isinstance(exc, httpx.UnsupportedProtocol):
        return _("{url} is not an http:// or https:// address.").format(url=url)
    return _("Could not reach Chatwoot at {url}: check the address and the network.").format(
        url=url
    )
