"""A briefing as one self-contained HTML file: inline CSS, inline SVG charts, embedded
fonts, no network.

It uses the PDF's fonts (subset and embedded, see :mod:`.webfonts`), reads from 360 px
to 1600 px wide (tables scroll sideways on a phone rather than squeezing their words to
a letter per line) and prints like the PDF: page 1 the answer, page 2 the evidence, the
annex on its own page.  Every piece of pack or scenario text goes through
:func:`html.escape`; the classification, which also appears in the print margins, is
written as a CSS string with every unusual character as a hex escape.
"""

from __future__ import annotations

from html import escape

from crossroads.report.briefing.charts import chart_svg
from crossroads.report.briefing.find_out import TITLE as FIND_OUT
from crossroads.report.briefing.model import SCORE_KEY, Briefing, Chart, Source, Table
from crossroads.report.briefing.tables import (
    DEFAULTS_HEADING,
    assumptions_table,
    defaults_lines,
    find_out_table,
    options_table,
    panel_table,
    risks_table,
    signposts_table,
)
from crossroads.report.briefing.webfonts import font_faces
from crossroads.report.key_assumptions import HEADING as RESTS_ON

_PAGE_SIZE = {"a4": "A4", "letter": "letter"}

_CSS = """
:root { --ink: #1d2733; --muted: #5b6675; --rule: #d5dbe3; --accent: #1f4e79;
        --soft: #f3f6f9; --amber: #b07d12; --amber-soft: #fbf5e6; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 16px/1.45 "Source Sans Pro", sans-serif; overflow-wrap: break-word; }
main { max-width: 68rem; margin: 0 auto; padding: clamp(12px, 3vw, 40px); }
.classification { text-align: center; font-weight: 700; letter-spacing: .08em;
                  font-size: .8rem; padding: 2px 0;
                  border-top: 2px solid var(--ink); border-bottom: 2px solid var(--ink); }
header { border-bottom: 2px solid var(--accent); padding-bottom: 6px; margin: 8px 0 12px; }
h1 { font-size: clamp(1.4rem, 1rem + 1.6vw, 2.1rem); line-height: 1.15; margin: 0 0 6px;
     color: var(--accent); }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
h2 { font-size: 1.2rem; color: var(--accent); margin: 22px 0 8px;
     border-bottom: 1px solid var(--rule); padding-bottom: 2px; break-after: avoid; }
h3 { font-size: 1rem; margin: 14px 0 4px; break-after: avoid; }
p { margin: 0 0 8px; }
.box { padding: 8px 14px; margin: 0 0 12px; break-inside: avoid; }
.whatif { background: var(--amber-soft); border-left: 4px solid var(--amber); }
.whatif .label, .bluf .label { font-size: .75rem; font-weight: 700; letter-spacing: .05em;
                               text-transform: uppercase; }
.whatif .label { color: var(--amber); }
.whatif ul { margin: 4px 0 0; padding-left: 18px; font-size: .92rem; }
.banner { position: sticky; top: 0; z-index: 1; background: var(--amber); color: #fff;
          font-weight: 700; font-size: .85rem; padding: 3px 10px; margin: 0 0 8px; }
.whatif table { margin: 4px 0; }
.note { color: var(--muted); font-size: .88rem; }
.notice { color: var(--amber); font-weight: 700; }
.bluf { background: var(--soft); border-left: 4px solid var(--accent); }
.bluf .label { color: var(--accent); }
.bluf .answer { font-size: 1.3rem; font-weight: 700; }
.tag { display: inline-block; font-weight: 700; text-transform: uppercase; color: #fff;
       font-size: .72rem; letter-spacing: .05em; padding: 0 6px; border-radius: 3px;
       background: var(--muted); }
.tag.robust { background: var(--accent); } .tag.high { background: #2e7d4f; }
.tag.moderate { background: #b07d12; } .tag.low { background: #a33a2a; }
figure { margin: 14px 0; break-inside: avoid; }
figure .title { font-weight: 700; margin-bottom: 2px; }
figure .chart { overflow-x: auto; }
/* Below ~520 px the chart would shrink its words to a few pixels: it scrolls instead. */
figure svg { display: block; width: 100%; min-width: 520px; max-width: 820px; height: auto; }
figcaption, .key { color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin: 2px 0 8px; }
.scroll table { min-width: 34rem; }
td { overflow-wrap: break-word; }  /* whole words: a narrow screen scrolls the table */
thead { display: table-header-group; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: .8rem;
     border-bottom: 1.5px solid var(--ink); padding: 3px 6px; vertical-align: bottom; }
td { border-bottom: 1px solid var(--rule); padding: 4px 6px; vertical-align: top; }
tr { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.lead td { font-weight: 600; }
tr.lead td.prose { font-weight: 400; }
.muted { color: var(--muted); }
ul.rejected { padding-left: 18px; }
.annex { break-before: page; }
.annex table { font-size: .82rem; }
.method p { font-size: .85rem; color: var(--muted); }
dl.ids { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px;
         font-size: .85rem; color: var(--muted); }
dl.ids dt { font-weight: 600; } dl.ids dd { margin: 0; overflow-wrap: anywhere; }
@media (min-width: 1100px) {
  .front { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 28px;
           align-items: start; }
  .front > .bluf, .front > .whatif, .front > .wide { grid-column: 1 / -1; }
}
@media print {
  body { font-size: 8.6pt; line-height: 1.28; }
  main { max-width: none; padding: 0; }
  .front { display: block; }
  h1 { font-size: 16pt; } h2 { font-size: 11pt; margin: 10px 0 4px; }
  .bluf .answer { font-size: 12pt; }
  table { font-size: 7.6pt; } .annex table { font-size: 7pt; }
  td { padding: 1px 3px; } th { padding: 1px 3px; }
  p { margin: 0 0 5px; } .box { padding: 5px 10px; margin: 0 0 8px; }
  .scroll { overflow: visible; } .scroll table { min-width: 0; }
  figure { margin: 4px 0; } figure svg { min-width: 0; max-width: 100%; margin: 0 auto; }
  .banner { font-size: 7.5pt; padding: 1px 6px; margin: 0 0 4px; }
  figure .chart { overflow: visible; }
  .second { break-before: page; }
  footer { display: none; }
  .banner { position: static; }
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


_MARGIN_FONT = 'font-family: "Source Sans Pro", sans-serif; font-size: 8pt;'


def _page_css(size: str, classification: str, banner: str = "") -> str:
    """Paper size, margins and running margin text for printing.

    Browsers with CSS page-margin boxes (Chromium 131+) repeat the classification at the
    top and bottom of every page and number the pages; the first page's top already has
    the banner in the document itself.
    """
    boxes = [f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); '
             f"{_MARGIN_FONT} color: #5b6675; }}"]
    first = ""
    if banner:  # every printed page says it is a what-if, in the top left margin box
        boxes.append(f"@top-left {{ content: {css_string(banner)}; {_MARGIN_FONT} "
                     "font-weight: 700; color: #b07d12; }")
    if classification:
        label = css_string(classification)
        boxes += [f"@top-center {{ content: {label}; {_MARGIN_FONT} font-weight: 700; }}",
                  f"@bottom-center {{ content: {label}; {_MARGIN_FONT} font-weight: 700; }}"]
        first = "@page :first { @top-center { content: none; } }\n"
    return (f"@page {{ size: {size}; margin: 14mm 14mm 16mm; {' '.join(boxes)} }}\n"
            + first)


def _figure(chart: Chart | None) -> list[str]:
    if chart is None:
        return []
    return [f'<figure><div class="title">{_e(chart.title)}</div>'
            f'<div class="chart">{chart_svg(chart)}</div>'
            f"<figcaption>{_e(chart.caption)}</figcaption></figure>"]


def _table(table: Table | None) -> list[str]:
    """A model table (the same rows as every format) in a wrapper that scrolls on narrow
    screens; its head repeats on every printed page."""
    if table is None:
        return []
    def cell(tag: str, i: int, text: str) -> str:
        cls = "num" if i in table.numeric else "prose"
        return f'<{tag} class="{cls}">{_e(text)}</{tag}>'
    out = ['<div class="scroll"><table>', "<thead><tr>"
           + "".join(cell("th", i, h) for i, h in enumerate(table.head)) + "</tr></thead><tbody>"]
    for n, row in enumerate(table.rows):
        cls = ' class="lead"' if n == table.lead else ""
        out.append(f"<tr{cls}>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
    return [*out, "</tbody></table></div>"]


def _banner(brief: Briefing) -> list[str]:
    """The what-if banner: at the top of each part on screen (sticky while scrolling) and
    of every printed page (the page's top margin box carries it too)."""
    if brief.what_if is None:
        return []
    return [f'<div class="banner" role="note">{_e(brief.what_if.banner)}</div>']


def render_html(brief: Briefing) -> str:
    """The whole briefing as an HTML document."""
    h = brief.header
    body = _front(brief) + _second(brief) + _annex(brief)
    if h.classification:
        body.append(f'<footer><div class="classification">{_e(h.classification)}</div>'
                    "</footer>")
    text = "\n".join(body)
    css = font_faces(text) + _CSS + _page_css(_PAGE_SIZE[brief.paper], h.classification,
                                                         brief.what_if.banner if brief.what_if
                                                         else "")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(h.title)}</title>", '<meta name="generator" content="crossroads">',
        f"<style>{css}</style>", "</head>", "<body>", "<main>", text, "</main>", "</body>",
        "</html>"]) + "\n"


def _front(brief: Briefing) -> list[str]:
    h, bl = brief.header, brief.bottom_line
    out = [f'<div class="classification">{_e(h.classification)}</div>'] if h.classification \
        else []
    out += _banner(brief)
    meta = [_e(x) for x in (h.scenario, h.subject) if x]
    meta += [f"as of {_e(h.as_of)}"] if h.as_of else []
    meta += [f"by {_e(h.author)}"] if h.author else []
    out += ["<header>", f"<h1>{_e(h.title)}</h1>", f'<p class="meta">{" · ".join(meta)}</p>']
    if h.perspective:
        out.append(f'<p class="meta">For: {_e(h.perspective)}</p>')
    out += ["</header>", '<div class="front">']
    if brief.what_if is not None:
        label = "What-if: changed from the scenario file"
        out += [f'<section class="box whatif" aria-label="{label}"><div class="label">{label}'
                "</div>", *_table(brief.what_if.changes), *_table(brief.what_if.outcome)]
        if bl.confidence_change:
            out.append(f"<p>{_e(bl.confidence_change)}</p>")
        out.append("</section>")
    if defaults_lines(brief):
        out += [f'<section class="box whatif" aria-label="{DEFAULTS_HEADING}">'
                f'<div class="label">{DEFAULTS_HEADING}</div><ul>',
                *(f"<li>{_e(line)}</li>" for line in defaults_lines(brief)), "</ul></section>"]
    out += ['<section class="box bluf" aria-label="Bottom line">',
            '<div class="label">Bottom line</div>',
            f'<p><span class="answer">{_e(bl.recommendation)}</span> {_e(bl.reason)}</p>']
    if bl.panel:
        out.append(f'<p><span class="tag robust">Panel</span> {_e(bl.panel)}</p>')
    out += [f'<p class="notice">{_e(n)}</p>' for n in brief.notices]
    if bl.rests_on:
        out.append(f"<p><b>What the lead rests on.</b> {_e(bl.rests_on)}</p>")
    if bl.robustness:
        out.append(f'<p><span class="tag robust">How often first</span> '
                   f"{_e(bl.robustness)}</p>")
        out.append(f'<p class="note">{_e(bl.robustness_note)}</p>')
    level = bl.confidence if bl.confidence in ("high", "moderate", "low") else ""
    out += [f'<p><span class="tag {level}">Confidence: {_e(bl.confidence)}</span> '
            f"{_e(bl.confidence_basis)}</p>",
            f"<p><b>What would change it.</b> {_e(bl.watch)}</p>"]
    out.append("</section>")
    out += ['<div class="wide">', *_figure(brief.charts[0] if brief.charts else None), "</div>",
            "<div>"]
    if brief.judgements:
        out += ["<h2>Key judgements</h2>", "<ul>",
                *(f"<li>{_e(j)}</li>" for j in brief.judgements), "</ul>"]
    if brief.rejected:
        out += ["</div>", "<div>", "<h2>Why not the others</h2>", '<ul class="rejected">',
                *(f"<li><b>{_e(r.option)}.</b> {_e(r.reason)}</li>" for r in brief.rejected),
                "</ul>"]
    if brief.rests_on:
        out += [f"<h2>{RESTS_ON}</h2>", f"<p>{_e(brief.rests_on[0])}</p>", "<ul>",
                *(f"<li>{_e(line)}</li>" for line in brief.rests_on[1:]), "</ul>"]
    return [*out, "</div>", "</div>"]


def _second(brief: Briefing) -> list[str]:
    out = ['<section class="second">', *_banner(brief), "<h2>Options compared</h2>"]
    out += _table(options_table(brief))
    out.append(f'<p class="key">{_e(SCORE_KEY)}</p>')
    for chart in brief.charts[1:]:
        out += _figure(chart)
    if brief.signposts:
        out += ["<h2>Signposts: what to watch</h2>", *_table(signposts_table(brief))]
    out.append("<h2>Risks</h2>")
    if brief.risks:
        out += _table(risks_table(brief))
    else:
        out.append("<p>No risk rule fires for the options chosen between in this scenario.</p>")
    if brief.panel is not None:
        out += _panel(brief)
    if brief.find_out is not None:
        out += [f"<h2>{_e(FIND_OUT)}</h2>", f"<p>{_e(brief.find_out.lead)}</p>"]
        out += _table(find_out_table(brief))
    if brief.context:
        out += ["<h2>Scenario notes</h2>", *(f"<p>{_e(p)}</p>" for p in brief.context)]
    return [*out, "</section>"]


def _panel(brief: Briefing) -> list[str]:
    """Where the panel differs: how it was combined, each dissent, who judges, the rounds."""
    panel = brief.panel
    assert panel is not None
    out = [f"<h2>{_e(panel.title)}</h2>"]
    if panel.lead:
        out.append(f"<p>{_e(panel.lead)}</p>")
    if panel.dissent:
        out += ["<ul>", *(f"<li>{_e(line)}</li>" for line in panel.dissent), "</ul>"]
    out += [f"<p>{_e(line)}</p>" for line in (panel.across_views, panel.rounds, *panel.notes)
            if line]
    return out + _table(panel_table(brief))


def _source(source: Source) -> str:
    link = f' <a href="{_e(source.url)}">{_e(source.url)}</a>' if source.url else ""
    return f'<li value="{source.number}">{_e(source.text)}{link}</li>'


def _annex(brief: Briefing) -> list[str]:
    out = ['<section class="annex">', *_banner(brief), "<h2>Annex: assumptions</h2>"]
    out += _table(assumptions_table(brief))
    if brief.filled_in:
        out += ["<ul>", *(f"<li>{_e(line)}</li>" for line in brief.filled_in), "</ul>"]
    out += ["<h2>Sources</h2>", "<ol>", *(_source(s) for s in brief.bibliography),
            "</ol>", f"<p>{_e(brief.facts_note)}</p>"]
    out += ['<div class="method"><h2>Method</h2>', *(f"<p>{_e(line)}</p>" for line in brief.method),
            '<dl class="ids">', *(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in
                                  brief.identifiers), "</dl>", "</div>"]
    return [*out, "</section>"]
