// The pages at their stable addresses, rendered in place: links within the site change the address
// with the History API, and the gateway answers each address with this same index.html.
import "./style.css";
import { disposeCharts } from "./charts";
import { h } from "./dom";
import { renderHome } from "./pages/home";
import { renderPlan } from "./pages/plan";
import { renderRegisters } from "./pages/registers";
import { renderRollup } from "./pages/rollup";

type Page = (main: HTMLElement, signal: AbortSignal) => Promise<void>;

const main = document.getElementById("main") as HTMLElement;
let leaving: AbortController | null = null;

function route(path: string): { page: Page; title: string } {
  const plan = /^\/plans\/([^/]+)\/?$/.exec(path);
  if (plan?.[1]) {
    const code = decodeURIComponent(plan[1]);
    return { page: (m, s) => renderPlan(m, s, code), title: "规划进展" };
  }
  switch (path.replace(/\/$/, "") || "/") {
    case "/":
      return { page: renderHome, title: "规划总览" };
    case "/registers":
      return { page: renderRegisters, title: "登记统计" };
    case "/rollup":
      return { page: renderRollup, title: "市区对照" };
    default:
      return {
        page: async (m) => {
          m.replaceChildren(h("h1", {}, "页面不存在"), h("p", {}, h("a", { href: "/" }, "返回规划总览")));
        },
        title: "页面不存在",
      };
  }
}

async function show(focus: boolean): Promise<void> {
  leaving?.abort();
  disposeCharts();
  const current = new AbortController();
  leaving = current;
  const { page, title } = route(window.location.pathname);
  document.title = `${title} · 天津科技创新规划进展`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav a")) {
    if (link.pathname === window.location.pathname) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  main.replaceChildren();
  delete main.dataset["ready"];
  await page(main, current.signal);
  if (current.signal.aborted) return;
  // Marks the page drawn (its first figures in place), for the browser tests and screenshots.
  main.dataset["ready"] = "true";
  // After a navigation within the site, screen readers and keyboards start at the new content.
  if (focus) main.focus();
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a");
  if (!link || link.origin !== window.location.origin || link.target || event.defaultPrevented) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.pathname.startsWith("/api/") || link.hash && link.pathname === window.location.pathname) return;
  event.preventDefault();
  window.history.pushState(null, "", link.pathname + link.search);
  void show(true);
});
window.addEventListener("popstate", () => void show(true));

void show(false);
