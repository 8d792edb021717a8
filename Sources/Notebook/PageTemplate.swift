/// The page around a notebook's body: one self-contained HTML5 file, inline CSS, no scripts.
enum PageTemplate {
  static func page(notebook: Notebook, tableOfContents: String, body: String, allowsRawHTML: Bool)
    -> String
  {
    let front = notebook.frontMatter
    var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
    if !allowsRawHTML {
      // Defense in depth for notebooks from strangers: nothing on the page may run or post.
      html +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\" />\n"
    }
    html += "<meta name=\"color-scheme\" content=\"light dark\" />\n"
    if !front.authors.isEmpty {
      html +=
        "<meta name=\"author\" content=\"\(HTML.escape(front.authors.joined(separator: ", ")))\" />\n"
    }
    html += "<title>\(HTML.escape(notebook.title))</title>\n"
    html += "<style>\n\(stylesheet)\(keyFeaturesStylesheet)"
    if let math = notebook.typesetter?.stylesheet, !math.isEmpty {
      html += math.hasSuffix("\n") ? math : math + "\n"
    }
    html += "</style>\n</head>\n<body>\n<main class=\"nb-page\">\n"
    if front.title != nil || !front.authors.isEmpty || front.date != nil {
      html += "<header class=\"nb-header\">\n"
      if let title = front.title {
        html += "<h1 class=\"nb-title\">\(HTML.escape(title))</h1>\n"
      }
      var byline: [String] = []
      if !front.authors.isEmpty {
        byline.append(
          "<span class=\"nb-author\">\(HTML.escape(front.authors.joined(separator: ", ")))</span>")
      }
      if let date = front.date {
        byline.append("<span class=\"nb-date\">\(HTML.escape(date))</span>")
      }
      if !byline.isEmpty {
        html += "<p class=\"nb-byline\">" + byline.joined(separator: " · ") + "</p>\n"
      }
      html += "</header>\n"
    }
    html += tableOfContents
    html += "<article class=\"nb-body\">\n"
    html += body
    html += "</article>\n</main>\n</body>\n</html>\n"
    return html
  }

  /// The page's only style sheet. Colors are custom properties so that the dark theme and
  /// print only change variables; charts read the `--nb-chart-*` ones.
  static let stylesheet = """
    :root {
      --nb-background: #fdfdfc;
      --nb-text: #1f2328;
      --nb-muted: #59636e;
      --nb-border: #d1d9e0;
      --nb-accent: #0b5cad;
      --nb-code-background: #f4f6f8;
      --nb-output-background: #ffffff;
      --nb-error: #b3261e;
      --nb-error-background: #fdf1f0;
      --nb-warning: #8a5a00;
      --nb-warning-background: #fff8e6;
      --nb-solution: #1a7f37;
      --hl-kw: #cf222e;
      --hl-str: #0a3069;
      --hl-num: #0550ae;
      --hl-lit: #0550ae;
      --hl-com: #6e7781;
      --hl-type: #953800;
      --hl-call: #8250df;
      --hl-decl: #6639ba;
      --hl-attr: #953800;
      --nb-chart-text: #1f2328;
      --nb-chart-axis: #59636e;
      --nb-chart-grid: #e6e9ed;
      --nb-chart-background: #ffffff;
      /* Scroll cues (see pre below): covers in each box's colour, then edge shadows. */
      --nb-cover-page: linear-gradient(to right, #fdfdfc 30%, transparent), linear-gradient(to left, #fdfdfc 30%, transparent);
      --nb-cover-code: linear-gradient(to right, #f4f6f8 30%, transparent), linear-gradient(to left, #f4f6f8 30%, transparent);
      --nb-cover-output: linear-gradient(to right, #ffffff 30%, transparent), linear-gradient(to left, #ffffff 30%, transparent);
      --nb-scroll-shadows: radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.22), transparent), radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.22), transparent);
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --nb-background: #0f1419;
        --nb-text: #e6edf3;
        --nb-muted: #9198a1;
        --nb-border: #3d444d;
        --nb-accent: #6cb6ff;
        --nb-code-background: #161b22;
        --nb-output-background: #0d1117;
        --nb-error: #ff8b80;
        --nb-error-background: #2d1517;
        --nb-warning: #e3b341;
        --nb-warning-background: #2b2111;
        --nb-solution: #56d364;
        --hl-kw: #ff7b72;
        --hl-str: #a5d6ff;
        --hl-num: #79c0ff;
        --hl-lit: #79c0ff;
        --hl-com: #8b949e;
        --hl-type: #ffa657;
        --hl-call: #d2a8ff;
        --hl-decl: #d2a8ff;
        --hl-attr: #ffa657;
        --nb-chart-text: #e6edf3;
        --nb-chart-axis: #9198a1;
        --nb-chart-grid: #30363d;
        --nb-chart-background: #0d1117;
        --nb-chart-series-1: #3b8fe0;
        --nb-chart-series-2: #ef7a2e;
        --nb-chart-series-3: #1fb589;
        --nb-cover-page: linear-gradient(to right, #0f1419 30%, transparent), linear-gradient(to left, #0f1419 30%, transparent);
        --nb-cover-code: linear-gradient(to right, #161b22 30%, transparent), linear-gradient(to left, #161b22 30%, transparent);
        --nb-cover-output: linear-gradient(to right, #0d1117 30%, transparent), linear-gradient(to left, #0d1117 30%, transparent);
        --nb-scroll-shadows: radial-gradient(farthest-side at 0 50%, rgba(255, 255, 255, 0.2), transparent), radial-gradient(farthest-side at 100% 50%, rgba(255, 255, 255, 0.2), transparent);
      }
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      background: var(--nb-background);
      color: var(--nb-text);
      font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
    }
    .nb-page { max-width: 50rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.6em; }
    h1 { font-size: 1.9rem; }
    h2 { font-size: 1.45rem; border-bottom: 1px solid var(--nb-border); padding-bottom: 0.2em; }
    h3 { font-size: 1.2rem; }
    a { color: var(--nb-accent); }
    p, ul, ol, blockquote, table { margin: 0 0 1em; }
    blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--nb-border); color: var(--nb-muted); }
    img, svg, video { max-width: 100%; height: auto; }
    hr { border: 0; border-top: 1px solid var(--nb-border); margin: 2em 0; }
    code, pre, kbd { font-family: ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
    :not(pre) > code { background: var(--nb-code-background); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: break-word; }
    pre { padding: 0.75em 1em; border-radius: 6px; overflow-x: auto; line-height: 1.45; margin: 0 0 1em; }
    pre code { font-size: 1em; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--nb-border); padding: 0.3em 0.7em; text-align: left; }
    math { font-size: 1.08em; }
    math[display="block"] { margin: 0.8em 0; overflow-x: auto; overflow-y: hidden; padding: 0.25em 0; }
    .nb-header { margin-bottom: 1.5rem; }
    .nb-title { margin-top: 0; font-size: 2.1rem; }
    .nb-byline { color: var(--nb-muted); margin-top: -0.3em; }
    .nb-toc { border: 1px solid var(--nb-border); border-radius: 8px; padding: 0.8em 1.2em; margin: 0 0 2rem; font-size: 0.95em; }
    .nb-toc h2 { font-size: 1rem; margin: 0 0 0.3em; border: 0; padding: 0; text-transform: uppercase; letter-spacing: 0.06em; color: var(--nb-muted); }
    .nb-toc ul { margin: 0; padding-left: 1.2em; }
    .nb-toc > ul { padding-left: 0; list-style: none; }
    .nb-toc a { text-decoration: none; }
    .nb-toc a:hover { text-decoration: underline; }
    .nb-cell { margin: 1.2em 0 1.4em; padding: 0; border-left: 3px solid var(--nb-border); padding-left: 0.9em; }
    figure.nb-cell { margin-left: 0; margin-right: 0; }
    .nb-cell > figcaption { color: var(--nb-muted); font-size: 0.95em; margin-top: 0.3em; }
    .nb-code { margin-bottom: 0.5em; }
    .nb-output > * { margin: 0 0 0.5em; }
    .nb-output pre { border: 1px solid var(--nb-border); }
    .nb-solution { border-left-color: var(--nb-solution); }
    .solution { border-left: 3px solid var(--nb-solution); padding: 0.1em 0 0.1em 0.9em; margin: 1.2em 0; }
    .solution::before { content: "Solution"; display: block; font-size: 0.75em; font-weight: 600; letter-spacing: 0.05em; text-transform: uppercase; color: var(--nb-solution); }
    .nb-badge { display: inline-block; margin: 0 0 0.4em; font-size: 0.75em; font-weight: 600; letter-spacing: 0.05em; text-transform: uppercase; color: var(--nb-solution); }
    .nb-failed { border-left-color: var(--nb-error); }
    .nb-expected-error .nb-error { border-style: dashed; }
    .nb-inline { font-variant-numeric: tabular-nums; }
    .nb-inline-error { color: var(--nb-error); background: var(--nb-error-background); border-radius: 4px; padding: 0 0.3em; font-size: 0.9em; }
    .nb-fold summary { cursor: pointer; color: var(--nb-muted); font-size: 0.9em; margin-bottom: 0.3em; }
    .nb-diagnostic { border: 1px solid; border-radius: 6px; padding: 0.5em 0.9em; }
    .nb-diagnostic p { margin: 0.2em 0; }
    .nb-diagnostic pre { background: transparent; padding: 0.3em 0; margin: 0.3em 0 0; border: 0; }
    .nb-error { color: var(--nb-error); background: var(--nb-error-background); border-color: var(--nb-error); }
    .nb-warning { color: var(--nb-warning); background: var(--nb-warning-background); border-color: var(--nb-warning); }
    .nb-diagnostic p { overflow-wrap: anywhere; }
    .nb-where { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
    .nb-tensor { margin: 0 0 0.5em; }
    .nb-tensor figcaption { color: var(--nb-muted); font-size: 0.85em; }
    .nb-matrix { border-left: 2px solid var(--nb-text); border-right: 2px solid var(--nb-text); margin: 0.2em 0; font-variant-numeric: tabular-nums; }
    .nb-matrix td { border: 0; padding: 0.1em 0.6em; text-align: right; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.88em; }
    .nb-matrix td.nb-elided, p.nb-elided { text-align: center; color: var(--nb-muted); }
    .nb-slice { margin: 0.3em 0 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: var(--nb-muted); }
    .nb-table-wrap { overflow-x: auto; max-width: 100%; }
    /* A box that scrolls sideways on a narrow screen shows a shadow at an edge that hides
       more: covers in the box's colour scroll with the content (local) and hide the shadows,
       which stay at the edges (scroll), once the content's end is reached. */
    pre, .nb-table-wrap, math[display="block"], .nb-chart {
      --nb-cover: var(--nb-cover-page);
      background-image: var(--nb-cover), var(--nb-scroll-shadows);
      background-position: left, right, left, right;
      background-size: 2.5em 100%, 2.5em 100%, 0.8em 100%, 0.8em 100%;
      background-repeat: no-repeat;
      background-attachment: local, local, scroll, scroll;
    }
    pre { --nb-cover: var(--nb-cover-code); background-color: var(--nb-code-background); }
    .nb-output > pre { --nb-cover: var(--nb-cover-output); background-color: var(--nb-output-background); }
    .nb-chart { overflow-x: auto; overflow-y: hidden; max-width: 100%; }
    .nb-table { font-variant-numeric: tabular-nums; }
    .nb-table th { background: var(--nb-code-background); }
    .nb-table .num { text-align: right; }
    /* A number is never broken across lines (-0.123456 or 1.5e-05 split at the sign on a
       phone): a table too wide for the screen scrolls sideways in its box instead. */
    .nb-table td.num { white-space: nowrap; }
    .nb-table tfoot td { color: var(--nb-muted); border-left: 0; border-right: 0; border-bottom: 0; }
    .nb-chart svg { display: block; max-width: 100%; height: auto; }
    /* Charts side by side: one svg each in a row that wraps. A chart is never drawn above
       its own size (--nbc-w) and shares the row's width in proportion to it (its flex-grow,
       set beside --nbc-w); the charts sit side by side where each gets three quarters of its
       size or more (its 12-unit text at 9 px or more), else they wrap, one under another on
       a phone. Never below three quarters: a narrower screen scrolls the row in its box (a
       row of SideBySide's 840 units stacks unscrolled on a 360 px phone). calc() puts the
       number first: the Nu checker fails on calc(var() * n). */
    .nbc-row { display: flex; flex-wrap: wrap; align-items: flex-start; background: var(--nb-chart-background, #fff); }
    .nbc-cell { flex-shrink: 1; flex-basis: calc(0.75 * var(--nbc-w)); max-width: var(--nbc-w); min-width: calc(0.75 * var(--nbc-w)); }
    .nbc-cell > svg { width: 100%; }
    .nbc-break { flex-basis: 100%; height: 0; }
    .nbc-row-title { flex-basis: 100%; margin: 0; padding: 8px 10px 0; font: 600 16px/1.3 Helvetica, Arial, sans-serif; color: var(--nb-chart-text, #222); }
    .nb-raw-html { white-space: pre-wrap; }
    .hl-kw { color: var(--hl-kw); }
    .hl-str { color: var(--hl-str); }
    .hl-num { color: var(--hl-num); }
    .hl-lit { color: var(--hl-lit); }
    .hl-com { color: var(--hl-com); font-style: italic; }
    .hl-type { color: var(--hl-type); }
    .hl-call { color: var(--hl-call); }
    .hl-decl { color: var(--hl-decl); font-weight: 600; }
    .hl-attr { color: var(--hl-attr); }
    /* Charts side by side have room on a wide screen beyond the text column: centred on it,
       up to their own width, so their text is not shrunk. */
    @media screen and (min-width: 56rem) {
      .nb-chart { overflow: visible; }
      .nbc-row { width: var(--nbc-w); max-width: calc(100vw - 3rem); position: relative; left: 50%; transform: translateX(-50%); }
    }
    @media (max-width: 600px) {
      body { font-size: 16px; }
      .nb-page { padding: 1rem 0.9rem 3rem; }
      .nb-title { font-size: 1.6rem; }
      h1 { font-size: 1.55rem; }
      h2 { font-size: 1.3rem; }
      pre { padding: 0.6em 0.7em; font-size: 0.82em; }
      .nb-cell { padding-left: 0.6em; }
      th, td { padding: 0.25em 0.45em; }
      .nb-table { font-size: 0.9em; }
      /* A chart shrunk to a phone's column would have 5-7 px text: below these widths it
         scrolls sideways in its own box instead (9 px text or more: a chart is up to 640
         units wide, with 12-unit text). Charts keep their legends in the part a phone shows
         first. Charts side by side stack instead (see .nbc-row). */
      .nb-chart > svg { min-width: 30rem; }
    }
    @media print {
      :root {
        --nb-background: #ffffff;
        --nb-text: #000000;
        --nb-muted: #444444;
        --nb-border: #bbbbbb;
        --nb-accent: #000000;
        --nb-code-background: #f6f6f6;
        --nb-output-background: #ffffff;
        --nb-chart-text: #000000;
        --nb-chart-axis: #444444;
        --nb-chart-grid: #dddddd;
        --nb-chart-background: #ffffff;
        --nb-chart-series-1: #0072b2;
        --nb-chart-series-2: #d55e00;
        --nb-chart-series-3: #009e73;
        --hl-kw: #a0111f;
        --hl-str: #0a3069;
        --hl-num: #0550ae;
        --hl-lit: #0550ae;
        --hl-com: #555555;
        --hl-type: #7a2e00;
        --hl-call: #5a32a3;
        --hl-decl: #5a32a3;
        --hl-attr: #7a2e00;
      }
      @page { margin: 18mm 16mm; }
      body { font-size: 11pt; line-height: 1.45; }
      .nb-page { max-width: none; padding: 0; }
      a { text-decoration: none; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      /* A box that breaks across pages fills the rest of the page (CSS Fragmentation), so a
         shaded code block would run on, empty, to the page's foot: in print, code is set
         apart by its type and the cell's rule, not by a fill. */
      pre { background-color: transparent; }
      pre.nb-code { padding-left: 0; padding-right: 0; }
      math[display="block"], .nb-table-wrap, .nb-chart { overflow: visible; }
      /* Paper does not scroll: in a table wider than the page a number breaks (anywhere:
         digits offer no break) rather than being cut at the page's edge. */
      .nb-table td.num { white-space: normal; overflow-wrap: anywhere; }
      pre, .nb-table-wrap, math[display="block"], .nb-chart { background-image: none; }
      .nb-chart > svg { min-width: 0; }
      /* A chart is at most 80 mm tall on paper (--nbc-print-height, never below 3/4 of its
         own height), so that it fits under its code more often. */
      .nb-chart > svg { width: auto; max-height: var(--nbc-print-height, none); }
      /* On paper, charts side by side stay side by side: a row of up to 840 units fits a
         text column of 420 px or more. */
      .nbc-cell { flex-basis: calc(0.5 * var(--nbc-w)); min-width: 0; }
      /* A cell may break inside its code, between lines, and never within a result other
         than a table; the code's last two lines stay with the result, so a cell taller
         than the space left starts on this page instead of leaving a gap. (With four lines
         before a break and three after, the exam key had 594 mm of empty page feet on 28
         pages; with two and two and the rules below, about 320 mm on 27.) */
      pre { orphans: 2; widows: 2; }
      .nb-code { break-after: avoid; }
      .nb-badge { break-after: avoid; }
      /* The contents in two columns: one column of short lines left half of page 1 empty. */
      .nb-toc > ul { columns: 2; column-gap: 2em; }
      .nb-toc li { break-inside: avoid; }
      .nb-output > :not(.nb-table-wrap), figure:not(.nb-cell), .nb-diagnostic, math[display="block"], .nb-chart { break-inside: avoid; }
      /* A table may break between rows, three rows at least on either side (so a table of
         up to five rows never breaks); its header row repeats on the next page, its foot (a
         total) comes once, at the end. A tall table after code otherwise left the rest of
         the page empty. The first row's break-before and the last row's break-after are
         left alone: an avoid there passes up to the cell, and a short table then kept the
         next paragraph with it (51 mm left empty on a page of the exam key). */
      tr { break-inside: avoid; }
      tbody tr:nth-child(-n+2):not(:last-child) { break-after: avoid; }
      tbody tr:nth-last-child(-n+2):not(:first-child) { break-before: avoid; }
      tfoot { display: table-row-group; break-before: avoid; }
      .nb-cell > figcaption, .nb-checks { break-before: avoid; }
      h1, h2, h3, h4, h5, h6 { break-after: avoid; }
      /* A lead-in ("The error of this pass:") stays with the cell, table, code or formula
         it introduces. */
      p + .nb-cell, p + .nb-table-wrap, p + pre, p + ul, p + ol, p + .solution, math[display="block"] { break-before: avoid; }
      .nb-fold summary { display: none; }
    }

    """
}
