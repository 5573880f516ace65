"""A report as text (the saved ``.txt`` file) and as HTML (what is printed): a title, then each
category under its heading, key/value lines or a table, in the agent's language."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from shared.features.sysinfo.engine import Report
from shared.features.sysinfo.protocol import Column
from shared.features.sysinfo.rows import Table
from shared.features.sysinfo.texts import (
    category_name,
    cells_shown,
    column_name,
    failed_text,
    nothing_text,
)

translate = QCoreApplication.translate

# Columns are padded to line up up to this width; a longer cell (a command line) just runs on.
MAX_ALIGN_CHARS = 40


def title(report: Report) -> str:
    if report.customer_name:
        return translate("Sysinfo", "System information: {name}").format(name=report.customer_name)
    return translate("Sysinfo", "System information")


def collected_text(report: Report) -> str:
    when = datetime.fromtimestamp(report.collected_at).strftime("%Y-%m-%d %H:%M")
    return translate("Sysinfo", "Collected {when}").format(when=when)


def _table_lines(table: Table) -> list[str]:
    if table.failed:
        return [failed_text(table.rows[0][0] if table.rows else "")]
    if not table.rows:
        return [nothing_text()]
    rows = [cells_shown(table.columns, row) for row in table.rows]
    if table.columns == (Column.PROPERTY, Column.VALUE):
        width = min(MAX_ALIGN_CHARS, max(len(row[0]) for row in rows))
        return [f"{row[0]:<{width}}  {row[1]}".rstrip() for row in rows]
    header = tuple(column_name(c) for c in table.columns)
    widths = [
        min(MAX_ALIGN_CHARS, max(len(r[i]) for r in [header, *rows])) for i in range(len(header))
    ]

    def line(cells: tuple[str, ...]) -> str:
        padded = [f"{c:<{w}}" for c, w in zip(cells[:-1], widths, strict=False)]
        return " | ".join([*padded, cells[-1]]).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths), *(line(r) for r in rows)]


def as_text(report: Report) -> str:
    heading = title(report)
    lines = [heading, "=" * len(heading), collected_text(report), ""]
    for category, table in report.tables:
        name = category_name(category)
        lines += [name, "-" * len(name), *_table_lines(table), ""]
    return "\n".join(lines)


def as_html(report: Report) -> str:
    """For QTextDocument (printing): every string escaped, nothing the customer sent is markup."""
    e = html.escape
    parts = [
        "<html><body>",
        f"<h1>{e(title(report))}</h1>",
        f"<p>{e(collected_text(report))}</p>",
    ]
    for category, table in report.tables:
        parts.append(f"<h2>{e(category_name(category))}</h2>")
        if table.failed:
            parts.append(f"<p>{e(failed_text(table.rows[0][0] if table.rows else ''))}</p>")
            continue
        if not table.rows:
            parts.append(f"<p>{e(nothing_text())}</p>")
            continue
        parts.append('<table border="1" cellspacing="0" cellpadding="2" width="100%">')
        if table.columns != (Column.PROPERTY, Column.VALUE):
            heads = "".join(f"<th align='left'>{e(column_name(c))}</th>" for c in table.columns)
            parts.append(f"<tr>{heads}</tr>")
        for row in table.rows:
            cells = "".join(f"<td>{e(c)}</td>" for c in cells_shown(table.columns, row))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
