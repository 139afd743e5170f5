"""Reading the HTML pages in tests: elements by class, with their links and text (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """An element: tag, attributes, text inside, links inside (href by class), child elements."""

    tag: str
    attrs: dict[str, str]
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (class, href)
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag == "a" and "href" in element.attrs:
            for open_element in self.stack:
                open_element.links.append((element.attrs.get("class", ""), element.attrs["href"]))
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for open_element in self.stack:
            open_element.text += data


def parse(html: str) -> Element:
    """The document as a tree."""
    tree = _Tree()
    tree.feed(html)
    return tree.root


def find(root: Element, cls: str | None = None, tag: str | None = None, id: str | None = None) -> list[Element]:
    """Every element below `root` with that class, tag and id (each optional)."""
    out = []
    for child in root.children:
        if ((cls is None or cls in child.classes) and (tag is None or child.tag == tag)
                and (id is None or child.attrs.get("id") == id)):
            out.append(child)
        out += find(child, cls, tag, id)
    return out


def text(element: Element) -> str:
    """The element's text, whitespace folded."""
    return " ".join(element.text.split())
