"""An assessment as the readiness page, the evidence page, the history, the roadmap and the
report show it: rows of words built from the engine's codes through ``texts``. Written once,
read by every page and by the PDF report (which has no request: the cluster's slug makes the
links).

``rows`` holds the indicator rows (per area, and the roadmap's), ``labels`` what stands between
the cluster and a label (levels, minimum requirements, data gaps, the label held), ``evidence``
the records behind a value, and ``pages`` the readiness page's context, its pictures and the
indicator table as a sheet. Every name stays importable from here.
"""

from .evidence import (
    EVIDENCE_PAGE_SIZE,
    NOTE_WORDS,
    EvidenceRow,
    evidence_row,
    evidence_table,
    item_link,
    item_note,
)
from .labels import (
    DEFAULT_LABEL_VALIDITY,
    DataGap,
    LabelHeld,
    LabelRow,
    MinimumRow,
    data_gaps,
    label_held,
    label_rows,
    minimum_rows,
    minimum_value,
    unknown_text,
)
from .pages import (
    export_table,
    gauge,
    history_chart,
    radar,
    readiness_context,
)
from .rows import (
    AreaBlock,
    GapRow,
    IndicatorRow,
    RoadmapRow,
    area_blocks,
    gap_rows,
    indicator_row,
    indicator_url,
    known_results,
    roadmap_rows,
)

__all__ = [
    "AreaBlock",
    "DEFAULT_LABEL_VALIDITY",
    "DataGap",
    "EVIDENCE_PAGE_SIZE",
    "EvidenceRow",
    "GapRow",
    "IndicatorRow",
    "LabelHeld",
    "LabelRow",
    "MinimumRow",
    "NOTE_WORDS",
    "RoadmapRow",
    "area_blocks",
    "data_gaps",
    "evidence_row",
    "evidence_table",
    "export_table",
    "gap_rows",
    "gauge",
    "history_chart",
    "indicator_row",
    "indicator_url",
    "item_link",
    "item_note",
    "known_results",
    "label_held",
    "label_rows",
    "minimum_rows",
    "minimum_value",
    "radar",
    "readiness_context",
    "roadmap_rows",
    "unknown_text",
]
