// The web pages in a real browser against the real system (run.sh starts it): the figures of the
// seeded plans, a register grant showing without a reload, the task filter, the phone width, and
// axe-core's accessibility rules.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { annualReport, api, gateway, grant, launch, makeAuthoritative, open, openReport, pages } from "./support.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The card of an indicator, found by the name the reader sees. */
function card(page, name) {
  return page.locator(".card", { has: page.locator("h3", { hasText: name }) });
}

describe("a plan page", () => {
  test("shows the municipal plan's national high-tech enterprise indicator at 7,420 → 11,600", async () => {
    const { page, context, errors } = await open(browser, "/plans/TJ-STI-14FYP");
    const highTech = card(page, "国家高新技术企业");

    assert.equal(await highTech.count(), 1);
    assert.equal((await highTech.locator("dd.baseline").innerText()).trim(), "7,420 家");
    assert.equal((await highTech.locator("dd.target").innerText()).trim(), "11,600 家");
    assert.match(await highTech.locator("dt").first().innerText(), /2020/);
    assert.deepEqual(errors, [], "no script error and nothing refused by the content security policy");
    await context.close();
  });

  test("opens an indicator's yearly chart with its source text from the keyboard", async () => {
    const { page, context, errors } = await open(browser, "/plans/TJ-STI-14FYP");
    const highTech = card(page, "国家高新技术企业");
    const button = highTech.locator("button.open");

    await button.focus();
    await page.keyboard.press("Enter");

    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await highTech.locator(".chart canvas").waitFor();
    assert.match(await highTech.locator(".indicator-details").innerText(), /原文出处[\s\S]*国家高新技术企业/);
    await highTech.locator("details summary").click();
    const row2025 = highTech.locator("table tbody tr", { has: page.locator("th", { hasText: "2025" }) });
    assert.match(await row2025.innerText(), /11,600/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("moves the Jinghai high-tech card within a few seconds of a grant in the register, without a reload", async () => {
    await makeAuthoritative("enterprises");
    const progress = async () => (await api("GET", "/api/v1/plans/JH-STI-14FYP/progress")).indicators.find((i) => i.code === "T1-04");
    const before = (await progress()).actual?.value ?? 0;
    const { page, context, errors } = await open(browser, "/plans/JH-STI-14FYP");
    const jinghai = page.locator('.card[data-indicator="T1-04"]');
    assert.match(await jinghai.locator("h3").innerText(), /国家高新技术企业/);
    await page.evaluate(() => {
      window.notReloaded = true;
    });

    await grant("120118", "HighTech", "天津静海网页测试科技有限公司");
    const granted = Date.now();

    const expected = (before + 1).toLocaleString("en-US");
    await jinghai.locator("dd.actual .value", { hasText: new RegExp(`^${expected}$`) }).waitFor({ timeout: 6000 });
    const seconds = (Date.now() - granted) / 1000;
    assert.ok(seconds < 6, `shown ${seconds} s after the grant`);
    assert.equal(await page.evaluate(() => window.notReloaded), true, "the page was not reloaded");
    assert.match(await jinghai.locator(".origin").innerText(), /登记系统自动统计/);
    assert.equal((await progress()).actual.value, before + 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("filters the Dongli plan's key tasks by 区科技局", async () => {
    const { page, context, errors } = await open(browser, "/plans/DL-STI-AP-2020-2022");
    const all = await page.locator("li.task").count();
    const expected = await api("GET", `/api/v1/plans/DL-STI-AP-2020-2022/tasks?unit=${encodeURIComponent("区科技局")}&pageSize=500&count=true`);

    await page.getByLabel("按单位筛选").selectOption("区科技局");
    await page.locator(".count", { hasText: "区科技局" }).waitFor();

    const shown = page.locator("li.task");
    assert.equal(await shown.count(), expected.totalCount);
    assert.ok(expected.totalCount > 0 && expected.totalCount < all, `${expected.totalCount} of ${all} tasks`);
    for (const task of await shown.all()) {
      const units = `${await task.locator(".lead-units").innerText()}、${await task.locator(".responsible-units").innerText()}`;
      assert.match(units, /区科技局/);
    }
    await page.getByLabel("按单位筛选").selectOption("");
    await page.locator(".count", { hasText: `共 ${all} 项任务` }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("the annual monitoring report page", () => {
  test("prints the municipal plan's title, issuer and the 11,600 high-tech target in rendered Chinese", async () => {
    const { page, context, errors, response } = await openReport(browser, annualReport);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"], /^text\/html/);
    assert.equal(await page.title(), "天津市科技创新“十四五”规划 2025年度监测报告");
    assert.equal((await page.locator("h1").innerText()).replace(/\s+/g, " "), "天津市科技创新“十四五”规划 2025年度监测报告");
    assert.match(await page.locator("p.meta").innerText(), /^天津市人民政府办公厅 · 截至2025年12月31日$/);
    const highTech = page.locator("tr", { has: page.locator("td", { hasText: /^T1-05$/ }) });
    assert.equal(await highTech.count(), 1);
    const cells = await highTech.locator("td").allInnerTexts();
    assert.deepEqual(cells.slice(0, 4), ["T1-05", "国家高新技术企业总量", "家", "11600"]);
    assert.ok((await page.locator("h2", { hasText: "重点任务进展" }).count()) === 1);
    // Rendered, not boxes: in the page's font two different characters draw differently (a font lacking them draws
    // the same missing-glyph box for both, as for a private-use character), and each is a full em wide.
    const drawn = await page.evaluate(() => {
      const glyph = (text) => {
        const canvas = document.createElement("canvas");
        canvas.width = 40;
        canvas.height = 40;
        const context = canvas.getContext("2d");
        context.font = `32px ${getComputedStyle(document.querySelector("h1")).fontFamily}`;
        context.fillText(text, 4, 32);
        return { pixels: Array.from(context.getImageData(0, 0, 40, 40).data).join(","), width: context.measureText(text).width };
      };
      return { nian: glyph("年"), bao: glyph("报"), missing: glyph("\uE000") };
    });
    assert.notEqual(drawn.nian.pixels, drawn.bao.pixels, "年 and 报 are drawn as two glyphs");
    assert.notEqual(drawn.nian.pixels, drawn.missing.pixels, "年 is not the missing-glyph box");
    assert.ok(Math.abs(drawn.nian.width - 32) < 0.5, `年 at 32 px measures ${drawn.nian.width} px`);
    assert.deepEqual(errors, [], "nothing refused by the page's content security policy");
    await context.close();
  });
});

describe("the roll-up page", () => {
  test("shows the municipal 11,600 high-tech target beside the districts' 3,680 and the gap of 7,920", async () => {
    const { page, context, errors } = await open(browser, "/rollup");
    const section = page.locator("section.rollup", { has: page.locator("code", { hasText: /^enterprises\.qualified\.HighTech$/ }) });
    assert.equal(await section.count(), 1);
    // From the seeds: Dongli 500, Baodi 280, Jinghai 400, Binhai High-tech Zone 2,500 (sum 3,680); 11,600 − 3,680 = 7,920.
    assert.match(await section.locator("p.sum").innerText(), /合计 3,680，市级目标 11,600 家，差额 7,920 家/);
    assert.equal(await section.locator("tbody tr").count(), 5);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("every page", () => {
  for (const { name, path } of pages) {
    test(`${name} (${path}) has no horizontal scroll 360 px wide`, async () => {
      const { page, context, errors } = await open(browser, path, { width: 360, height: 780 });
      const opener = page.locator(".card button.open").first();
      if ((await opener.count()) > 0) {
        await opener.click();
        await page.locator(".panel canvas").first().waitFor();
      }

      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `${path}: ${scrollWidth} px of content in ${clientWidth} px`);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(`${name} (${path}) has no serious or critical axe-core violation`, async () => {
      for (const width of [1280, 360]) {
        // axe-core is injected by the test, so the page's policy (scripts from its origin only) is bypassed here alone.
        const { page, context } = await open(browser, path, { width, bypassCSP: true });
        const opener = page.locator(".card button.open").first();
        if ((await opener.count()) > 0) await opener.click();
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
        const serious = violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
        assert.deepEqual(serious, [], `${path} at ${width} px`);
        await context.close();
      }
    });
  }

  test("an unknown address inside the pages says so, with a way back", async () => {
    const { page, context } = await open(browser, "/plans/NO-SUCH-PLAN");
    assert.match(await page.locator("h1").innerText(), /未找到该规划/);
    assert.equal(await page.locator("main a[href='/']").count(), 1);
    await context.close();
  });

  test("the navigation moves between the pages without a reload and keeps each address", async () => {
    const { page, context, errors } = await open(browser, "/");
    await page.evaluate(() => {
      window.notReloaded = true;
    });
    await page.getByRole("link", { name: "登记统计" }).click();
    await page.locator("main[data-ready] h1", { hasText: "登记统计" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/registers");
    await page.getByRole("link", { name: "市区对照" }).click();
    await page.locator("main[data-ready] h1", { hasText: "市区对照" }).waitFor();
    await page.goBack();
    await page.locator("main[data-ready] h1", { hasText: "登记统计" }).waitFor();
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
