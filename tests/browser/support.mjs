// What the browser tests and the screenshot script share: Debian's chromium driven by playwright-core
// (no browser download), the system's address and admin client (from run.sh), and the API calls they
// make with a token of that client.
import { chromium } from "playwright-core";

export const gateway = process.env.GATEWAY_URL ?? "http://localhost:8080";
const clientId = process.env.ADMIN_CLIENT_ID ?? "local-admin";
const clientSecret = process.env.ADMIN_CLIENT_SECRET ?? "";

/** The pages, each at its address, once per kind of page (the three plans differ in what they hold). */
export const pages = [
  { name: "home", path: "/" },
  { name: "plan-municipal", path: "/plans/TJ-STI-14FYP" },
  { name: "plan-jinghai", path: "/plans/JH-STI-14FYP" },
  { name: "plan-dongli", path: "/plans/DL-STI-AP-2020-2022" },
  { name: "registers", path: "/registers" },
  { name: "rollup", path: "/rollup" },
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    // Root in a container has no user namespace for chromium's sandbox.
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
}

/** Opens a page and waits until it is drawn (main[data-ready]); fails on any script or policy error. */
export async function open(browser, path, { width = 1280, height = 900, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN", bypassCSP, reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(gateway + path);
  await page.locator("main[data-ready]").waitFor({ timeout: 15000 });
  return { page, context, errors };
}

let token = null;
export async function api(method, path, body) {
  token ??= await tokenOf();
  const response = await fetch(gateway + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function tokenOf() {
  const response = await fetch(`${gateway}/connect/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

/** A Unified Social Credit Code (GB 32100-2015) registered in a division, both check characters right. */
export function creditCode(division) {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
  const rest = 11 - (digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11);
  const first17 = `91${division}${digits.join("")}${rest === 10 ? "X" : rest === 11 ? "0" : String(rest)}`;
  let weight = 1;
  let sum = 0;
  for (const c of first17) {
    sum += weight * alphabet.indexOf(c);
    weight = (weight * 3) % 31;
  }
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

/** Registers an enterprise in a division and grants it a qualification of the type given. */
export async function grant(division, type, name) {
  const code = creditCode(division);
  await api("POST", "/api/v1/enterprises", { creditCode: code, name, regionCode: division, industry: "新材料", foundedOn: "2015-06-01" });
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await api("POST", `/api/v1/enterprises/${code}/qualifications`, { type, certificateNumber: `GR${Date.now()}`.slice(0, 16), grantedOn: yesterday });
  return code;
}

/** Declares a register complete for Tianjin, so the indicators bound to its metrics take its figures. */
export function makeAuthoritative(register) {
  return api("PUT", `/api/v1/regions/120000/registers/${register}`, { authoritative: true, since: "2026-01-01" });
}

/** The municipal plan's annual monitoring report for its target year, as the printable page (a public read). */
export const annualReport = { code: "TJ-STI-14FYP", year: 2025 };

/**
 * Opens a plan's annual report page (the service's own HTML, not the web pages) through the gateway and waits until
 * its fonts are ready; the page runs no script, so errors collects what its policy refused.
 */
export async function openReport(browser, { code, year }, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN", reducedMotion: "reduce" });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  const response = await page.goto(`${gateway}/api/v1/plans/${code}/reports/${year}?format=html`);
  await page.evaluate(() => document.fonts.ready);
  return { page, context, errors, response };
}
