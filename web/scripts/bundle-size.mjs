// The JavaScript a plan page loads on first visit: every script index.html names, and every module
// those import statically (modulepreload links included), gzipped. Fails the build above the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";

const budgetBytes = 300 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), "../../gateway/Gateway/wwwroot");
const html = readFileSync(join(root, "index.html"), "utf8");

const pending = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
let total = 0;
while (pending.length > 0) {
  const file = pending.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(root, file));
  const gzipped = gzipSync(code, { level: 9 }).length;
  total += gzipped;
  console.log(`  ${file}  ${(code.length / 1024).toFixed(1)} KB, gzip ${(gzipped / 1024).toFixed(1)} KB`);
  // Static imports of other chunks (import … from "./x.js"); dynamic import() is not a first load.
  for (const m of code.toString("utf8").matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    pending.push(posix.join(posix.dirname(file), m[1]));
  }
}
const verdict = total <= budgetBytes ? "within" : "OVER";
console.log(`Plan page first load: ${(total / 1024).toFixed(1)} KB of JavaScript (gzip), ${verdict} the budget of ${budgetBytes / 1024} KB.`);
if (total > budgetBytes) process.exit(1);
