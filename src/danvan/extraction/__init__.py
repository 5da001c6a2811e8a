"""Reading facts out of Vietnamese news articles and work reports.

See ``danvan.extraction.facts`` for the pipeline.
"""

from danvan.extraction.api import (
    FIELDS,
    ExtractionError,
    ReportFacts,
    convert_bytes,
    extract_bytes,
    extract_file,
    extract_text,
)

__all__ = [
    "FIELDS",
    "ExtractionError",
    "ReportFacts",
    "convert_bytes",
    "extract_bytes",
    "extract_file",
    "extract_text",
]
