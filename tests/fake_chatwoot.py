"""A fake Chatwoot: a real HTTP server on 127.0.0.1 whose JSON follows Chatwoot's API
definition (swagger/ and the jbuilder views: `_conversation`, messages `index`, `toggle_status`,
conversations `index` with `data.meta`/`data.payload` and 25 per page).

Switches for faults: `fail(status, times, path=…)` answers the next matching requests with
that status (429 with `Retry-After`); `apply_then_fail(…)` does the work then answers 500
(an uncertain failure); `hang(path, times)` never answers those requests until the server
stops (a timeout); `before(path, action)` runs `action` before a matching request is handled
(a customer reply arriving between the list and the action). `requests` counts requests per
(method, path). Use the `fake_chatwoot` fixture (import it into the test module).
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from app.core.storage.models import AutoCloseSettings
from tests.fake_chatwoot_api import ACCOUNT_ID, INBOX_ID, PAGE_SIZE, START, TOKEN, ChatwootApi

__all__ = ["ACCOUNT_ID", "INBOX_ID", "PAGE_SIZE", "START", "TOKEN", "FakeChatwoot"]


@dataclass
class Fault:
    status: int
    times: int
    path: re.Pattern[str]
    apply_first: bool = False
    retry_after: str | None = None


class FakeChatwoot(ChatwootApi):
    def __init__(self, latency: float = 0.0) -> None:
        super().__init__()
        self.requests: Counter[tuple[str, str]] = Counter()
        self.connections = 0  # TCP connections accepted (connection reuse)
        self.faults: list[Fault] = []
        self.hooks: list[tuple[re.Pattern[str], re.Pattern[str], Callable[[], None]]] = []
        self.after_hooks: list[tuple[re.Pattern[str], Callable[[], None]]] = []
        self.latency = latency  # the benchmark's slow server
        self.released = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeChatwoot:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    # --- switches ------------------------------------------------------------------------

    def fail(self, status: int, times: int = 1, path: str = ".*", retry_after: str | None = None):
        self.faults.append(Fault(status, times, re.compile(path), retry_after=retry_after))

    def apply_then_fail(self, path: str, times: int = 1, status: int = 500) -> None:
        self.faults.append(Fault(status, times, re.compile(path), apply_first=True))

    def hang(self, path: str, times: int = 1) -> None:
        self.faults.append(Fault(0, times, re.compile(path)))

    def before(self, path: str, action: Callable[[], None], query: str = "") -> None:
        """Run `action` once, before the first request whose path (and query) matches."""
        self.hooks.append((re.compile(path), re.compile(query), action))

    def after(self, path: str, action: Callable[[], None]) -> None:
        """Run `action` once, after the first request whose path matches was applied and
        before its answer is sent (e.g. kill the client there)."""
        self.after_hooks.append((re.compile(path), action))

    def count(self, method: str, pattern: str = ".*") -> int:
        return sum(
            n for (m, p), n in self.requests.items() if m == method and re.search(pattern, p)
        )


def _handler(fake: FakeChatwoot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the client reuses its connections
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stalls

        def log_message(self, *args: Any) -> None:  # quiet test output
            pass

        def setup(self) -> None:
            super().setup()
            with fake.lock:
                fake.connections += 1

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else {}
            with fake.lock:
                fake.requests[(method, parts.path)] += 1
                hooks = [
                    h for h in fake.hooks if h[0].search(parts.path) and h[1].search(parts.query)
                ]
                for hook in hooks:
                    fake.hooks.remove(hook)
            for _path, _query, action in hooks:
                action()
            if fake.latency:  # a slow server; a stopping one answers at once
                fake.released.wait(fake.latency)
            fault = self._fault(parts.path)
            if fault is not None and fault.status == 0:
                fake.released.wait(30)
                return
            if self.headers.get("api_access_token") != TOKEN:
                return self._send(401, {"errors": ["Invalid Access Token"]})
            if fault is not None and not fault.apply_first:
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                return self._send(fault.status, {"error": "fault"}, headers)
            with fake.lock:
                status, answer = fake.route(method, parts.path, parse_qs(parts.query), body)
                after = [h for h in fake.after_hooks if h[0].search(parts.path)]
                for hook in after:
                    fake.after_hooks.remove(hook)
            for _path, action in after:
                action()
            if fault is not None:
                return self._send(fault.status, {"error": "fault after applying"})
            self._send(status, answer)

        def _fault(self, path: str) -> Fault | None:
            with fake.lock:
                for fault in fake.faults:
                    if fault.times > 0 and fault.path.search(path):
                        fault.times -= 1
                        return fault
            return None

        def _send(self, status: int, answer: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

    return Handler


def enable_auto_close(instance_id: int, closing_message: str, timeout_minutes: int = 60) -> None:
    """Atende's side: auto-close on for every assignment, with a closing message."""
    AutoCloseSettings.insert(
        instance=instance_id,
        enabled=True,
        timeout_minutes=timeout_minutes,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=True,
        closing_message=closing_message,
    ).execute()


@pytest.fixture
def fake_chatwoot():
    fake = FakeChatwoot().start()
    yield fake
    fake.stop()
