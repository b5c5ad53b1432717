// Small pieces shared by the views: quote cards, pagers, filter forms.
import { h, fmtDate, clear } from "./dom.js";
import { hashFor, exportUrl, PARAM_LABELS } from "./api.js";

export function speakerLine(q) {
  const who = q.speaker || q.speaker_text || "unattributed";
  const person = q.canonical_id
    ? h("a", { href: hashFor("people", [q.canonical_id]), class: "speaker" }, who)
    : h("span", { class: "speaker" + (q.named === false ? " anonymous" : "") }, who);
  const extra = [q.role, q.affiliation].filter(Boolean).join(", ");
  return h("span", { class: "who" }, person, extra ? h("span", { class: "role" }, " — " + extra) : null);
}

/** A quote as a card: the words, who said them, where and when; opens in its article. */
export function quoteCard(q) {
  const open = hashFor("article", [q.article_id], { quote: q.id });
  return h("article", { class: "quote-card", "data-quote-id": q.id, "data-article-id": q.article_id },
    h("blockquote", { class: "quote-text kind-" + (q.kind || "direct") }, q.text || ""),
    h("div", { class: "quote-meta" },
      speakerLine(q),
      h("span", { class: "kind" }, q.kind || ""),
      q.shown === false ? h("span", { class: "hidden-quote", title: "Not shown by default: the record's confidence "
        + (q.confidence == null ? "" : `(${q.confidence}) `) + "is below 0.9" }, "below 0.9 confidence") : null,
      h("span", { class: "src" }, [q.publisher, fmtDate(q.published)].filter(Boolean).join(" · ")),
      h("a", { class: "open", href: open, title: "Open the article with this quote highlighted" }, "evidence →")));
}

/** The link between the quotes shown by default (a record confidence of 0.9 or more) and
 * all of them (`include_hidden=true`); `go(params)` is the view's hash for those parameters. */
export function hiddenQuotesToggle(params, go) {
  return params.include_hidden === "true"
    ? h("a", { class: "quotes-toggle", id: "quotes-shown-only", href: go({ ...params, include_hidden: null, offset: null }) },
      "Shown quotes only")
    : h("a", { class: "quotes-toggle", id: "quotes-all", href: go({ ...params, include_hidden: "true", offset: null }),
      title: "Also the quotes whose record confidence is below 0.9 (reported speech without quotation marks, and quotes whose speaker link is less sure)" },
    "Also the quotes below 0.9 confidence");
}

export function pager(page, onGo) {
  const { total, limit, offset } = page;
  const prev = h("button", { type: "button", class: "prev", disabled: offset <= 0 }, "← previous");
  const next = h("button", { type: "button", class: "next", disabled: offset + limit >= total }, "next →");
  prev.addEventListener("click", () => onGo(Math.max(0, offset - limit)));
  next.addEventListener("click", () => onGo(offset + limit));
  const shown = total ? `${offset + 1}–${Math.min(total, offset + limit)} of ${total}` : "none";
  return h("div", { class: "pager" }, prev, h("span", { class: "count" }, shown), next);
}

/** A filter form; calls onApply(values) on submit (Enter in any field, or the Apply button).
 * A field is [name, label, type] with type text (default), date, or select (then a fourth
 * item lists the options as [value, label]). */
export function filterForm(fields, values, onApply, suggestions = {}) {
  const inputs = {};
  const form = h("form", { class: "filters", "aria-label": "Filters" },
    fields.map(([name, label, type, options]) => {
      let input;
      if (type === "select") {
        input = h("select", { name, id: "f-" + name },
          h("option", { value: "" }, "any"),
          options.map(([v, l]) => h("option", { value: v, selected: String(values[name] || "") === v }, l)));
      } else {
        input = h("input", { type: type || "text", name, id: "f-" + name, value: values[name] || "", maxlength: 200,
          list: suggestions[name] ? "dl-" + name : null });
      }
      inputs[name] = input;
      const hints = suggestions[name];
      return h("label", { for: "f-" + name }, label, input,
        hints ? h("datalist", { id: "dl-" + name }, hints.map((o) => h("option", { value: o }))) : null);
    }),
    h("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const out = {};
    for (const [k, el] of Object.entries(inputs)) if (el.value.trim()) out[k] = el.value.trim();
    onApply(out);
  });
  return form;
}

/** Show an error as a readable message beside the form whose values caused it, and mark
 * the fields at fault (aria-invalid, described by the message). Clears an earlier one. */
export function formError(form, err) {
  let box = form.nextElementSibling;
  if (!box || !box.classList.contains("form-error")) {
    box = h("p", { class: "form-error error", role: "alert", id: (form.id || "filters") + "-error" });
    form.after(box);
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) { el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby"); }
  const fields = (err && err.fields) || {};
  const named = Object.keys(fields).filter((k) => form.elements.namedItem(k));
  for (const k of named) {
    const el = form.elements.namedItem(k);
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", box.id);
  }
  clear(box).append(err && err.message ? err.message : String(err));
  if (named.length) form.elements.namedItem(named[0]).focus();
  return box;
}

/** A list view's body: the form first, then what load() renders; a refused request shows
 * its message beside the form instead of replacing the view, so it can be corrected. */
export async function withForm(root, form, load) {
  root.appendChild(form);
  try {
    const nodes = await load();
    for (const n of [nodes].flat()) if (n) root.appendChild(n);
  } catch (err) {
    if (!err || err.name !== "ApiError") throw err;
    formError(form, err);
  }
}

/** Facets: counts per outlet, outlet country and language, each a link that filters by it
 * (and, when it is the filter in force, a link that clears it). */
export function facetBox(facets, params, go) {
  const groups = [["outlet", "Outlet"], ["outlet_country", "Outlet country"], ["language", "Language"]];
  const unit = facets.of === "quotes" ? "quotes" : "articles";
  return h("aside", { class: "facets", "aria-label": "Facets" },
    groups.map(([key, label]) => {
      const values = facets[key] || [];
      const active = params[key];
      return h("section", { class: "facet facet-" + key, "data-facet": key },
        h("h3", {}, label),
        values.length ? h("ul", {}, values.map((v) => h("li", { class: active === v.value ? "active" : "" },
          h("a", { href: go({ ...params, [key]: v.value, offset: null }), "data-value": v.value,
            title: `${v.n} ${unit} from ${v.value}` }, v.value),
          " ", h("span", { class: "n" }, `(${v.n})`)))) : h("p", { class: "muted" }, "none recorded"),
        active ? h("a", { class: "clear", href: go({ ...params, [key]: null, offset: null }) }, `× any ${label.toLowerCase()}`) : null);
    }));
}

/** A link that downloads the list as now filtered, every page, as CSV. */
export function exportLink(kind, params, what) {
  return h("a", { class: "export button", href: exportUrl(kind, params), download: `newsledger-${kind}.csv`,
    title: `Download ${what || kind} as now filtered (every page) as CSV` }, "Export CSV");
}

/** A table in a box that scrolls sideways on a narrow screen (focusable, so the keyboard scrolls it too). */
export function scrollBox(table, label) {
  return h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": label }, table);
}

/** "Filtered by outlet country GB, source type expert": the filters in force, with a link clearing them. */
export function activeFilters(params, names, clearHref) {
  const on = names.filter((k) => params[k]);
  if (!on.length) return null;
  return h("p", { class: "muted active-filters" }, "Filtered by ",
    on.map((k) => `${(PARAM_LABELS[k] || k).toLowerCase()} ${params[k]}`).join(", "), " · ",
    h("a", { href: clearHref }, "clear all"));
}

export function empty(text) {
  return h("p", { class: "muted empty" }, text);
}

/** The filters of a list without its paging (facets and exports cover every page). */
export function withoutPaging(params) {
  const out = { ...params };
  delete out.offset;
  delete out.limit;
  return out;
}
