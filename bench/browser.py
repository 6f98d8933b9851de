"""
A signed-in curator's browser without a browser: cookies and CSRF tokens
over urllib, for the stack test (tests/production/test_stack.py) and
bench_admin_import.py, which drive the admin's import pages.
"""

import http.cookiejar
import re
import urllib.request
import uuid


class Browser:
    """Cookies and CSRF tokens, as a browser keeps them (plain HTTP: DJANGO_HTTPS=0)."""

    def __init__(self, url, timeout=30):
        self.url = url
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        # The address the last request ended at, after any redirect.
        self.location = None

    def open(self, path, data=None, content_type=None):
        request = urllib.request.Request(self.url + path, data=data)
        if content_type:
            request.add_header("Content-Type", content_type)
        with self.opener.open(request, timeout=self.timeout) as response:
            self.location = response.url
            return response.read().decode()

    def post(self, path, page, fields, files=None):
        """Submit ``fields`` (and ``files``) with the CSRF token of ``page``."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": token, **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.open(path, body, f"multipart/form-data; boundary={boundary}")

    def sign_in(self, username, password):
        login = self.open("/admin/login/")
        return self.post(
            "/admin/login/?next=/admin/",
            login,
            {"username": username, "password": password, "next": "/admin/"},
        )


def hidden_inputs(page):
    """The hidden fields of ``page``'s form but its CSRF token, which ``post`` adds."""
    return {
        name: value
        for name, value in re.findall(
            r'type="hidden" name="([^"]+)" value="([^"]*)"', page
        )
        if name != "csrfmiddlewaretoken"
    }
