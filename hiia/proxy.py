"""Who is asking, as seen through the nginx in front (``deploy/nginx.conf``).

Behind nginx every request comes from the loopback address, so login
throttling would lock out everyone at once; nginx passes the reader's own
address in X-Real-IP, which is believed only from a proxy on this machine.
"""

import ipaddress


def client_ip(request):
    """The reader's address: X-Real-IP from a local proxy, else the peer's."""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    try:
        from_local_proxy = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        from_local_proxy = False
    return forwarded if forwarded and from_local_proxy else peer
