"""A plain-text summary of a report, for a person to read."""

from __future__ import annotations

from ..models import Quantity, Quote, Report


def quote_line(q: Quote) -> str:
    src = q.source
    who = "(unattributed)"
    if src is not None:
        who = src.name or (src.span.text if src.span else "?")
        # a group's role repeats its name ("Some analysts (analysts)"): show it once
        extra = ", ".join(x for x in (src.role, src.affiliation)
                          if x and x.casefold() not in who.casefold())
        if extra:
            who += f" ({extra})"
    cue = q.cue.text if q.cue else "(no cue)"  # a floating quotation
    content = " … ".join(s.text for s in q.content)
    return f"{who} — {cue} — {content}  [{q.kind}]"


def render_text(r: Report) -> str:
    a = r.article
    out = [f"# {a.title or a.source.path or a.id}",
           f"id {a.id}  published {a.published or '?'}  language {a.language}"]
    if r.entities:
        out.append("\n## Entities")
        for e in r.entities:
            role = ", ".join(x for x in (e.role, e.affiliation) if x)
            out.append(f"- {e.label:6} {e.name}" + (f" ({role})" if role else "")
                       + f"  ×{len(e.mentions)}")
    if r.quotes:
        out.append("\n## Quotes")
        out.extend(f"- {quote_line(q)}" for q in r.quotes)
    if r.quantities:
        out.append("\n## Figures")
        for n in r.quantities:
            m = f" — {n.measures}" if n.measures else ""
            out.append(f"- {n.span.text}: {figure_text(n)} {n.unit or ''} ({'vague' if n.vague else n.bound}){m}")
    if r.times:
        out.append("\n## Time")
        out.extend(f"- {t.span.text}: {t.value} ({t.kind})" for t in r.times)
    if r.places:
        out.append("\n## Places")
        for p in r.places:
            where = (f"{p.gazetteer_name}, {p.admin1 or ''} {p.country_code or ''} "
                     f"({p.lat:.3f}, {p.lon:.3f}) geonames:{p.geonameid}"
                     if p.resolved and p.lat is not None and p.lon is not None else "unresolved")
            out.append(f"- {p.name}: {where}  ×{len(p.mentions)} [{p.role}]")
    if r.events:
        shown = [ev for ev in r.events if ev.shown]
        hidden = len(r.events) - len(shown)
        out.append("\n## Events" + (f" (shown by default; {hidden} more below the confidence bar or not "
                                      "asserted as occurrences: `--format json` has them)" if hidden else ""))
        for ev in shown:
            s = ev.source_actor.name if ev.source_actor else "?"
            t = ev.target_actor.name if ev.target_actor else "?"
            acled = ev.acled_sub_event_type or (f"outside ACLED: {ev.non_acled}" if ev.non_acled else "-")
            lead = " (lead)" if ev.id == r.main_event_id else ""
            date = f" {ev.date}" if ev.date else ""
            out.append(f"- {ev.plover_type} / {acled} {s} → {t}: “{ev.trigger.text}”{date} "
                       f"[{ev.modality}, {ev.confidence:.2f}]{lead}")
    warnings = [*a.warnings, *r.warnings]  # the input's (W1xx), then the layers'
    if warnings:
        out.append("\n## Warnings")
        out.extend(f"- {w}" for w in warnings)
    return "\n".join(out) + "\n"


def figure_text(n: Quantity) -> str:
    """A figure as a reader should take it: its range where the text gives one ("thousands"
    is 1000-10000, not its midpoint 5500; "between 20 and 30"), else its value."""
    if n.low is not None and n.high is not None and n.low != n.high:
        return f"{n.low:g}–{n.high:g}"
    return f"{n.value}"
