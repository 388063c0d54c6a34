// What a client team writes against the generated types: get a token, list plans, read progress,
// register an enterprise, grant it a qualification, patch a key task with If-Match, and read a
// problem's code. No casts and no `any`: if the documents are wrong, this does not compile.
// Run: node dist/src/program.js <gateway base URL> <client id> <client secret>
import createClient from "openapi-fetch";
import type { paths as GatewayPaths, components as GatewayComponents } from "../generated/gateway.js";
import type { paths as PlansPaths } from "../generated/plans.js";
import type { paths as EnterprisesPaths, components as EnterprisesComponents } from "../generated/enterprises.js";

type TokenRequest = GatewayComponents["schemas"]["TokenRequest"];
type CreateEnterpriseRequest = EnterprisesComponents["schemas"]["CreateEnterpriseRequest"];

const [baseUrl = "http://localhost:8080", clientId = "local-admin", clientSecret = ""] = process.argv.slice(2);

/** A Unified Social Credit Code (GB 32100-2015) of a company in Jinghai, both check characters right. */
function creditCode(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
  const organisationSum = digits.reduce((sum, d, i) => sum + d * (organisationWeights[i] ?? 0), 0);
  const organisationRest = 11 - (organisationSum % 11);
  const organisationCheck = organisationRest === 10 ? "X" : organisationRest === 11 ? "0" : String(organisationRest);
  const first17 = `91120118${digits.join("")}${organisationCheck}`;
  let weight = 1;
  let sum = 0;
  for (const c of first17) {
    sum += weight * alphabet.indexOf(c);
    weight = (weight * 3) % 31;
  }
  return first17 + alphabet.charAt((31 - (sum % 31)) % 31);
}

function fail(step: string, detail: string): never {
  throw new Error(`${step}: ${detail}`);
}

async function main(): Promise<void> {
  // 1. A token: the client-credentials grant, as a form; an OAuth error object when refused.
  const gateway = createClient<GatewayPaths>({ baseUrl });
  const grant: TokenRequest = { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret };
  const token = await gateway.POST("/connect/token", {
    body: grant,
    bodySerializer: (body) => new URLSearchParams(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string")),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (!token.data) {
    // The OAuth 2 error object from the grant, or a problem from the gateway (a body too large, a rate limit).
    const refusal = token.error;
    fail("token", "error" in refusal ? `${refusal.error}: ${refusal.error_description}` : refusal.code);
  }
  const headers = { Authorization: `Bearer ${token.data.access_token}` };
  console.log(`token: ${token.data.token_type}, ${token.data.expires_in} s, scopes ${token.data.scope}`);

  // 2. The published plans, and the progress of the first one.
  const plans = createClient<PlansPaths>({ baseUrl });
  const list = await plans.GET("/api/v1/plans", { params: { query: { status: "published", pageSize: 10 } } });
  if (!list.data) {
    fail("plans", list.error.code);
  }
  const first = list.data.items[0] ?? fail("plans", "no published plan");
  console.log(`plans: ${list.data.totalCount}, first ${first.code} ${first.title}`);

  const progress = await plans.GET("/api/v1/plans/{code}/progress", { params: { path: { code: first.code } } });
  if (!progress.data) {
    fail("progress", progress.error.code);
  }
  for (const indicator of progress.data.indicators.slice(0, 3)) {
    const actual = indicator.actual === null ? "no actual" : `actual ${indicator.actual.value}`;
    console.log(`progress: ${indicator.code} ${indicator.status}, ${actual}`);
  }

  // 3. Register an enterprise, then grant it HighTech.
  const enterprises = createClient<EnterprisesPaths>({ baseUrl, headers });
  const code = creditCode();
  const enterprise: CreateEnterpriseRequest = {
    creditCode: code, name: "天津某某新材料科技有限公司", regionCode: "120118", industry: "新材料", foundedOn: "2015-06-01",
  };
  const created = await enterprises.POST("/api/v1/enterprises", {
    body: enterprise,
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
  });
  if (!created.data) {
    fail("register", `${created.error.code}: ${created.error.detail ?? ""}`);
  }
  console.log(`registered: ${created.data.creditCode} ${created.data.name}`);

  const granted = await enterprises.POST("/api/v1/enterprises/{creditCode}/qualifications", {
    params: { path: { creditCode: code } },
    body: { type: "HighTech", certificateNumber: `GR${Date.now()}`.slice(0, 16), grantedOn: "2025-11-20" },
  });
  if (!granted.data) {
    fail("grant", `${granted.error.code}: ${granted.error.detail ?? ""}`);
  }
  console.log(`granted: ${granted.data.type} until ${granted.data.expiresOn}`);

  // 4. Report a key task's progress: a merge patch with the ETag of the last read.
  const planCode = "DL-STI-AP-2020-2022";
  const tasks = await plans.GET("/api/v1/plans/{code}/tasks", { params: { path: { code: planCode } } });
  if (!tasks.data) {
    fail("tasks", tasks.error.code);
  }
  const task = tasks.data.items[0] ?? fail("tasks", "the plan has no tasks");
  const read = await plans.GET("/api/v1/plans/{code}/tasks/{taskCode}", { params: { path: { code: planCode, taskCode: task.code } } });
  const etag = read.response.headers.get("ETag") ?? fail("task", "no ETag");
  const patched = await plans.PATCH("/api/v1/plans/{code}/tasks/{taskCode}", {
    params: { path: { code: planCode, taskCode: task.code }, header: { "If-Match": etag } },
    body: { status: "inProgress", progressNote: "已完成年度目标的60%" },
    headers: { ...headers, "Content-Type": "application/merge-patch+json" },
  });
  if (!patched.data) {
    fail("patch", `${patched.error.code}: ${patched.error.detail ?? ""}`);
  }
  console.log(`patched: ${patched.data.code} ${patched.data.status}, ETag ${patched.response.headers.get("ETag")}`);

  // 5. A problem's code: the same ETag again is stale now.
  const stale = await plans.PATCH("/api/v1/plans/{code}/tasks/{taskCode}", {
    params: { path: { code: planCode, taskCode: task.code }, header: { "If-Match": etag } },
    body: { progressNote: "重复提交" },
    headers: { ...headers, "Content-Type": "application/merge-patch+json" },
  });
  if (stale.error?.code !== "preconditionFailed") {
    fail("stale patch", `expected preconditionFailed, got ${stale.response.status} ${stale.error?.code ?? ""}`);
  }
  console.log(`stale patch: ${stale.response.status} ${stale.error.code} (request ${stale.error.requestId})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
