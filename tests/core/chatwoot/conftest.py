"""The fake Chatwoot server for every test here."""

from tests.fake_chatwoot import fake_chatwoot  # noqa: F401 (a fixture)
