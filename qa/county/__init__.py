"""The county's view of its townships' reports: the indicator table, the required-contents check, shared themes."""

from __future__ import annotations

from qa.store import ReportRow
from qa.store.registry import Registry


def in_scope(registry: Registry, *, county: str | None = None, year: int | None = None,
             township: str | None = None) -> list[ReportRow]:
    """The reports a county view covers (each filter optional), by county, township (or body) and year."""
    rows = [r for r in registry.reports() if (county is None or r.meta.county == county)
            and (year is None or r.meta.year == year) and (township is None or r.meta.township == township)]
    return sorted(rows, key=lambda r: (r.meta.county or "", r.meta.township or r.meta.body or "", r.meta.year or 0,
                                       r.id))
