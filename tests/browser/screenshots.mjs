// The README's screenshots: each page at desktop (1280 px) and phone (360 px) width, and the municipal plan's
// annual monitoring report as printed, written to the folder given (docs/screenshots). run.sh starts a fresh
// system first; the enterprise register is declared complete for Tianjin and a few demonstration grants are
// made, so that live figures show.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { annualReport, grant, launch, makeAuthoritative, open, openReport } from "./support.mjs";

const folder = process.argv[2] ?? "screenshots";
const widths = { desktop: [1280, 900], phone: [360, 780] };
const shots = [
  { name: "home", path: "/" },
  { name: "plan", path: "/plans/TJ-STI-14FYP", open: "T1-05" },
  { name: "registers", path: "/registers" },
  { name: "rollup", path: "/rollup" },
];
/** How much of a long page is kept (the plan's key tasks run on for metres). */
const maxHeight = 2400;

mkdirSync(folder, { recursive: true });
await makeAuthoritative("enterprises");
for (const [division, name] of [["120118", "天津静海示例新材料有限公司"], ["120118", "天津静海示例智能装备有限公司"], ["120110", "天津东丽示例生物科技有限公司"], ["120115", "天津宝坻示例电子有限公司"]]) {
  await grant(division, "HighTech", name);
}

const browser = await launch();
try {
  for (const shot of shots) {
    for (const [kind, [width, height]] of Object.entries(widths)) {
      const { page, context, errors } = await open(browser, shot.path, { width, height });
      if (shot.open) {
        await page.locator(`.card[data-indicator="${shot.open}"] button.open`).click();
        await page.locator(`.card[data-indicator="${shot.open}"] .chart canvas`).waitFor();
        await page.waitForTimeout(500);
      }
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      const file = join(folder, `${shot.name}-${kind}.png`);
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(full, maxHeight) } });
      if (errors.length > 0) throw new Error(`${shot.path}: ${errors.join("; ")}`);
      console.log(`${file} (${width} px)`);
      await context.close();
    }
  }
  // The municipal plan's annual report as printed (the service's own page), at the desktop width, whole.
  const { page, context } = await openReport(browser, annualReport, { width: 1280, height: 900 });
  const file = join(folder, `annual-report-${annualReport.code}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${file} (1280 px)`);
  await context.close();
} finally {
  await browser.close();
}
