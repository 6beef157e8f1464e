// The one stylesheet of the human-facing pages (served at /assets/site.css, so the pages need no inline style).
export const SITE_CSS = `:root{color-scheme:light;--ink:#111827;--muted:#4b5563;--line:#d1d5db;--accent:#1f5f99;--bg:#fff}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:0 1rem 2rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic","Noto Naskh Arabic",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,mark:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{position:static}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;border-bottom:1px solid var(--line);padding:.5rem 0}
.site{margin:0;font-weight:600}
.site a{text-decoration:none;color:var(--ink)}
.langs{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.langs a[aria-current]{font-weight:700;text-decoration:none;color:var(--ink)}
h1{font-size:1.6rem;margin:1.2rem 0 .5rem}
h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.intro,.method{color:var(--muted)}
dl.report{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.report dt{font-weight:600}
dl.report dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{caption-side:bottom;text-align:start;color:var(--muted);font-size:.9rem;padding-top:.4rem}
th,td{border-bottom:1px solid var(--line);padding:.45rem .5rem;text-align:start;vertical-align:top}
thead th{border-bottom:2px solid var(--ink)}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
td.unknown{white-space:normal}
.basis{display:inline-block;font-size:.75rem;border-radius:.6rem;padding:0 .45rem;margin-inline-start:.3rem;border:1px solid var(--line);color:var(--muted)}
.basis.reported{border-color:#93c5fd;color:#1e3a8a}
.basis.derived{border-color:#d1d5db;color:#374151;background:#f3f4f6}
.basis.unknown{border-color:#fbbf24;color:#78350f;background:#fffbeb}
.range{color:var(--muted);font-size:.9rem}
figure{margin:1rem 0}
svg.chart{max-width:100%;height:auto;border:1px solid var(--line)}
.checks{padding-inline-start:1.2rem}
.check{margin:.4rem 0}
.badge{font-size:.75rem;font-weight:700;text-transform:uppercase;border-radius:.3rem;padding:0 .35rem;background:#fef3c7;color:#78350f}
.check.fail .badge{background:#fee2e2;color:#7f1d1d}
.csv code{font-size:.8rem;color:var(--muted)}
.source-text{white-space:pre-wrap;line-height:2;border:1px solid var(--line);padding:1rem;font-size:1.05rem;background:#fafafa}
mark{background:#fde68a;padding:.1rem 0;scroll-margin-block:30vh}
mark:target{background:#fcd34d;box-shadow:0 0 0 3px #f59e0b}
footer{margin-top:3rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
`;
