// A plan's key tasks with their lead and responsible units and status, filtered by unit (lead or
// responsible) through the API's own `unit` filter.
import { must, plansApi, type KeyTask } from "../api/client";
import { failure, h } from "../dom";
import { taskLabels } from "../format";

async function tasksOf(code: string, unit: string, signal: AbortSignal): Promise<KeyTask[]> {
  const query = unit ? { unit, pageSize: 500 } : { pageSize: 500 };
  return must("重点任务", await plansApi.GET("/api/v1/plans/{code}/tasks", { params: { path: { code }, query }, signal })).items;
}

export async function renderTasks(code: string, signal: AbortSignal): Promise<HTMLElement> {
  const section = h("section", { "aria-labelledby": "tasks-title" }, h("h2", { id: "tasks-title" }, "重点任务"));
  let all: KeyTask[];
  try {
    all = await tasksOf(code, "", signal);
  } catch (error) {
    section.append(failure(error));
    return section;
  }
  if (all.length === 0) {
    section.append(h("p", {}, "该规划未列出重点任务。"));
    return section;
  }
  const units = [...new Set(all.flatMap((task) => [...task.leadUnits, ...task.responsibleUnits]))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const select = h("select", { id: "task-unit" }, h("option", { value: "" }, "全部单位"), ...units.map((unit) => h("option", { value: unit }, unit)));
  const count = h("p", { class: "count", role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "tasks" });
  const show = (tasks: KeyTask[], unit: string): void => {
    count.textContent = unit ? `${unit}牵头或参与的任务 ${tasks.length} 项（共 ${all.length} 项）` : `共 ${tasks.length} 项任务`;
    list.replaceChildren(...tasks.map(taskItem));
  };
  select.addEventListener("change", async () => {
    const unit = select.value;
    try {
      show(unit ? await tasksOf(code, unit, signal) : all, unit);
    } catch (error) {
      if (!signal.aborted) list.replaceChildren(failure(error));
    }
  });
  section.append(h("div", { class: "filter" }, h("label", { for: "task-unit" }, "按单位筛选"), select), count, list);
  show(all, "");
  return section;
}

function taskItem(task: KeyTask): HTMLElement {
  return h(
    "li",
    { class: "task", "data-task": task.code },
    h("h3", {}, h("span", { class: "task-code" }, task.code), " ", task.title, " ", h("span", { class: `badge task-${task.status}` }, taskLabels[task.status])),
    task.description ? h("p", {}, task.description) : null,
    h(
      "dl",
      {},
      h("dt", {}, "牵头单位"), h("dd", { class: "lead-units" }, task.leadUnits.join("、") || "—"),
      h("dt", {}, "责任单位"), h("dd", { class: "responsible-units" }, task.responsibleUnits.join("、") || "—"),
      task.dueYear ? h("dt", {}, "完成时限") : null, task.dueYear ? h("dd", {}, `${task.dueYear} 年`) : null,
      task.progressNote ? h("dt", {}, "进展") : null, task.progressNote ? h("dd", {}, task.progressNote) : null,
    ),
  );
}
