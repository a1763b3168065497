"""A briefing as one self-contained HTML file: inline CSS, inline SVG bars, no network.

It reads on screen and prints cleanly from a browser (``@page`` size and margins, headings
kept with what follows, table rows never split).  Every piece of pack or scenario text
goes through :func:`html.escape`; the classification, which also appears in the print
margins, is written as a CSS string with every unusual character as a hex escape.
"""

from __future__ import annotations

from html import escape

from crossroads.services.briefing_model import Briefing, OptionRow

BAR_WIDTH = 150  # px, the score column's chart
BAR_HEIGHT = 12
_PAGE_SIZE = {"a4": "A4", "letter": "letter"}

_CSS = """
:root { --ink: #1d2733; --muted: #5b6675; --rule: #d5dbe3; --accent: #1f4e79;
        --pos: #2f6f9f; --neg: #b3573b; --soft: #f3f6f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 10.5pt/1.45 "Source Sans Pro", "Source Sans 3", "Segoe UI", "Helvetica Neue",
             Arial, "Noto Sans", sans-serif;
       overflow-wrap: break-word; }
main { max-width: 190mm; margin: 0 auto; padding: 10mm 8mm 12mm; }
.classification { text-align: center; font-weight: 700; letter-spacing: .08em;
                  font-size: 9pt; padding: 2px 0;
                  border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); }
header { border-bottom: 2px solid var(--accent); padding-bottom: 6px; margin: 8px 0 12px; }
h1 { font-size: 19pt; line-height: 1.15; margin: 0 0 4px; color: var(--accent); }
.meta { color: var(--muted); font-size: 9.5pt; margin: 0; }
.meta b { color: var(--ink); font-weight: 600; }
h2 { font-size: 12.5pt; color: var(--accent); margin: 16px 0 6px;
     border-bottom: 1px solid var(--rule); padding-bottom: 2px;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10px 0 4px; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6px; }
.bluf { background: var(--soft); border-left: 4px solid var(--accent); padding: 8px 12px;
        margin: 0 0 10px; break-inside: avoid; }
.bluf .statement { font-size: 12pt; font-weight: 700; margin-bottom: 3px; }
.confidence { display: inline-block; font-weight: 700; text-transform: uppercase;
              font-size: 8.5pt; letter-spacing: .05em; padding: 0 6px; border-radius: 3px;
              color: #fff; background: var(--muted); }
.confidence.high { background: #2e7d4f; } .confidence.moderate { background: #b07d12; }
.confidence.low { background: #a33a2a; }
/* Fixed layouts with set column widths: a long word wraps inside its cell instead of
   squeezing the neighbouring columns down to one letter. */
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin: 2px 0 8px;
        table-layout: fixed; }
td { overflow-wrap: anywhere; }
thead { display: table-header-group; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 8.5pt;
     border-bottom: 1.5px solid var(--ink); padding: 3px 6px; vertical-align: bottom; }
td { border-bottom: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { padding-left: 10px; }
td.bar { padding-top: 5px; }
td.bar svg { display: block; width: 100%; }
tr.lead td { font-weight: 600; }
tr.lead td.reason { font-weight: 400; }
.muted { color: var(--muted); }
ul.reasons { list-style: none; padding: 0; margin: 0 0 6px; }
ul.reasons li { margin: 0 0 6px; break-inside: avoid; page-break-inside: avoid; }
.value { font-weight: 700; font-variant-numeric: tabular-nums; }
blockquote { margin: 2px 0 0 0; padding: 1px 0 1px 10px; border-left: 2px solid var(--rule);
             color: var(--muted); font-size: 9.5pt; }
ol.sources, ul.changes { margin: 0 0 6px; padding-left: 20px; }
.method p { font-size: 9pt; color: var(--muted); }
footer { margin-top: 14px; }
@media print {
  body { font-size: 9pt; line-height: 1.32; }
  table { font-size: 8.5pt; }
  td { padding: 2px 5px; }
  table.facts { font-size: 8pt; line-height: 1.25; }
  table.facts td { padding: 1.5px 5px; }
  h1 { font-size: 17pt; }
  h2 { font-size: 11.5pt; margin: 10px 0 4px; }
  .bluf { padding: 6px 10px; }
  /* The page-margin boxes carry the classification on every printed page; the closing
     banner would only risk a page of its own. */
  footer { display: none; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 12px; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def css_string(text: str) -> str:
    """*text* as a quoted CSS string that cannot end the string or the style element."""
    out = []
    for ch in text:
        out.append(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


_MARGIN_FONT = ('font-family: "Source Sans Pro", "Segoe UI", "Helvetica Neue", Arial, '
                'sans-serif; font-size: 8pt;')


def _page_css(size: str, classification: str) -> str:
    """Paper size, margins and running margin text for printing.

    Browsers with CSS page-margin boxes (Chromium 131+) repeat the classification at the
    top and bottom of every page and number the pages; the first page's top already has
    the banner in the document itself.
    """
    boxes = [f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); '
             f"{_MARGIN_FONT} color: #5b6675; }}"]
    first = ""
    if classification:
        label = css_string(classification)
        boxes += [f"@top-center {{ content: {label}; {_MARGIN_FONT} font-weight: 700; }}",
                  f"@bottom-center {{ content: {label}; {_MARGIN_FONT} font-weight: 700; }}"]
        first = "@page :first { @top-center { content: none; } }\n"
    return (f"@page {{ size: {size}; margin: 15mm 15mm 17mm; {' '.join(boxes)} }}\n"
            + first)


def _colgroup(*percent: int) -> str:
    return "<colgroup>" + "".join(f'<col style="width:{p}%">' for p in percent) + "</colgroup>"


def score_bar(row: OptionRow, axis: float) -> str:
    """An inline SVG bar for one option's score, on a shared zero line."""
    x = row.bar_from * BAR_WIDTH
    width = max((row.bar_to - row.bar_from) * BAR_WIDTH, 1.0)
    colour = "#b3573b" if row.share < 0 else "#2f6f9f"
    zero = axis * BAR_WIDTH
    # The bar stretches with its column (preserveAspectRatio="none"); the zero line keeps
    # its width on any scale.
    return (f'<svg width="{BAR_WIDTH}" height="{BAR_HEIGHT}" viewBox="0 0 {BAR_WIDTH} '
            f'{BAR_HEIGHT}" preserveAspectRatio="none" role="img" '
            f'aria-label="score {_e(row.score)}">'
            f'<rect x="{x:.1f}" y="1" width="{width:.1f}" height="{BAR_HEIGHT - 2}" '
            f'fill="{colour}"/>'
            f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{BAR_HEIGHT}" '
            'stroke="#1d2733" stroke-width="1" vector-effect="non-scaling-stroke"/></svg>')


def render_html(brief: Briefing) -> str:
    """The whole briefing as an HTML document."""
    h, bl = brief.header, brief.bottom_line
    page = _PAGE_SIZE[brief.paper]
    css = _CSS + _page_css(page, h.classification)
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(h.title)}</title>",
        f'<meta name="generator" content="crossroads, pack {_e(h.pack_id)} {_e(h.pack_version)}">',
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    if h.classification:
        parts.append(f'<div class="classification">{_e(h.classification)}</div>')
    meta = [f"<b>Subject:</b> {_e(h.subject)}" if h.subject else "",
            f"<b>As of:</b> {_e(h.as_of)}" if h.as_of else "",
            f"<b>Author:</b> {_e(h.author)}" if h.author else ""]
    parts += [
        "<header>",
        f"<h1>{_e(h.title)}</h1>",
        f'<p class="meta">{" · ".join(m for m in meta if m)}</p>',
        f'<p class="meta">Rule pack {_e(h.pack_title or h.pack_id)} ({_e(h.pack_id)} '
        f"{_e(h.pack_version)}) · scenario {_e(h.scenario_id)}</p>",
        "</header>",
        '<section class="bluf" aria-label="Bottom line">',
        f'<div class="statement">{_e(bl.statement)}</div>',
        f'<p><span class="confidence {_confidence_class(bl.confidence)}">Confidence: '
        f"{_e(bl.confidence)}</span> {_e(bl.confidence_basis)}</p>",
    ]
    if bl.summary:
        parts.append(f'<p class="muted">{_e(bl.summary)}</p>')
    parts.append("</section>")
    if brief.context:
        parts.append("<h2>Context</h2>")
        parts += [f"<p>{_e(p)}</p>" for p in brief.context]

    parts += _options_table(brief)
    parts += _reasons(brief)
    parts += _risks(brief)
    if brief.robustness_run:
        parts += _drivers(brief)
    parts += _assumptions(brief)
    parts.append("<h2>Sources</h2>")
    parts.append('<ol class="sources">' + "".join(f"<li>{_e(s)}</li>" for s in brief.sources)
                 + "</ol>")
    parts.append('<section class="method"><h2>Method</h2>')
    parts += [f"<p>{_e(line)}</p>" for line in brief.method]
    parts.append("</section>")
    if h.classification:
        parts.append(f'<footer><div class="classification">{_e(h.classification)}</div>'
                     "</footer>")
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _confidence_class(label: str) -> str:
    # Only known labels become a CSS class (colour); any other label stays neutral grey.
    return label if label in ("high", "moderate", "low") else ""


def _options_table(brief: Briefing) -> list[str]:
    rows = []
    for o in brief.options:
        cls = ' class="lead"' if o.rank == 1 else ""
        rows.append(
            f"<tr{cls}><td class=\"num\">{o.rank}</td><td>{_e(o.title)}</td>"
            f'<td class="num">{_e(o.score)}</td><td class="bar">{score_bar(o, brief.bar_axis)}'
            f'</td><td class="num">{_e(o.benefit)}</td><td class="num">{_e(o.risk)}</td>'
            f'<td class="reason">{_e(o.top_reason)}</td></tr>')
    return [
        "<h2>Options ranked</h2>",
        "<table>",
        _colgroup(4, 26, 8, 16, 8, 7, 31),
        '<thead><tr><th class="num">#</th><th>Option</th><th class="num">Score</th>'
        '<th aria-label="Score chart"></th><th class="num">Benefit</th><th class="num">Risk</th>'
        "<th>Top reason</th></tr></thead>",
        "<tbody>", *rows, "</tbody>", "</table>",
    ]


def _reasons(brief: Briefing) -> list[str]:
    out = ["<h2>Why the leading options</h2>"]
    for group in brief.reasons:
        out.append(f"<h3>{group.rank}. {_e(group.option)}</h3>")
        if not group.reasons:
            out.append('<p class="muted">No rule speaks in its favour in this scenario.</p>')
            continue
        out.append('<ul class="reasons">')
        for r in group.reasons:
            quote = f"<blockquote>“{_e(r.source)}”</blockquote>" if r.source else ""
            out.append(f'<li><span class="value">{_e(r.criterion)} {_e(r.value)}</span> '
                       f'<span class="muted">({_e(r.detail)})</span> {_e(r.because)}{quote}</li>')
        out.append("</ul>")
    return out


def _risks(brief: Briefing) -> list[str]:
    out = ["<h2>Risks</h2>"]
    if not brief.risks:
        return [*out, "<p>No risk rule fires for the leading options in this scenario.</p>"]
    out += ["<table>", _colgroup(22, 20, 17, 8, 33),
            "<thead><tr><th>Option</th><th>Risk</th><th>Likelihood</th>"
            '<th class="num">Impact</th><th>Mitigation</th></tr></thead>', "<tbody>"]
    for k in brief.risks:
        out.append(f"<tr><td>{_e(k.option)}</td><td>{_e(k.risk)}</td><td>{_e(k.estimate)}</td>"
                   f'<td class="num">{k.impact}/5</td><td>{_e(k.mitigation)}</td></tr>')
    return [*out, "</tbody>", "</table>"]


def _drivers(brief: Briefing) -> list[str]:
    out = ["<h2>Key drivers</h2>"]
    if brief.drivers:
        out += ["<table>", _colgroup(22, 14, 12, 12, 8, 32),
                "<thead><tr><th>Factor</th><th>Range tested</th>"
                '<th class="num">Margin at low</th><th class="num">Margin at high</th>'
                '<th class="num">Swing</th><th>Leader changes at</th></tr></thead>', "<tbody>"]
        for d in brief.drivers:
            change = f"{_e(d.break_even)} → {_e(d.new_leader)}" if d.break_even else "—"
            out.append(f"<tr><td>{_e(d.factor)}</td><td>{_e(d.range)}</td>"
                       f'<td class="num">{_e(d.margin_low)}</td>'
                       f'<td class="num">{_e(d.margin_high)}</td>'
                       f'<td class="num">{_e(d.swing)}</td><td>{change}</td></tr>')
        out += ["</tbody>", "</table>"]
    else:
        out.append("<p>The scenario gives no ranges, so no factor was moved.</p>")
    out.append("<h2>What would change this recommendation</h2>")
    out.append('<ul class="changes">' + "".join(f"<li>{_e(c)}</li>" for c in brief.changes)
               + "</ul>")
    return out


def _assumptions(brief: Briefing) -> list[str]:
    out = ["<h2>Assumptions</h2>", '<table class="facts">', _colgroup(27, 12, 14, 47),
           "<thead><tr><th>Factor</th><th>Value</th><th>Range</th><th>Source</th></tr></thead>",
           "<tbody>"]
    for a in brief.assumptions:
        source = _e(a.source)
        if a.defaulted:
            source = f'<span class="muted">{source}</span>'
        out.append(f"<tr><td>{_e(a.factor)}</td><td>{_e(a.value)}</td><td>{_e(a.range)}</td>"
                   f"<td>{source}</td></tr>")
    out += ["</tbody>", "</table>"]
    if brief.other_assumptions:
        out.append('<ul class="changes">' + "".join(
            f"<li>{_e(line)}</li>" for line in brief.other_assumptions) + "</ul>")
    return out
