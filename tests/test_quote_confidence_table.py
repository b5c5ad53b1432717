"""The confidence table's rows (scripts/quote_confidence.py: ``table``): a cell is its share of
right records smoothed toward its form's share, and a thinly measured cell never ranks above
its form, so one lucky record cannot lift a new link class over the display threshold."""

from __future__ import annotations

from script_support import load_script


def _recs(form: str, link: str, right: int, wrong: int) -> list[dict[str, object]]:
    return ([{"form": form, "link": link, "record_ok": True}] * right
            + [{"form": form, "link": link, "record_ok": False}] * wrong)


def test_a_cell_of_few_records_is_capped_at_its_forms_share() -> None:
    qc = load_script("quote_confidence")
    recs = _recs("direct", "named", 85, 15) + _recs("direct", "after", 1, 0)
    rows = {(f, link): conf for f, link, _ok, _n, conf in qc.table(recs)}
    form_share = rows[("direct", "*")]
    assert form_share == round(86 / 101, 3)
    # smoothed alone, 1 of 1 would be (1 + 10 * 0.851) / 11 = 0.865 > the form's 0.851
    assert rows[("direct", "after")] == form_share


def test_a_well_measured_cell_keeps_its_own_estimate() -> None:
    qc = load_script("quote_confidence")
    recs = _recs("direct", "named", 50, 0) + _recs("direct", "unresolved", 10, 40)
    rows = {(f, link): conf for f, link, _ok, _n, conf in qc.table(recs)}
    assert rows[("direct", "*")] == 0.6
    assert rows[("direct", "named")] == round((50 + 10 * 0.6) / 60, 3)
    assert rows[("direct", "named")] > rows[("direct", "*")]
