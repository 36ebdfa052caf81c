/** The staff pages' additions to the shared layout's styles: wider pages, tables, badges, charts. */
export const staffStyles = `
main{max-width:72rem}header.site{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header.site nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}header.site nav a{text-decoration:none;padding:.15rem 0}
header.site nav a[aria-current=page]{border-bottom:3px solid #f2b705}header.site .who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header.site form{margin:0}header.site button{background:transparent;border:1px solid #fff;padding:.2rem .7rem}
.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#1d4f91;padding:.5rem;z-index:10}
.table-wrap{overflow-x:auto;margin:.5rem 0}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #dde1e6;vertical-align:top}thead th{background:#eef1f5}td.num,th.num{text-align:right}
td.bar{width:45%}td.bar span{display:block;height:.9rem;background:#1d4f91;border-radius:2px;min-width:1px}
.grid{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}.stat{font-size:1.8rem;font-weight:700;margin:0}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;background:#e6ecf5;color:#163e73;white-space:nowrap}
.badge.warn{background:#fde8e8;color:#8a1216}.badge.ok{background:#e3f6e8;color:#1f5f2e}.badge.wait{background:#fff1cc;color:#5c4300}
.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:end}
.filters label.inline{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.75rem 0 .6rem}.filters p{grid-column:1/-1;margin:.75rem 0 0}
input[type=search],input[type=file]{width:100%;padding:.5rem;border:1px solid #8a94a3;border-radius:4px;font:inherit;background:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions form{margin:0}
button.secondary,.button.secondary{background:#fff;color:#1d4f91;border:1px solid #1d4f91}button.danger{background:#a4161a}
.timeline{list-style:none;padding:0 0 0 1rem;border-left:3px solid #c6d2e3;margin:0 0 0 .4rem}
.timeline li{position:relative;padding:0 0 .8rem}.timeline li::before{content:"";position:absolute;left:-1.55rem;top:.45rem;width:.7rem;height:.7rem;border-radius:50%;background:#1d4f91}
.timeline li.email::before{background:#f2b705}.timeline .meta{color:#555;font-size:.9rem}
ol.stages{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0}ol.stages li{padding:.2rem .7rem;background:#e6ecf5;border-radius:4px}
ol.stages li[aria-current]{background:#1d4f91;color:#fff}progress{width:100%;height:1.4rem}pre{white-space:pre-wrap;overflow-wrap:anywhere}
.pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.empty{padding:2rem 1rem;text-align:center;background:#fff;border:2px dashed #c6d2e3;border-radius:6px;font-size:1.1rem}
figure{margin:1rem 0}figure svg{width:100%;height:auto;max-width:46rem;display:block}figcaption{font-weight:600;margin:.5rem 0}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}.legend span{display:inline-block;width:.9rem;height:.9rem;margin-right:.35rem;vertical-align:-.1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0;min-width:0}
/* Email addresses and ids are long words: let them wrap rather than widen a phone's page. */
dl.facts dd,.timeline li,h1{overflow-wrap:anywhere}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}header.site{font-size:.95rem}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border:1px solid #d0d7e2;border-radius:4px;margin:0 0 .6rem;padding:.3rem .6rem}table.stack td{border:none;padding:.2rem 0;text-align:left}table.stack tr,table.stack td{box-sizing:border-box}
table.stack td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;color:#555}}
`;

/**
 * The map pages' rules (staff and public): the drawing at full width, its table right after it; on a
 * phone the drawing's labels placed for larger text (api/map/map-svg.ts, `labelLayers`).
 */
export const mapStyles = `
.map-layout{display:grid;gap:1rem;grid-template-columns:minmax(0,1fr)}
svg.pact-map{width:100%;height:auto;border:1px solid #dde1e6;border-radius:6px;background:#fff}
@media (max-width:40rem){svg.pact-map .labels-wide{display:none}svg.pact-map .labels-narrow{display:inline}}
.map-legend ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0}
.map-legend li{display:flex;align-items:center;gap:.35rem}
form.map-filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}form.map-filters label{margin:.25rem 0}
form.map-filters input,form.map-filters select{width:auto;min-width:9rem}
`;
