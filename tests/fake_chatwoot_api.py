"""The fake Chatwoot's data and the JSON of its views (Chatwoot's swagger/ and jbuilder:
`_conversation`, messages `index`, `toggle_status`, conversations `index` with
`data.meta`/`data.payload` and 25 per page, canned responses, agent bots, account)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

TOKEN = "tok-3f9a-secret"
ACCOUNT_ID = 7
INBOX_ID = 3
PAGE_SIZE = 25
START = 1_741_780_000  # epoch seconds the fake's messages start from


@dataclass
class State:
    account: dict[str, Any] = field(
        default_factory=lambda: {
            "id": ACCOUNT_ID,
            "name": "Loja Centro",
            "locale": "pt_BR",
            "auto_resolve_duration": None,
            "settings": {"auto_resolve_after": None, "auto_resolve_message": ""},
        }
    )
    inboxes: dict[int, dict[str, Any]] = field(
        default_factory=lambda: {
            INBOX_ID: {"id": INBOX_ID, "name": "WhatsApp Loja", "channel_type": "Channel::Api"}
        }
    )
    agent_bots: list[dict[str, Any]] = field(
        default_factory=lambda: [{"id": 1, "name": "Robô Loja", "bot_type": "webhook"}]
    )
    conversations: dict[int, dict[str, Any]] = field(default_factory=dict)
    canned: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_message_id: int = 1
    clock: int = START


class ChatwootApi:
    """What the fake server knows and answers, without the HTTP."""

    def __init__(self) -> None:
        self.state = State()
        self.lock = threading.RLock()

    # --- data ----------------------------------------------------------------------------

    def tick(self) -> int:
        with self.lock:
            self.state.clock += 1
            return self.state.clock

    def add_conversation(
        self,
        conversation_id: int,
        *,
        status: str = "open",
        name: str = "Maria Souza",
        phone: str | None = "+5511987654321",
        assignee: str | None = "Ana",
        inbox_id: int = INBOX_ID,
        can_reply: bool = True,
        custom_attributes: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        with self.lock:
            conversation = {
                "id": conversation_id,
                "status": status,
                "inbox_id": inbox_id,
                "can_reply": can_reply,
                "custom_attributes": custom_attributes or {},
                "sender": {"id": conversation_id, "name": name, "phone_number": phone},
                "assignee": assignee,
                "messages": [],
                "last_activity_at": self.tick(),
                "created_at": self.state.clock,
            }
            self.state.conversations[conversation_id] = conversation
            return conversation

    def add_message(
        self,
        conversation_id: int,
        content: str,
        message_type: int,
        *,
        private: bool = False,
        sender: dict[str, Any] | None = None,
        at: int | None = None,
    ) -> dict[str, Any]:
        with self.lock:
            conversation = self.state.conversations[conversation_id]
            at = self.tick() if at is None else at
            message = {
                "id": self.state.next_message_id,
                "content": content,
                "inbox_id": conversation["inbox_id"],
                "conversation_id": conversation_id,
                "message_type": message_type,
                "content_type": "text",
                "content_attributes": {},
                "created_at": at,
                "private": private,
                "source_id": None,
                "sender": sender,
            }
            self.state.next_message_id += 1
            conversation["messages"].append(message)
            conversation["last_activity_at"] = max(conversation["last_activity_at"], at)
            if message_type == 0 and conversation["status"] in ("resolved", "snoozed"):
                conversation["status"] = "open"  # a customer reply reopens it, as in Chatwoot
            return message

    def add_waiting_conversation(self, conversation_id: int, name: str) -> None:
        """Assigned by an agent, the customer wrote, the agent answered last: a chat the
        due rule closes once its time limit passes."""
        self.add_conversation(conversation_id, name=name)
        self.add_message(conversation_id, "Assigned to Ana by João", 2)
        self.add_message(conversation_id, "Olá", 0)
        self.add_message(conversation_id, "Posso ajudar em algo mais?", 1)

    def sent(self, conversation_id: int) -> list[str]:
        """The outgoing, public messages of a conversation (what the customer got)."""
        return [
            m["content"]
            for m in self.state.conversations[conversation_id]["messages"]
            if m["message_type"] == 1 and not m["private"]
        ]

    # --- JSON of the views ---------------------------------------------------------------

    def conversation_json(self, c: dict[str, Any]) -> dict[str, Any]:
        assignee = c["assignee"]
        last = c["messages"][-1:] if c["messages"] else []
        return {
            "meta": {
                "sender": {
                    "id": c["sender"]["id"],
                    "name": c["sender"]["name"],
                    "phone_number": c["sender"]["phone_number"],
                    "type": "contact",
                },
                "channel": "Channel::Api",
                **(
                    {"assignee": {"id": 1, "name": assignee, "available_name": assignee}}
                    if assignee
                    else {}
                ),
                "hmac_verified": False,
            },
            "id": c["id"],
            "messages": last,
            "account_id": ACCOUNT_ID,
            "uuid": f"00000000-0000-0000-0000-{c['id']:012d}",
            "additional_attributes": {},
            "agent_last_seen_at": 0,
            "assignee_last_seen_at": 0,
            "can_reply": c["can_reply"],
            "contact_last_seen_at": 0,
            "custom_attributes": c["custom_attributes"],
            "inbox_id": c["inbox_id"],
            "labels": [],
            "muted": False,
            "snoozed_until": None,
            "status": c["status"],
            "created_at": c["created_at"],
            "timestamp": c["last_activity_at"],
            "first_reply_created_at": 0,
            "unread_count": 0,
            "last_non_activity_message": next(
                (m for m in reversed(c["messages"]) if m["message_type"] != 2), None
            ),
            "last_activity_at": c["last_activity_at"],
            "priority": None,
            "waiting_since": 0,
            "sla_policy_id": None,
        }

    def route(self, method: str, path: str, query: dict[str, list[str]], body: Any):
        prefix = f"/api/v1/accounts/{ACCOUNT_ID}"
        if not path.startswith(prefix):
            return 404, {"error": "Resource could not be found"}
        rest = path[len(prefix) :]
        s = self.state
        if method == "GET" and rest == "":
            return 200, s.account
        if m := re.fullmatch(r"/inboxes/(\d+)", rest):
            inbox = s.inboxes.get(int(m[1]))
            return (200, inbox) if inbox else (404, {"error": "Resource could not be found"})
        if rest == "/agent_bots":
            return 200, s.agent_bots
        if rest == "/conversations" and method == "GET":
            return 200, self._list(query)
        if m := re.fullmatch(r"/conversations/(\d+)(/messages|/toggle_status)?", rest):
            c = s.conversations.get(int(m[1]))
            if c is None:
                return 404, {"error": "Resource could not be found"}
            return self._conversation_action(method, m[2], c, body)
        if rest == "/canned_responses" and method == "GET":
            return 200, sorted(s.canned.values(), key=lambda r: r["id"])
        if rest == "/canned_responses" and method == "POST":
            new_id = max(s.canned, default=0) + 1
            s.canned[new_id] = {"id": new_id, "account_id": ACCOUNT_ID, **body["canned_response"]}
            return 200, s.canned[new_id]
        if m := re.fullmatch(r"/canned_responses/(\d+)", rest):
            if int(m[1]) not in s.canned:
                return 404, {"error": "Resource could not be found"}
            s.canned[int(m[1])].update(body["canned_response"])
            return 200, s.canned[int(m[1])]
        return 404, {"error": "Resource could not be found"}

    def _list(self, query: dict[str, list[str]]) -> dict[str, Any]:
        status = query.get("status", ["open"])[0]
        inbox = query.get("inbox_id", [None])[0]
        page = int(query.get("page", ["1"])[0])
        chosen = [
            c
            for c in self.state.conversations.values()
            if (status == "all" or c["status"] == status)
            and (inbox is None or c["inbox_id"] == int(inbox))
        ]
        chosen.sort(key=lambda c: (-c["last_activity_at"], -c["id"]))
        assigned = sum(1 for c in chosen if c["assignee"])
        meta = {
            "mine_count": 0,
            "assigned_count": assigned,
            "unassigned_count": len(chosen) - assigned,
            "all_count": len(chosen),
        }
        window = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return {"data": {"meta": meta, "payload": [self.conversation_json(c) for c in window]}}

    def _conversation_action(self, method, action, c, body):
        if action is None:
            return 200, self.conversation_json(c)
        if action == "/messages" and method == "GET":
            meta = {"labels": [], "additional_attributes": {}, "contact_id": c["sender"]["id"]}
            return 200, {"meta": meta, "payload": c["messages"][-20:]}
        if action == "/messages":
            private = bool(body.get("private"))
            kind = {"outgoing": 1, "incoming": 0}.get(body.get("message_type", "outgoing"), 1)
            return 200, self.add_message(
                c["id"],
                body["content"],
                kind,
                private=private,
                sender={"id": 1, "name": "Atende", "type": "user"},
            )
        c["status"] = body.get("status", "open" if c["status"] != "open" else "resolved")
        c["last_activity_at"] = self.tick()
        return 200, {
            "meta": {},
            "payload": {"success": True, "conversation_id": c["id"], "current_status": c["status"]},
        }
