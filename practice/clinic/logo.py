"""The clinic's logo: a PNG or an SVG, accepted by what the bytes are, never by the file's name.

Limits, and why:

* at most ``MAX_BYTES`` (256 KiB): a logo prints about 4 cm wide, where 600 pixels are plenty;
  the logo is stored in the clinic's row and sent with every print page;
* a PNG at most ``MAX_PIXELS`` (2000) pixels on either side, read from its header before
  anything is decoded, so a small file that would decompress into a huge image is refused;
  an SVG is drawn to the size of the header box, so it has no pixel limit.

An SVG is a document that a browser runs when it is opened on its own, and WeasyPrint follows
its links while it renders a PDF. So it is parsed with defusedxml (no DOCTYPE, no entities)
and refused when it holds a script, an event attribute (``on…``), a ``foreignObject``, an
animation (which can rewrite links), a processing instruction (``<?xml-stylesheet …?>``), or
any reference that is not to a ``#fragment`` of the logo itself: ``href``, ``xlink:href``,
``src``, CSS ``url(…)`` and ``@import`` — ``data:`` URLs included.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from io import BytesIO
from xml.etree.ElementTree import TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 256 * 1024
MAX_PIXELS = 2000
PNG = "image/png"
SVG = "image/svg+xml"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
REFUSED_ELEMENTS = {
    "script": "a script",
    "foreignobject": "a foreignObject (HTML inside the drawing)",
    "handler": "a script handler",
    "listener": "an event listener",
    "animate": "an animation",
    "animatemotion": "an animation",
    "animatetransform": "an animation",
    "animatecolor": "an animation",
    "set": "an animation",
    "discard": "an animation",
}
LINK_ATTRIBUTES = {"href", "src"}  # in any namespace: href, xlink:href, src
CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*([^'\")]*)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
# Other raster formats a logo often comes as, to say what the file is instead of "not an image".
OTHER_FORMATS = {
    b"\xff\xd8\xff": "a JPEG photo",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"BM": "a BMP image",
}


class LogoError(ValueError):
    """Why the file cannot be the clinic's logo, in words for the person who chose it."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    media_type: str


def checked_logo(data: bytes) -> Logo:
    """``data`` as a logo, or a LogoError saying why not."""
    if not data:
        raise LogoError("The file is empty: choose the logo's PNG or SVG file.")
    if len(data) > MAX_BYTES:
        raise LogoError(
            f"The file is larger than {MAX_BYTES // 1024} KB. Save the logo smaller "
            f"(about 600 pixels wide is plenty for a printed page) and choose it again."
        )
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return Logo(data, PNG)
    if _looks_like_xml(data):
        _check_svg(data)
        return Logo(data, SVG)
    for signature, kind in OTHER_FORMATS.items():
        if data.startswith(signature):
            raise LogoError(f"This file is {kind}. The logo must be a PNG or SVG image.")
    raise LogoError("This file is not a PNG or SVG image.")


def _check_png(data: bytes) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=["PNG"]) as image:
                width, height = image.size
                if width > MAX_PIXELS or height > MAX_PIXELS:
                    raise LogoError(
                        f"The image is {width} × {height} pixels; the limit is {MAX_PIXELS} "
                        f"on each side. Save the logo smaller and choose it again."
                    )
                image.verify()  # every chunk's checksum: a truncated or damaged file fails
    except LogoError:
        raise
    except (
        OSError,
        SyntaxError,  # Pillow's PNG reader raises it for broken chunks
        ValueError,
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise LogoError("This PNG file is damaged: open it and save it again.") from None


def _looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


class _RecordingTreeBuilder(TreeBuilder):
    """A tree builder that notes processing instructions, which ElementTree drops silently."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> None:  # called by the parser
        self.instructions.append(target)


def _check_svg(data: bytes) -> None:
    builder = _RecordingTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise LogoError(
            "This SVG declares a DOCTYPE or entities, which a logo does not need and which can "
            "read other files. Export it again as a plain SVG."
        ) from None
    except ParseError:
        raise LogoError("This file is not a PNG image or a well-formed SVG.") from None
    if root.tag == "svg":
        raise LogoError(
            f'This SVG lacks its namespace (xmlns="{SVG_NAMESPACE}"): export it again as SVG.'
        )
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise LogoError("This file is XML but not an SVG image.")
    if builder.instructions:
        raise LogoError(
            f"This SVG holds a processing instruction (<?{builder.instructions[0]} …?>), "
            "which can load a style sheet from elsewhere. Export it again as a plain SVG."
        )
    for element in root.iter():
        _check_element(element)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _check_element(element) -> None:
    name = _local(element.tag).lower()
    if name in REFUSED_ELEMENTS:
        raise LogoError(f"This SVG holds {REFUSED_ELEMENTS[name]}, which a logo may not contain.")
    for attribute, value in element.attrib.items():
        local = _local(attribute).lower()
        if local.startswith("on"):
            raise LogoError(
                f"This SVG has an event attribute ({_local(attribute)}), which runs a script. "
                "A logo may not contain one."
            )
        if local in LINK_ATTRIBUTES and not value.strip().startswith("#"):
            raise LogoError(_outside_reference(value))
        _check_css(value)
    if name == "style":
        _check_css(element.text or "")


def _check_css(text: str) -> None:
    if CSS_IMPORT.search(text):
        raise LogoError("This SVG's style imports a style sheet from elsewhere (@import).")
    for match in CSS_URL.finditer(text):
        target = match.group(2).strip()
        if not target.startswith("#"):
            raise LogoError(_outside_reference(target))


def _outside_reference(target: str) -> str:
    shown = target.strip()[:60] or "an empty address"
    return (
        f"This SVG refers to something outside the logo ({shown}). A logo may only refer to "
        "parts of itself (#name): embed or remove pictures and fonts, then choose it again."
    )
