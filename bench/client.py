"""A browser's worth of HTTP for the bench: one keep-alive connection, its cookies, and the forms
of the pages it reads (http.client from the standard library: no dependency)."""

from __future__ import annotations

import http.client
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

Fields = dict[str, str | list[str]]  # a name given several values (a multiple select) has a list


class UnexpectedStatus(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def expect(self, *statuses: int) -> Response:
        if self.status not in statuses:
            raise UnexpectedStatus(f"status {self.status}, expected {statuses}")
        return self


class Client:
    """One clinician's browser: requests go out one at a time over one kept-alive connection."""

    def __init__(self, host: str, port: int, *, timeout: float = 30) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: Fields | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # once more on a fresh connection if the server closed the old one
            connection = self._connected()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                response = Response(answer.status, answer.headers, answer.read())
            except (http.client.HTTPException, OSError) as error:
                self.close()
                stale = isinstance(
                    error, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError
                )
                if attempt == 2 or not stale:
                    raise
                continue
            if answer.will_close:
                self.close()
            break
        self._keep_cookies(response.headers)
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: Fields) -> Response:
        return self.request("POST", path, form)

    def form(self, page: str, action: str) -> Fields:
        """The fields of the form posting to ``action`` on ``page``, as a browser would send
        them; raises KeyError when the page has no such form."""
        return forms_of(self.get(page).expect(200).text, page)[action]

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connected(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        return self._connection

    def _keep_cookies(self, headers: http.client.HTTPMessage) -> None:
        for header in headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def sign_in(client: Client, email: str, password: str) -> Response:
    """Through the real form: read it (the CSRF token), post it, expect the redirect."""
    fields = client.form("/login", "/login") | {"email": email, "password": password}
    return client.post("/login", fields).expect(302)


@dataclass
class _Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The successful controls of each form (HTML's form submission algorithm, the parts the
    app's forms use: inputs, checked boxes, selected options, text areas; no submit buttons)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._multiple = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(_Form(attributes.get("action", "")))
            return
        if tag == "option" and self._select is not None:
            self._option(attributes)
            return
        if not self.forms or "name" not in attributes or "disabled" in attributes:
            return
        fields, name = self.forms[-1].fields, attributes["name"]
        kind = attributes.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "reset", "image", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attributes:
                value = attributes.get("value", "on" if kind == "checkbox" else "")
                fields.setdefault(name, []).append(value)
        elif tag == "select":
            self._select, self._select_first = name, None
            self._multiple = "multiple" in attributes
        elif tag == "textarea":
            self._textarea = name
            fields.setdefault(name, []).append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.forms[-1].fields[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._multiple:
                self.forms[-1].fields.setdefault(self._select, [self._select_first or ""])
            self._select = None

    def _option(self, attributes: dict[str, str]) -> None:
        value = attributes.get("value", "")
        if self._select_first is None:
            self._select_first = value
        if "selected" in attributes:
            chosen = self.forms[-1].fields.setdefault(self._select, [])
            chosen[:] = [*chosen, value] if self._multiple else [value]


def forms_of(html: str, page: str) -> dict[str, Fields]:
    """Each form's fields by its action (``page`` for a form with none, which posts back to its
    page); the first form wins when two share one."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    found: dict[str, Fields] = {}
    for form in parser.forms:
        found.setdefault(
            form.action or page,
            {
                name: values[0] if len(values) == 1 else values
                for name, values in form.fields.items()
            },
        )
    return found
