#!/usr/bin/env python3
"""Assertions on the DOM that headless Chromium built from the HTML report.

usage: check_dom.py DOM.html AGENDA.md SCREENSHOT.png PRINT.pdf
"""
import re
import struct
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """Collects the text of the elements the checks need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.summary_rows = []  # text of each tbody row header of table#summary
        self.summary_headers = []
        self.case_titles = []  # text of each section.case h3
        self.marks = []
        self.external = []
        self.lang = None
        self._capture = None
        self._buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.external.append(tag)
        self.stack.append((tag, a))
        in_summary = any(t == "table" and x.get("id") == "summary" for t, x in self.stack)
        in_case = any(t == "section" and x.get("class") == "case" for t, x in self.stack)
        if in_summary and tag == "th" and self._within("tbody") and a.get("scope") == "row":
            self._start("row")
        elif in_summary and tag == "th" and self._within("thead"):
            self._start("header")
        elif in_case and tag == "h3":
            self._start("case")
        elif tag == "mark":
            self._start("mark")

    def _within(self, tag):
        return any(t == tag for t, _ in self.stack)

    def _start(self, kind):
        self._capture = (kind, len(self.stack))
        self._buf = []

    def handle_endtag(self, tag):
        if self._capture and len(self.stack) == self._capture[1]:
            text = " ".join("".join(self._buf).split())
            {"row": self.summary_rows, "header": self.summary_headers,
             "case": self.case_titles, "mark": self.marks}[self._capture[0]].append(text)
            self._capture = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self._capture:
            self._buf.append(data)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
    return struct.unpack(">II", head[16:24])


def main():
    dom_path, agenda_path, png_path, pdf_path = sys.argv[1:5]
    dom = Dom()
    dom.feed(open(dom_path, encoding="utf-8").read())
    # "## § 4 Hemtjänst i glesbygd": the number has its own column; the title is the rest.
    headings = [re.match(r"^## § (\d+) (.*)$", l.strip())
                for l in open(agenda_path, encoding="utf-8")]
    numbered = [(m.group(1), m.group(2).strip()) for m in headings if m]
    titles = [title for _, title in numbered]
    sections = [f"{number} {title}" for number, title in numbered]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    check(dom.lang == "sv", f"html lang is sv, got {dom.lang!r}")
    check(dom.summary_headers[:5] == ["Nr", "Ärende", "Dnr", "Fil", "Status"],
          f"summary table headers: {dom.summary_headers}")
    check(any(h == "JAM003" for h in dom.summary_headers), "a column per rule")
    check(len(titles) == 5, f"the fixture has five cases: {titles}")
    check(dom.summary_rows == titles, f"summary rows {dom.summary_rows} != case titles {titles}")
    check(dom.case_titles == sections, f"case sections {dom.case_titles} != numbered titles {sections}")
    check("4 500 besökare" in dom.marks and "Alla brukare" in dom.marks, f"marked spans: {dom.marks}")
    check(not dom.external, f"elements that load something: {dom.external}")
    width, height = png_size(png_path)
    check(width == 1280 and height >= 600, f"screenshot size {width}x{height}")
    with open(pdf_path, "rb") as f:
        pdf = f.read()
    check(pdf.startswith(b"%PDF") and len(pdf) > 10_000, "the PDF print is a PDF")
    if failures:
        for f in failures:
            print("FAIL:", f, file=sys.stderr)
        sys.exit(1)
    print(f"DOM OK: summary table with {len(titles)} cases, {len(dom.marks)} marked spans, "
          f"screenshot {width}x{height}")


if __name__ == "__main__":
    main()
