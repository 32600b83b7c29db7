/** The report's whole stylesheet, inlined so the file needs nothing from the network. */
export const REPORT_STYLES = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --line: #d0d7de; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 1100px; padding: 24px;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: #1f2328; background: #fff;
}
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; padding: 6px 8px; margin: 4px 0; white-space: pre-wrap;
  word-break: break-word; }
.muted, .note { color: #59636e; }
.charts {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px;
}
figure.metric { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
figcaption { margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg.chart .track { fill: #eef1f4; }
svg.chart .bar { fill: #0969da; }
svg.chart .label, svg.chart .value { fill: #1f2328; }
details.case {
  border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 4px 10px;
}
details.case > summary { cursor: pointer; }
.badge { display: inline-block; min-width: 52px; padding: 0 6px; border-radius: 10px;
  color: #fff; font-size: 12px; text-align: center; }
.badge.passed { background: var(--ok); }
.badge.failed { background: var(--bad); }
.badge.error { background: var(--warn); }
ol.turns { padding-left: 20px; }
li.turn { margin: 8px 0 16px; }
.who { display: block; font-weight: 600; font-size: 12px; color: #59636e; }
.text { white-space: pre-wrap; word-break: break-word; }
.user { background: #ddf4ff; padding: 6px 10px; border-radius: 6px; margin-bottom: 6px; }
.answer { background: #f6f8fa; padding: 6px 10px; border-radius: 6px; margin: 6px 0; }
ul.tools, ul.citations { padding-left: 18px; margin: 4px 0; }
.tool-result { color: #59636e; white-space: pre-wrap; word-break: break-word; }
tr.bad td, .bad, p.error { color: var(--bad); }
p.error { font-weight: 600; }
`;
