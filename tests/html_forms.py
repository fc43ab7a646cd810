"""Read a form out of a rendered page as a browser would submit it (html.parser, no regex)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "button"):
            if attributes.get("type") in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.values[name] = attributes.get("value", "y")
            else:
                self.values[name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = attributes.get("value") or ""
            if self._select_first is None:
                self._select_first = value
                self.values[self._select] = value
            if "selected" in attributes:
                self.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the one line break that may follow <textarea> (WTForms writes \r\n).
            text = self.values[self._textarea]
            self.values[self._textarea] = text.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(page: str, form_id: str = "section-form") -> dict[str, str]:
    reader = _FormReader(form_id)
    reader.feed(page)
    return reader.values


class _InvalidFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and "is-invalid" in (
            attributes.get("class") or ""
        ):
            self.names.add(attributes["name"])


def invalid_fields(page: str) -> set[str]:
    reader = _InvalidFields()
    reader.feed(page)
    return reader.names


class PostForm:
    """A POST form of a page: where it goes, and each field with the values a browser could
    send (its options, for a select, radio or checkbox; empty for a text field)."""

    def __init__(self, action: str) -> None:
        self.action = action
        self.text_fields: list[str] = []
        self.choices: dict[str, list[str]] = {}
        self.hidden: dict[str, str] = {}


class _PostFormsReader(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[PostForm] = []
        self._form: PostForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            post = (attributes.get("method") or "get").lower() == "post"
            self._form = PostForm(attributes.get("action") or self.page_url) if post else None
            if self._form:
                self.forms.append(self._form)
            return
        form, name = self._form, attributes.get("name")
        if form is not None and tag == "option" and self._select:
            form.choices[self._select].append(attributes.get("value") or "")
            return
        if form is None or not name:
            return
        kind = attributes.get("type", "text")
        if tag == "input" and kind == "hidden":
            form.hidden[name] = attributes.get("value") or ""
        elif tag == "input" and kind in ("checkbox", "radio"):
            form.choices.setdefault(name, [""]).append(attributes.get("value", "y"))
        elif (tag == "input" and kind not in ("submit", "button", "file")) or tag == "textarea":
            form.text_fields.append(name)
        elif tag == "select":
            self._select = name
            form.choices.setdefault(name, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def post_forms(page: str, page_url: str) -> list[PostForm]:
    reader = _PostFormsReader(page_url)
    reader.feed(page)
    return reader.forms
