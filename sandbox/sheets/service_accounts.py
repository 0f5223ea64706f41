"""Service accounts at the stand-in's token endpoint: who the caller is, as Google knows it.

A service account's key signs a JWT (``iss`` = its e-mail, ``aud`` = the token URI, ``scope``,
``exp``) and google-auth posts it as ``grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer``
to ``https://oauth2.googleapis.com/token``. Google answers with an access token for that
account; a spreadsheet not shared with the account's e-mail then answers 403 from Sheets.

The stand-in checks the claims Google checks (an e-mail issuer, a scope, an audience and a
future expiry) but not the signature: it has no registry of public keys (a divergence, kept
small: a key file from ``bridge init --sandbox`` is signed for real by google-auth). The token
it hands out names the account, so ``shared_with=[e-mail]`` works as "share with this address".
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import threading
import time
from typing import Any
from urllib.parse import parse_qs

__all__ = ["JWT_BEARER", "ServiceAccounts", "fictional_key"]

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def _claims(assertion: str) -> dict[str, Any] | None:
    """The JWT's payload, or None when it is not a JWT at all."""
    parts = assertion.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode()))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None


class ServiceAccounts:
    """Tokens granted to service accounts, and the e-mail behind each (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, str] = {}

    def grant(self, raw_body: bytes) -> tuple[int, dict[str, Any]] | None:
        """Google's answer to a jwt-bearer grant, or None for any other grant (which the
        stand-in accepts as before, for tests that only need a token)."""
        form = {k: v[0] for k, v in parse_qs(raw_body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != JWT_BEARER:
            return None
        claims = _claims(form.get("assertion", ""))
        if claims is None:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT."}
        iss, exp = claims.get("iss"), claims.get("exp")
        if not isinstance(iss, str) or "@" not in iss:
            return 400, {"error": "invalid_grant", "error_description": "Invalid issuer."}
        if not claims.get("scope") or not claims.get("aud"):
            return 400, {"error": "invalid_scope", "error_description": "No scope or audience."}
        if not isinstance(exp, (int, float)) or exp < time.time():
            return 400, {
                "error": "invalid_grant",
                "error_description": "Invalid JWT: Token must be a short-lived token",
            }
        token = "ya29.sandbox-" + secrets.token_urlsafe(16)
        with self._lock:
            self._tokens[token] = iss
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def email(self, token: str) -> str | None:
        """The service account a granted token speaks for."""
        with self._lock:
            return self._tokens.get(token)


def fictional_key(email: str = "bridge@bridge-sandbox.iam.gserviceaccount.com") -> dict[str, str]:
    """A service-account key file as Google Cloud's "Create key → JSON" gives it, with a fresh
    RSA key (so google-auth signs its grant for real) and the real token URI (the local Google
    session sends it to the stand-in)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    project = email.split("@", 1)[1].split(".", 1)[0]
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": secrets.token_hex(20),
        "private_key": pem,
        "client_email": email,
        "client_id": str(secrets.randbelow(10**20)),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
        + email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }
