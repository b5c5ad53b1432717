// A refused filter, said in words beside the form that sent it (not the API's raw JSON).
import { h, clear } from "./dom.js";

const DATE_HINT = "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD";

/** The API's error ("422 [{loc, msg}]" from api.js, or any other) as [field, sentence] pairs. */
export function problems(err) {
  const fields = (err && err.fields) || {};
  if (Object.keys(fields).length) return Object.entries(fields); // api.js's ApiError: already in words
  const text = String((err && err.message) || err || "");
  const m = /^(\d{3})\s+([\s\S]*)$/.exec(text);
  if (!m) return [[null, text]];
  let detail;
  try { detail = JSON.parse(m[2]); } catch (_) { return [[null, m[2] || text]]; }
  if (typeof detail === "string") return [[null, detail]];
  if (!Array.isArray(detail)) return [[null, m[2]]];
  return detail.map((d) => {
    const loc = Array.isArray(d.loc) ? d.loc : [];
    let field = loc.length > 1 ? String(loc[loc.length - 1]) : null;
    let msg = String(d.msg || "");
    const named = field ? null : /^(?:\[E\d+\] )?([a-z_]+): ([\s\S]+)$/.exec(msg); // the query layer: "[E350] since: ..."
    if (named) { field = named[1]; msg = named[2]; }
    return [field, sentence(field, msg)];
  });
}

function sentence(field, msg) {
  if ((field === "since" || field === "until") && /pattern/i.test(msg)) return DATE_HINT;
  if (/valid number/i.test(msg)) return "is not a number";
  const range = /greater than or equal to ([\d.]+)|less than or equal to ([\d.]+)/i.exec(msg);
  if (range) return range[1] !== undefined ? `must be at least ${range[1]}` : `must be at most ${range[2]}`;
  if (/at most (\d+) characters/i.test(msg)) return msg.replace(/^String should have/i, "is too long: at most").replace(/characters?$/, "characters");
  return msg.replace(/^Value error, /, "");
}

/** Show the problems of ``err`` in ``box`` (beside ``form``), naming each field by its label
 *  and marking its input invalid. ``labels``: field name -> what the form calls it. */
export function showFormError(box, form, err, labels = {}) {
  clear(box);
  for (const el of form ? form.querySelectorAll("[aria-invalid]") : []) el.removeAttribute("aria-invalid");
  const lines = problems(err).map(([field, text]) => {
    const input = field && form ? form.elements[field] : null;
    if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    const name = field ? (labels[field] || field) : null;
    return h("li", { "data-field": field || "" }, name ? `${name}: ${text}` : text);
  });
  box.appendChild(h("p", {}, "These filters cannot be applied:"));
  box.appendChild(h("ul", {}, lines));
  box.hidden = false;
}
