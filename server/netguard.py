"""Where a SERVICE call may connect: public addresses, or exactly what the operator allowlisted.

An allowlisted endpoint can still redirect us, or its name can resolve (or be re-pointed) to an
address inside our network: loopback, private, link-local (cloud metadata at 169.254.169.254) or
unique-local. Every connection, the first and each redirect, resolves the host, checks every address
it resolves to, and then connects to the very address it checked, so a second DNS answer cannot
slip in between the check and the connection.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv6 spelling of an IPv4 address (RFC 6052)


class Refused(Exception):
    """A connection the policy forbids; the message says which URL and why."""


@dataclass(frozen=True)
class Target:
    """A URL cleared for one connection: its parts and the address to connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local, reserved or multicast."""
    inner = embedded_ipv4(ip)
    if inner is not None and not is_public(inner):
        return False
    return ip.is_global and not ip.is_multicast


def kind(ip: IPAddress) -> str:
    """What sort of non-public address this is, for the error message."""
    ip = embedded_ipv4(ip) or ip
    for name, test in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast)):
        if test:
            return name
    if isinstance(ip, ipaddress.IPv6Address) and ip in ipaddress.ip_network("fc00::/7"):
        return "unique-local"
    return "private" if ip.is_private else "reserved"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address a host name (or literal) resolves to, for TCP."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host}: {exc.strerror}") from None
    # getaddrinfo gives IPv6 addresses with a %scope suffix for link-local ones.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def clear(url: str, allowlist: frozenset[str] | set[str]) -> Target:
    """Check one connection to `url`: http(s) only; a non-public address only if `url` is exactly allowlisted."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"<{url}> is not an http or https URL")
    if parts.username or parts.password:
        raise Refused(f"<{url}> carries credentials; SERVICE URLs may not")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(f"<{url}> has an invalid port") from None
    addresses = resolve(parts.hostname, port)
    private = [ip for ip in addresses if not is_public(ip)]
    if private and url not in allowlist:
        raise Refused(f"<{url}> resolves to the {kind(private[0])} address {private[0]}; an endpoint inside "
                      "the network is called only when its exact URL is on the SERVICE allowlist")
    if not addresses:
        raise OSError(f"cannot resolve {parts.hostname}")
    return Target(url, parts.scheme, parts.hostname, port, str(addresses[0]))
