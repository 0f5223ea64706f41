"""The Zetkin token pair kept in the ledger, encrypted, so every worker shares one pair.

A refresh by one process is seen by the next; the pair is never written anywhere else.
"""

from __future__ import annotations

from typing import Any

from connectors.zetkin import TokenPair

__all__ = ["TOKEN_KEY", "LedgerTokenStore"]

# The ledger key the Zetkin token pair is stored under (one Zetkin account per installation).
TOKEN_KEY = "zetkin"


class LedgerTokenStore:
    """A :class:`connectors.zetkin.TokenStore` backed by the ledger's encrypted token table."""

    def __init__(self, ledger: Any, fernet_key: str, key: str = TOKEN_KEY) -> None:
        self.ledger = ledger
        self.key = key
        self._fernet_key = fernet_key

    def get(self) -> TokenPair | None:
        stored = self.ledger.get_token(self.key, self._fernet_key)
        return TokenPair.from_dict(dict(stored.payload)) if stored is not None else None

    def put(self, pair: TokenPair) -> None:
        self.ledger.put_token(self.key, pair.to_dict(), self._fernet_key, pair.expires_at)
