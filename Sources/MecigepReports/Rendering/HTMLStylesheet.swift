/// The report's stylesheet: system fonts only; fits a 375 px phone (long codes wrap, wide tables
/// and bar charts scroll in their own box with a shadow at the hidden edge, the radar's text
/// stays at 11 px or more); printed, a new page only for the report proper and for the annexes.
public enum HTMLStylesheet {
    public static let css = """
    :root { --ink: #1d2329; --muted: #5b6670; --rule: #d0d5da; --accent: #1f5f8b; --soft: #eef3f7; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5; overflow-wrap: break-word;
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
      background: #f2f4f6; padding: .05rem .25rem; border-radius: 3px; overflow-wrap: anywhere; }
    .badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85em; font-weight: 600;
      border: 1px solid var(--rule); background: #f7f9fa; white-space: nowrap; max-width: 100%; }
    @media (max-width: 40rem) { .badge { white-space: normal; } }
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
    /* A box that scrolls sideways when its content is wider than the page: a shadow shows on the
       side where there is more (white covers, scrolling with the content, hide it at the ends). */
    .table-wrap { overflow-x: auto; margin: .8rem 0;
      background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
        linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
        radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) left / .9rem 100% no-repeat scroll,
        radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) right / .9rem 100% no-repeat scroll; }
    table { border-collapse: collapse; width: 100%; font-size: .93rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
    th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    thead th { background: rgba(31,95,139,.09); border-bottom: 2px solid var(--accent); }
    tbody th { font-weight: 500; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    table.sheet tr.criterion th, table.sheet tr.criterion td { font-weight: 700; background: rgba(0,30,60,.025); }
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
    svg .ring, svg .tick { font-size: 11px; fill: #5b6670; }
    svg .tick.agreed { fill: #111; font-weight: 700; }
    svg .legend { font-size: 12px; }
    svg .value { font-size: 12px; font-weight: 700; }
    svg .value.light { fill: #fff; }
    table.follow-up td:nth-child(5), table.follow-up td:nth-child(4) { white-space: nowrap; }
    svg .mark { font-size: 16px; font-weight: 700; fill: #333; }
    svg .mark.error { fill: #b3261e; }
    /* The radar (an svg.radar with polygons) is drawn in a 400-unit box for a phone's text; a wider
       screen shows it up to 560 px wide, with text at 10 units or so (14 px). */
    figure.radar svg.radar:has(> polygon) { width: 100%; max-width: 560px; }
    svg.radar:has(> polygon) .axis { font-size: 10px; }
    svg.radar:has(> polygon) .ring { font-size: 8.6px; }
    svg.radar:has(> polygon) .legend { font-size: 9px; }
    svg.radar:has(> polygon) .mark { font-size: 12px; }
    .criterion-block { margin-top: 1.5rem; }
    .indicator { border-left: 3px solid var(--rule); padding: .1rem 0 .1rem .9rem; margin: .9rem 0; }
    .indicator p { margin: .35rem 0; }
    .meta { color: var(--muted); font-size: .9rem; }
    .refs { color: var(--muted); font-size: .82rem; }
    .recommendation p { margin: .2rem 0; }
    ol.recommendations > li { margin-bottom: .8rem; }
    .peer { border: 1px solid var(--rule); border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
    .peer dl, .process dl { display: grid; grid-template-columns: minmax(9rem, max-content) minmax(0, 1fr); gap: .3rem 1rem; }
    .peer dt, .process dt { font-weight: 600; }
    .peer dd, .process dd { margin: 0; }
    .verbatim { white-space: pre-wrap; border: 1px solid var(--rule); background: #fcfcfc; padding: .8rem 1rem;
      font-family: Georgia, "DejaVu Serif", serif; }
    /* Phones. */
    @media (max-width: 40rem) {
      header.cover, main { padding-left: 1rem; padding-right: 1rem; }
      nav.toc ul { columns: 1; }
      dl.facts, .peer dl, .process dl { grid-template-columns: minmax(0, 1fr); }
      dl.facts dd, .peer dd, .process dd { margin-bottom: .3rem; }
      /* 13 units or more: at least 11 px where the 400-unit box is 345 px wide (a 375 px screen). */
      svg.radar:has(> polygon) .axis { font-size: 13.5px; }
      svg.radar:has(> polygon) .ring, svg.radar:has(> polygon) .legend { font-size: 13px; }
      svg.radar:has(> polygon) .mark { font-size: 16px; }
      /* Bar charts keep their size (text 11 px or more) and scroll in their figure. */
      figure.bars, figure.radar:not(:has(polygon)) { overflow-x: auto;
        background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
          linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
          radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) left / .9rem 100% no-repeat scroll,
          radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) right / .9rem 100% no-repeat scroll; }
      figure.bars svg, figure.radar svg.radar:not(:has(> polygon)) { max-width: none; }
      figure.bars figcaption, figure.radar:not(:has(polygon)) figcaption { position: sticky; left: 0; }
    }
    @media print {
      html { font-size: 10pt; }
      header.cover { border-bottom: 0; }
      nav.toc a { color: inherit; }
      /* A new page only before the report proper, after the cover; the sections and the annexes
         follow on, each after a rule (a page per section, or a forced page before the annexes,
         left pages nearly empty wherever the section before ended high on its page). */
      section { border-bottom: 0; border-top: 1px solid var(--rule); padding-bottom: .5rem; }
      main > section:first-child { break-before: page; page-break-before: always; border-top: 0; }
      h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
      p, li, dd { orphans: 3; widows: 3; }
      /* Whole: figures, rows, notes and the short blocks; long tables and a peer's block break. */
      figure, tr, .indicator, .recommendation, aside.note, .peer dt, .peer dd { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap, figure.bars, figure.radar { overflow: visible; background: none; }
      @page { size: A4; margin: 15mm 14mm; }
    }

    """
}
