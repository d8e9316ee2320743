import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
await p.goto('http://127.0.0.1:4203/?to=2026-06');
await p.locator('[data-testid="first-start"][data-state="ready"]').waitFor({ timeout: 120000 });
await p.locator('tr[data-indicator="H1"]').waitFor({ timeout: 60000 });
for (let i = 0; i < 4; i++) {
  await p.goto('http://127.0.0.1:4203/measures');
  await p.locator('h1').waitFor();
  const ms = await p.evaluate(() => new Promise((resolve) => {
    performance.clearMarks();
    const t0 = performance.now();
    const obs = new MutationObserver(() => { if (document.querySelector('tr[data-indicator="D9"]')) { obs.disconnect();
      const m = Object.fromEntries(performance.getEntriesByType('mark').map(e => [e.name, Math.round(e.startTime - t0)]));
      resolve({ total: Math.round(performance.now() - t0), ...m }); } });
    obs.observe(document.body, { subtree: true, childList: true });
    document.querySelector('a[href="/"]').click();
  }));
  console.log(JSON.stringify(ms));
}
await b.close();
