/// The report's stylesheet: system fonts only, readable on screen, one section per printed page.
enum HTMLStylesheet {
    static let css = """
    :root { --ink: #1d2329; --muted: #5b6670; --rule: #d0d5da; --accent: #1f5f8b; --soft: #eef3f7; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
    header.cover, main { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem; }
    header.cover { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 3px solid var(--accent); }
    .kicker { letter-spacing: .2em; font-weight: 700; color: var(--accent); margin: 0; }
    h1 { font-size: 2rem; margin: .2rem 0 .3rem; line-height: 1.2; }
    .subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 1rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
    dl.facts dt { font-weight: 600; color: var(--muted); }
    dl.facts dd { margin: 0; }
    .notice { background: var(--soft); border-left: 4px solid var(--accent); padding: .6rem .9rem; }
    nav.toc h2 { font-size: 1rem; margin: 1rem 0 .3rem; border: 0; }
    nav.toc ul { columns: 2; margin: 0; padding-left: 0; list-style: none; }
    nav.toc a { color: var(--accent); text-decoration: none; }
    section { padding: 1rem 0 1.5rem; border-bottom: 1px solid var(--rule); }
    h2 { font-size: 1.5rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 1.5rem; }
    h3 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
    h4 { font-size: 1.02rem; margin: 1.1rem 0 .3rem; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em;
      background: #f2f4f6; padding: .05rem .25rem; border-radius: 3px; }
    .badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85em; font-weight: 600;
      border: 1px solid var(--rule); background: #f7f9fa; white-space: nowrap; }
    .badge.level { background: var(--accent); color: #fff; border-color: var(--accent); }
    .badge.insufficient { background: repeating-linear-gradient(45deg, #f3f3f3, #f3f3f3 4px, #dcdcdc 4px, #dcdcdc 6px);
      color: #333; border: 1px dashed #777; }
    .badge.error { background: #fff; color: #b3261e; border: 2px solid #b3261e; }
    .badge.agreed { background: #111; color: #fff; border-color: #111; }
    .badge.high { background: #fbe3d6; border-color: #c2571a; }
    .badge.medium { background: #fdf1c7; border-color: #b08900; }
    .badge.low { background: #e3f0e4; border-color: #2e7d32; }
    .badge.nonbinding { background: #fff; color: var(--muted); font-weight: 500; }
    .badge.adopted { background: #e3f0e4; border-color: #2e7d32; }
    .badge.in_progress { background: #fdf1c7; border-color: #b08900; }
    .badge.not_adopted { background: #fbe3d6; border-color: #c2571a; }
    .badge.up { background: #e3f0e4; } .badge.down { background: #fbe3d6; }
    aside.note { border-left: 4px solid var(--accent); background: var(--soft); padding: .1rem .9rem; margin: .8rem 0; }
    aside.note.warning { border-color: #b3261e; background: #fbeceb; }
    aside.note.agreed { border-color: #111; background: #f4f4f4; }
    .table-wrap { overflow-x: auto; margin: .8rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: .93rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
    th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    thead th { background: var(--soft); border-bottom: 2px solid var(--accent); }
    tbody th { font-weight: 500; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    table.sheet tr.criterion th, table.sheet tr.criterion td { font-weight: 700; background: #fafbfc; }
    figure { margin: 1rem 0; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figure.radar svg { margin: 0 auto; }
    figcaption { color: var(--muted); font-size: .88rem; }
    figcaption .caption { font-weight: 600; color: var(--ink); }
    .alt { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    figure.radar figcaption { text-align: center; }
    td .badge, th .badge { white-space: normal; }
    svg text { font-family: inherit; fill: #222; }
    svg .axis { font-size: 12.5px; font-weight: 600; }
    svg .ring, svg .tick { font-size: 10px; fill: #5b6670; }
    svg .tick.agreed { fill: #111; font-weight: 700; }
    svg .legend { font-size: 12px; }
    svg .value { font-size: 12px; font-weight: 700; }
    svg .value.light { fill: #fff; }
    table.follow-up td:nth-child(5), table.follow-up td:nth-child(4) { white-space: nowrap; }
    svg .mark { font-size: 16px; font-weight: 700; fill: #333; }
    svg .mark.error { fill: #b3261e; }
    .criterion-block { margin-top: 1.5rem; }
    .indicator { border-left: 3px solid var(--rule); padding: .1rem 0 .1rem .9rem; margin: .9rem 0; }
    .indicator p { margin: .35rem 0; }
    .meta { color: var(--muted); font-size: .9rem; }
    .refs { color: var(--muted); font-size: .82rem; }
    .recommendation p { margin: .2rem 0; }
    ol.recommendations > li { margin-bottom: .8rem; }
    .peer { border: 1px solid var(--rule); border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
    .peer dl, .process dl { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .3rem 1rem; }
    .peer dt, .process dt { font-weight: 600; }
    .peer dd, .process dd { margin: 0; }
    .verbatim { white-space: pre-wrap; border: 1px solid var(--rule); background: #fcfcfc; padding: .8rem 1rem;
      font-family: Georgia, "DejaVu Serif", serif; }
    @media print {
      html { font-size: 11pt; }
      header.cover { border-bottom: 0; }
      nav.toc a { color: inherit; }
      section { break-before: page; page-break-before: always; border-bottom: 0; }
      h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      figure, table, .indicator, .recommendation, .peer, aside.note { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap { overflow: visible; }
      @page { margin: 18mm 16mm; }
    }

    """
}
