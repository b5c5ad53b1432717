// Small pieces shared by the views: quote cards, pagers, filter forms.
import { h, fmtDate } from "./dom.js";
import { hashFor } from "./api.js";

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
      h("span", { class: "src" }, [q.publisher, fmtDate(q.published)].filter(Boolean).join(" · ")),
      h("a", { class: "open", href: open, title: "Open the article with this quote highlighted" }, "evidence →")));
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

/** A filter form with text/date inputs; calls onApply(values) on submit. */
export function filterForm(fields, values, onApply, suggestions = {}) {
  const inputs = {};
  const form = h("form", { class: "filters" },
    fields.map(([name, label, type]) => {
      const options = suggestions[name];
      const input = h("input", { type: type || "text", name, id: "f-" + name, value: values[name] || "", maxlength: 200,
        list: options ? "dl-" + name : null });
      inputs[name] = input;
      return h("label", { for: "f-" + name }, label, input,
        options ? h("datalist", { id: "dl-" + name }, options.map((o) => h("option", { value: o }))) : null);
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

export function empty(text) {
  return h("p", { class: "muted empty" }, text);
}
