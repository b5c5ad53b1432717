// Building DOM safely. Article content is untrusted: it only ever goes into text nodes
// (textContent / createTextNode) and into attributes set one by one, never parsed as markup.

const SAFE_ATTR = /^(class|id|href|rel|list|title|type|name|value|placeholder|min|max|step|for|role|tabindex|colspan|lang|checked|disabled|selected|maxlength|autocomplete|download|scope|aria-[a-z-]+|data-[a-z0-9-]+)$/;

/** h("div", {class: "x"}, "text", child, [more children]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const SVG_ATTR = /^(class|id|d|cx|cy|r|x|y|x1|x2|y1|y2|width|height|viewBox|transform|points|fill|stroke|stroke-width|text-anchor|font-size|preserveAspectRatio|role|tabindex|aria-[a-z-]+|data-[a-z0-9-]+)$/;

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!SVG_ATTR.test(k)) throw new Error("attribute not allowed: " + k);
    el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "on") { for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn); continue; }
    if (!SAFE_ATTR.test(k)) throw new Error("attribute not allowed: " + k);
    if (k === "href" && !safeHref(String(v))) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** Only in-app links (hash routes, same-origin paths) and http(s) links to sources. */
export function safeHref(href) {
  return href.startsWith("#") || href.startsWith("/") || /^https?:\/\//i.test(href);
}

export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmtDate(iso) {
  return iso ? String(iso).slice(0, 10) : "undated";
}

export function fmtNum(x) {
  if (x === null || x === undefined) return "";
  return Number(x).toLocaleString("en-GB", { maximumFractionDigits: 2 });
}
