"""Which `Host` values name a server of deck's (`deck serve`, `deck share`): its own address, this
machine's names on every address, loopback's names on loopback, and names given with --allow-host.
Anything else is DNS rebinding, and is refused."""

from __future__ import annotations

import ipaddress
import re
import socket

WILDCARDS = ("0.0.0.0", "::", "")


def machine_names() -> set[str]:
    """This machine's host name and the addresses it resolves to (from the system's own tables)."""
    names = {socket.gethostname()}
    try:
        names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return {name for name in names if name}


def allowed_hosts(host: str, port: int, extra: tuple[str, ...] = ()) -> set[str]:
    """The Host header values that name this server: its address (on every address, this machine's names
    and addresses, and loopback), and the names given with --allow-host."""
    names = {host, *extra}
    if host in WILDCARDS:
        names |= {"localhost", "127.0.0.1", "::1", *machine_names()}
    try:
        if ipaddress.ip_address(host).is_loopback:
            names |= {"localhost", "127.0.0.1", "::1"}
    except ValueError:
        if host == "localhost":
            names |= {"127.0.0.1", "::1"}
    found = set()
    for name in names - set(WILDCARDS):
        shown = f"[{name}]" if ":" in name else name
        found |= {shown.lower(), f"{shown}:{port}".lower()}
    return found


HOST = re.compile(r"[a-z0-9.-]+(?::\d{1,5})?|\[[0-9a-f:.]+\](?::\d{1,5})?")  # a name or an address, and a port
