"""Which serviceUrl an activity may name: the host the bot will fetch members from and reply to.

The serviceUrl comes in the activity body. A valid channel token binds it (the `serviceurl` claim), but
Emulator and skill tokens carry no such claim and Emulator mode has no token at all, so the host is
checked on its own before any member lookup, reply or stored conversation reference. Whoever answers at
that host decides which e-mail the bot believes, so an unknown host is never asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.exposure import is_loopback_host, is_loopback_url

if TYPE_CHECKING:
    from bot.settings import Settings

BOT_FRAMEWORK_HOSTS = ("smba.trafficmanager.net", "*.botframework.com")
"""Teams' Connector (all public regions) and the Bot Framework channels' own hosts."""


@dataclass(frozen=True)
class ServiceUrlPolicy:
    emulator: bool
    hosts: tuple[str, ...] = BOT_FRAMEWORK_HOSTS

    @classmethod
    def from_settings(cls, settings: Settings) -> ServiceUrlPolicy:
        """Emulator mode without an app id; otherwise the Bot Framework hosts plus the configured ones."""
        extra = tuple(h.strip().lower() for h in settings.teams_service_hosts.split(",") if h.strip())
        return cls(emulator=not settings.microsoft_app_id, hosts=BOT_FRAMEWORK_HOSTS + extra)

    def allows(self, url: str | None) -> bool:
        if self.emulator:
            return is_loopback_url(url)
        try:
            parts = urlsplit(url or "")
            host = (parts.hostname or "").lower()
        except ValueError:
            return False
        secure = parts.scheme == "https" or (parts.scheme == "http" and is_loopback_host(host))
        return secure and bool(host) and any(_matches(host, pattern) for pattern in self.hosts)


def _matches(host: str, pattern: str) -> bool:
    """`*.example.com` matches any subdomain (not example.com itself); anything else matches exactly."""
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and host != pattern[2:]
    return host == pattern
