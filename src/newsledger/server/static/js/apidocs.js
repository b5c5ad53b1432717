// API page: the OpenAPI document rendered from /api/openapi.json (Swagger UI needs a CDN).
import { h, append } from "./dom.js";

export async function apiDocsView(root) {
  const res = await fetch("/api/openapi.json");
  const spec = await res.json();
  const ops = [];
  for (const [path, methods] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(methods)) ops.push({ path, method, op });
  }
  append(root, h("h1", {}, `${spec.info.title} API ${spec.info.version}`),
    h("p", {}, spec.info.description || ""),
    h("p", {}, "Machine-readable: ", h("a", { href: "/api/openapi.json" }, "/api/openapi.json"), " (OpenAPI ", spec.openapi, ")."),
    ops.map(({ path, method, op }) => h("section", { class: "endpoint" },
      h("h3", {}, h("code", {}, method.toUpperCase() + " " + path), " ", op.summary || ""),
      op.description ? h("p", {}, op.description) : null,
      (op.parameters || []).length ? h("table", { class: "grid params" },
        h("thead", {}, h("tr", {}, h("th", {}, "Parameter"), h("th", {}, "In"), h("th", {}, "Type"), h("th", {}, "Description"))),
        h("tbody", {}, op.parameters.map((p) => h("tr", {}, h("td", {}, h("code", {}, p.name), p.required ? " *" : ""), h("td", {}, p.in),
          h("td", {}, describeType(p.schema || {})), h("td", {}, p.description || (p.schema && p.schema.description) || ""))))) : null)));
}

function describeType(schema) {
  if (schema.anyOf) return schema.anyOf.map(describeType).filter((t) => t !== "null").join(" | ");
  const bits = [schema.type || ""];
  if (schema.maximum !== undefined) bits.push(`≤ ${schema.maximum}`);
  if (schema.minimum !== undefined) bits.push(`≥ ${schema.minimum}`);
  if (schema.maxLength !== undefined) bits.push(`max ${schema.maxLength} chars`);
  if (schema.pattern) bits.push(schema.pattern);
  return bits.filter(Boolean).join(", ");
}
