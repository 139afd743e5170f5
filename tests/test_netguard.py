"""The address policy of SERVICE calls, as a table: which addresses count as inside the network."""

from __future__ import annotations

import ipaddress

import pytest

from diplograph.server.netguard import Refused, clear, is_public, kind

INSIDE = [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.0.1", "private"), ("172.31.255.254", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("fd00::1", "unique-local"),
    ("fc00::5", "unique-local"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("64:ff9b::a9fe:a9fe", "link-local"),
    ("2002:7f00:1::", "loopback"), ("100.64.0.1", "reserved"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address, expected", INSIDE)
def test_inside_the_network(address: str, expected: str) -> None:
    ip = ipaddress.ip_address(address)
    assert not is_public(ip) and kind(ip) == expected


@pytest.mark.parametrize("address", PUBLIC)
def test_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("url", ["http://10.0.0.1/sparql", "http://[::1]:7878/query", "http://localhost/sparql",
                                 "http://2130706433/", "http://0x7f.1/", "https://169.254.169.254/"])
def test_inside_urls_are_refused_unless_exactly_allowlisted(url: str) -> None:
    with pytest.raises(Refused, match="exact URL is on the SERVICE allowlist"):
        clear(url, {url + "/other", url.upper()})
    assert clear(url, {url}).url == url


@pytest.mark.parametrize("url, message", [
    ("ftp://example.org/sparql", "not an http or https URL"),
    ("file:///etc/passwd", "not an http or https URL"),
    ("http://user:secret@8.8.8.8/sparql", "carries credentials"),
    ("http://8.8.8.8:99999/sparql", "invalid port"),
])
def test_other_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(Refused, match=message):
        clear(url, {url})


def test_a_public_address_is_cleared_and_pinned() -> None:
    target = clear("https://8.8.8.8:8443/sparql?x=1", set())
    assert (target.scheme, target.host, target.port, target.address) == ("https", "8.8.8.8", 8443, "8.8.8.8")
