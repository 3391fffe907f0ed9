// The HTML report in a real browser (Debian's headless Chromium): every chart drew, the decision
// table's figures are the results file's, nothing is wider than a 1280-pixel window, and a
// screenshot for a person to look at. Run by ctest (tests/CMakeLists.txt) as
//   node report.test.mjs CIVICSIM_CLI SOURCE_DIR WORK_DIR
// Exits 0 when every check holds, 1 with the failures listed otherwise.

import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

import {chromium} from 'playwright-core';

const [cli, sourceDir, workDir] = process.argv.slice(2);
if (!cli || !sourceDir || !workDir) {
  console.error('usage: node report.test.mjs CIVICSIM_CLI SOURCE_DIR WORK_DIR');
  process.exit(2);
}
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

// A comparison of the workshop town (its [report] table names the headline outcomes), short
// enough for a test but with three replications, so that intervals and marks exist, and two
// draws of its [[uncertain]] parameters for the Robustness section.
mkdirSync(workDir, {recursive: true});
const results = path.join(workDir, 'browser-report.h5');
const report = path.join(workDir, 'browser-report.html');
execFileSync(cli, ['compare', path.join(sourceDir, 'scenarios/workshop_town.toml'), '--days', '90',
                   '--replications', '3', '--robust', '2', '--threads', '2', '--out', results,
                   '--report', report, '--explain', 'rule triage', '--force'],
             {stdio: ['ignore', 'ignore', 'inherit']});
const expected = JSON.parse(execFileSync(
    '/usr/bin/python3', [path.join(sourceDir, 'tests/browser/expected_figures.py'), results],
    {encoding: 'utf8'}));

const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true,
                                       args: ['--no-sandbox']});
try {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(report).href, {waitUntil: 'load'});
  check(errors.length === 0, `the page logged errors: ${errors.join('; ')}`);

  // Every chart drew: each canvas has pixels that are not transparent.
  const canvases = await page.$$eval('canvas', (all) => all.map((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) ++painted;
    return {id: c.id, painted, width: c.width, height: c.height};
  }));
  check(canvases.length >= 20, `only ${canvases.length} charts`);
  for (const c of canvases)
    check(c.width > 0 && c.height > 0 && c.painted > 500, `chart ${c.id} is blank`);

  // The Why section explains rule triage: a sentence and a table per headline outcome.
  const why = await page.$$eval('#why li', (all) => all.map((li) => li.textContent));
  const whyTables = await page.$$eval('#why table.why', (all) => all.length);
  check(why.length >= 1 && why.every((s) => s.startsWith('Rule triage')),
        `the Why section has no sentences on rule triage: ${why.join(' | ')}`);
  check(whyTables === why.length, `${whyTables} Why tables for ${why.length} sentences`);

  // The findings are there, and every figure of the decision table is the results file's: the
  // exact value in its data attributes, and the figure a reader sees, rounded from it.
  const sentences = await page.$$eval('#findings li', (all) => all.map((li) => li.textContent));
  check(sentences.length === expected.strategies.length - 1,
        `${sentences.length} finding sentences for ${expected.strategies.length - 1} strategies`);
  const cells = await page.$$eval('table.decision td[data-metric]', (all) => all.map((td) => ({
    strategy: td.dataset.strategy, metric: td.dataset.metric, mean: td.dataset.mean,
    difference: td.dataset.difference, text: td.innerText.split('\n')[0],
  })));
  check(cells.length >= 2 * 4, `only ${cells.length} decision-table cells`);
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  // The first figure a cell shows, in the file's unit: "−83.9 points" -> -0.839, "84 %" -> 0.84,
  // "€1,469,244" -> 1469244.
  const shown = (text) => {
    const m = text.replace(/[✔✘€,]/g, '').replace(/−/g, '-')
                  .match(/([-+]?\d+(?:\.\d+)?)( %| points?)?/);
    if (!m) return NaN;
    return Number(m[1]) / (m[2] ? 100 : 1);
  };
  for (const cell of cells) {
    const want = expected.figures[cell.metric]?.[cell.strategy];
    check(want !== undefined, `no figure for ${cell.metric} / ${cell.strategy} in the file`);
    if (!want) continue;
    const isBaseline = cell.strategy === expected.strategies[0];
    const value = isBaseline ? want.mean : want.difference;
    const attribute = Number(isBaseline ? cell.mean : cell.difference);
    const label = `${cell.metric} / ${cell.strategy}`;
    if (value === null) {
      check(cell.text.trim() === 'n/a', `${label}: undefined in the file, shown as ${cell.text}`);
      continue;
    }
    check(close(attribute, value), `${label}: page has ${attribute}, the file ${value}`);
    if (!isBaseline) check(close(Number(cell.mean), want.mean), `${label}: mean differs`);
    // Three significant digits, or whole numbers from 1,000 on.
    const seen = shown(cell.text);
    check(Math.abs(seen - value) <= 0.006 * Math.abs(value) + 1e-12 ||
              (Math.abs(value) >= 1000 && Math.abs(seen - value) <= 0.5),
          `${label}: the page shows "${cell.text}" for ${value}`);
  }

  // The Robustness section: a cell per strategy and tallied outcome, its shares the file's.
  const robust = await page.$$eval('#robustness td[data-metric]', (all) => all.map((td) => ({
    strategy: td.dataset.strategy, metric: td.dataset.metric, best: Number(td.dataset.best),
    near: Number(td.dataset.nearBest), text: td.innerText,
  })));
  const tallied = Object.values(expected.robustness).reduce(
      (n, outcomes) => n + Object.keys(outcomes).length, 0);
  check(tallied > 0 && robust.length === tallied,
        `${robust.length} robustness cells for ${tallied} in the file`);
  for (const cell of robust) {
    const want = expected.robustness[cell.strategy]?.[cell.metric];
    const label = `robustness ${cell.metric} / ${cell.strategy}`;
    check(want !== undefined, `${label}: not in the file`);
    if (!want) continue;
    check(close(cell.best, want[0]) && close(cell.near, want[1]),
          `${label}: page has ${cell.best}, ${cell.near}, the file ${want[0]}, ${want[1]}`);
    check(cell.text.startsWith(`best in ${Math.round(100 * want[0])} %`),
          `${label}: the page shows "${cell.text}"`);
  }

  // Nothing is wider than the window: the page does not scroll sideways, and every element
  // outside a table's own scrolling box lies within 1280 pixels.
  const layout = await page.evaluate(() => {
    const wide = [];
    for (const e of document.body.querySelectorAll('*')) {
      if (e.closest('.scroll')) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 0.5)
        wide.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} to ${Math.round(r.right)}`);
    }
    return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
  });
  check(layout.scrollWidth <= 1280, `the page is ${layout.scrollWidth} pixels wide`);
  check(layout.wide.length === 0, `wider than the window: ${layout.wide.join(', ')}`);

  // The map: one tile per neighbourhood in each map.
  const tiles = await page.$$eval('#where ~ .maps svg', (all) => all.map((s) =>
    s.querySelectorAll('rect').length));
  check(tiles.length > 0 && tiles.every((n) => n === tiles[0] && n > 1),
        `map tiles per map: ${tiles.join(', ')}`);

  const shots = path.join(sourceDir, 'results', 'browser');
  mkdirSync(shots, {recursive: true});
  await page.screenshot({path: path.join(shots, 'workshop_town_report.png'), fullPage: true});
  console.log(`${canvases.length} charts, ${sentences.length} findings, ${cells.length} ` +
              `decision-table cells, ${robust.length} robustness cells, ${tiles.length} maps ` +
              `checked; screenshot in ${shots}`);
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed:\n  ` + failures.join('\n  '));
  process.exit(1);
}
