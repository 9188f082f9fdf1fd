"""One printable HTML page shell: self-contained (no external file, script or font), A4
print CSS, the handling marking at the top and foot of every printed page.

Every text put into a page goes through `esc` (`safetext.html_escape`); the shell adds
nothing from outside.
"""

from __future__ import annotations

from ..safetext import html_escape

CSS = """
:root { --ink: #111; --muted: #555; --rule: #bbb; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       font-size: 10.5pt; line-height: 1.35; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 17pt; margin: .2rem 0 .6rem; }
h2 { font-size: 13pt; margin: 1.2rem 0 .4rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 11pt; margin: .9rem 0 .3rem; }
.marking { text-align: center; font-weight: bold; letter-spacing: .05em; font-size: 9pt;
           border: 1px solid var(--ink); padding: .15rem; margin: .3rem 0; }
.meta { color: var(--muted); font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
th, td { border: 1px solid var(--rule); padding: .2rem .35rem; vertical-align: top;
         text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-wrap; }
.box { border: 1px solid var(--ink); min-height: 4.5rem; margin: .3rem 0 .8rem; padding: .3rem; }
.ratings span { display: inline-block; border: 1px solid var(--ink); padding: .1rem .5rem;
                margin-right: .4rem; }
.section { break-before: page; page-break-before: always; }
.card { break-after: page; page-break-after: always; border: 2px solid var(--ink);
        padding: 1rem; margin: 1rem 0; }
.card:last-of-type { break-after: auto; page-break-after: auto; }
.card h2 { border: none; font-size: 15pt; }
table.msel { font-size: 8pt; }
@page landscape { size: A4 landscape; }
@media print {
  body { max-width: none; padding: 0; }
  .screen-only { display: none; }
  body.wide { page: landscape; }
}
"""

# The marking on every printed page, in the page's margin boxes (CSS Paged Media)
PAGE_CSS = """
@page {{ size: A4; margin: 18mm 14mm;
  @top-center {{ content: {mark}; font: bold 8pt sans-serif; }}
  @bottom-center {{ content: {mark} "  \\2014  " counter(page) " / " counter(pages);
                    font: bold 8pt sans-serif; }}
}}
"""


def css_string(text: str) -> str:
    """A CSS string literal of `text` that nothing in it can end (quotes, backslashes,
    `</style>`, newlines): every character but letters, digits and plain punctuation
    as a CSS escape."""
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in " /.,_-:()+#"):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


def esc(text: object) -> str:
    return html_escape(str(text))


def page(title: str, classification: str, body: str, lang: str, *, wide: bool = False) -> str:
    """A whole HTML document; `body` is HTML already escaped by the caller."""
    mark = esc(classification)
    body_tag = '<body class="wide">' if wide else "<body>"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}"
        f"{PAGE_CSS.format(mark=css_string(classification))}</style>\n</head>\n"
        f"{body_tag}\n"
        f'<div class="marking">{mark}</div>\n{body}\n<div class="marking">{mark}</div>\n'
        "</body>\n</html>\n"
    )


def text_block(text: str) -> str:
    """Multi-line text kept as written (newlines shown, nothing interpreted)."""
    return f'<div class="text">{esc(text)}</div>'
