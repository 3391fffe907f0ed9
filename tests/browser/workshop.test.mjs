// The workshop page in a real browser (Debian's headless Chromium), end to end: start
// `civicsim serve` on a free loopback port, load the page, pick a preset, move a slider with the
// keyboard, wait for the answer to change, check a displayed figure against the API's JSON for
// the same request, export the TOML and check that `civicsim compare` on it gives the same
// numbers, and save a screenshot. Run by ctest (tests/CMakeLists.txt) as
//   node workshop.test.mjs CIVICSIM_CLI SOURCE_DIR WORK_DIR
// Exits 0 when every check holds, 1 with the failures listed otherwise.

import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import {chromium} from 'playwright-core';

const [cli, sourceDir, workDir] = process.argv.slice(2);
if (!cli || !sourceDir || !workDir) {
  console.error('usage: node workshop.test.mjs CIVICSIM_CLI SOURCE_DIR WORK_DIR');
  process.exit(2);
}
mkdirSync(workDir, {recursive: true});
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

// The server, on a port the system picks; its first line says which.
const server = spawn(cli, ['serve', '--port', '0', '--threads', '2'],
                     {stdio: ['ignore', 'pipe', 'inherit']});
const base = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on('exit', (code) => reject(new Error(`civicsim serve exited with ${code}`)));
  setTimeout(() => reject(new Error('civicsim serve did not say where it listens')), 30000);
});

const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true,
                                       args: ['--no-sandbox']});
try {
  const page = await browser.newPage({viewport: {width: 1600, height: 1400}, acceptDownloads: true});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/', {waitUntil: 'load'});
  const answered = () => page.waitForFunction(
      () => document.getElementById('status').textContent.startsWith('Answered'), null,
      {timeout: 120000});
  await answered();

  // A preset: the rural-versus-urban case, scaled to the workshop's 20,000 residents.
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.selectOption('#preset', 'rural_vs_urban');
  await answered();
  const about = await page.textContent('#about');
  check(about.includes('Rural versus urban'), `the preset did not load: ${about}`);

  // Move B's officer time for reports up with the keyboard; wait for the differences to change.
  const before = await page.$eval('tr[data-outcome="expired"]', (r) => r.dataset.differenceMean);
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.focus('[id="b-police.report_share"]');
  for (let i = 0; i < 3; ++i) await page.keyboard.press('PageUp');
  await page.waitForFunction(
      (old) => {
        const row = document.querySelector('tr[data-outcome="expired"]');
        return row && row.dataset.differenceMean !== old &&
               document.getElementById('status').textContent.startsWith('Answered');
      },
      before, {timeout: 120000});
  const state = await page.evaluate(() => ({
    request: window.civicsimWorkshop.lastRequest,
    shown: [...document.querySelectorAll('tr[data-outcome]')].map((r) => ({
      name: r.dataset.outcome, difference: Number(r.dataset.differenceMean),
      text: r.querySelector('td.difference').textContent})),
  }));
  check(state.request.b['police.report_share'] > 0.05,
        `the slider did not move B's report share: ${JSON.stringify(state.request.b)}`);

  // The same request to the API gives the figures the page shows (common random numbers: the
  // same request, the same numbers).
  const api = await (await fetch(base + '/api/compare', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({...state.request, session: 'browser-test-check'})})).json();
  for (const row of state.shown) {
    const o = api.outcomes.find((x) => x.name === row.name);
    check(o !== undefined, `the API has no outcome ${row.name}`);
    if (!o || o.difference.mean === null) continue;
    check(o.difference.mean === row.difference,
          `${row.name}: the page shows ${row.difference}, the API ${o.difference.mean}`);
  }
  const expired = state.shown.find((r) => r.name === 'expired');
  check(expired && expired.difference < 0,
        `more officer time should let fewer reports expire: ${expired && expired.text}`);

  // Export the TOML; civicsim compare on it gives the API's means for A and B.
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.click('#export-toml')]);
  const toml = path.join(workDir, 'workshop-export.toml');
  await download.saveAs(toml);
  check(readFileSync(toml, 'utf8').includes('[[strategy]]'), 'the export has no [[strategy]]');
  const h5 = path.join(workDir, 'workshop-export.h5');
  execFileSync(cli, ['compare', toml, '--threads', '2', '--out', h5, '--force'],
               {stdio: ['ignore', 'ignore', 'inherit']});
  const means = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.join(path.dirname(path.dirname(cli)), 'python'))})
import civicsim
r = civicsim.open_results(${JSON.stringify(h5)})
out = {}
for name in ${JSON.stringify(api.outcomes.map((o) => o.name))}:
    e = r.estimate(name)
    out[name] = {s: (None if e.loc[s, "mean"] != e.loc[s, "mean"] else float(e.loc[s, "mean"]))
                 for s in ("baseline", "B")}
print(json.dumps(out))
`], {encoding: 'utf8'}));
  for (const o of api.outcomes) {
    const got = means[o.name];
    const close = (x, y) => (x === null && y === null) ||
                            (x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)));
    check(close(got.baseline, o.a.mean), `${o.name}: compare's A ${got.baseline}, API ${o.a.mean}`);
    check(close(got.B, o.b.mean), `${o.name}: compare's B ${got.B}, API ${o.b.mean}`);
  }

  check(errors.length === 0, `the page logged errors: ${errors.join('; ')}`);
  const shots = path.join(sourceDir, 'results', 'browser');
  mkdirSync(shots, {recursive: true});
  await page.screenshot({path: path.join(shots, 'workshop.png'), fullPage: true});
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

if (failures.length) {
  console.error(`workshop page: ${failures.length} check(s) failed:\n  ` + failures.join('\n  '));
  process.exit(1);
}
console.log('workshop page: every check holds');
