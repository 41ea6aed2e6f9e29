"""Anonymous peer reference files: indicator values of clusters elsewhere (a national
benchmarking programme, a network's survey) that join the peer portfolios.

A file is a sheet (CSV in any of the usual encodings and separators, or XLSX) with one row per
cluster and the columns ``country`` (ISO code or English name), ``technology_area``,
``gold_ready`` (yes/no, optional), ``score`` (optional, 0–1 or a percentage) and one column
per indicator id of the active framework (A1, B4…). Shares may be written 0.45 or 45 %.

Reading never writes: ``reference_read`` gives a preview with every problem per row and
column. A cluster's upload waits under ``benchmarking/references/<cluster id>/<token>`` in the
media storage until it is applied (whole, in one transaction) or abandoned. Nothing that could
name a cluster is kept: columns other than the ones above are reported and left out.

``reading`` makes the preview; ``storing`` imports, deletes and keeps the uploads waiting.
Every name stays importable from here.
"""

from .reading import (
    AREA,
    COUNTRY,
    GOLD,
    HEADERS,
    INDICATOR_LIKE,
    MAX_AREA,
    MAX_ROWS,
    SCORE,
    Entry,
    Preview,
    Problem,
    ReferenceFileError,
    country_code,
    indicator_value,
    reference_read,
    share_value,
)
from .storing import (
    ABANDONED_AFTER,
    ALLOWED_SUFFIXES,
    MAX_BYTES,
    MAX_NAME,
    MAX_SOURCE,
    TOKEN,
    Upload,
    reference_delete,
    reference_import,
    reference_upload,
    reference_upload_apply,
    reference_upload_discard,
    reference_upload_save,
)

__all__ = [
    "ABANDONED_AFTER",
    "ALLOWED_SUFFIXES",
    "AREA",
    "COUNTRY",
    "Entry",
    "GOLD",
    "HEADERS",
    "INDICATOR_LIKE",
    "MAX_AREA",
    "MAX_BYTES",
    "MAX_NAME",
    "MAX_ROWS",
    "MAX_SOURCE",
    "Preview",
    "Problem",
    "ReferenceFileError",
    "SCORE",
    "TOKEN",
    "Upload",
    "country_code",
    "indicator_value",
    "reference_delete",
    "reference_import",
    "reference_read",
    "reference_upload",
    "reference_upload_apply",
    "reference_upload_discard",
    "reference_upload_save",
    "share_value",
]
