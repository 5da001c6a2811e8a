"""The extractor never crashes: any input gives facts or a clear ExtractionError."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.extraction import FIELDS, ExtractionError, extract_bytes, extract_text
from danvan.extraction.tests.samples import (
    FORMAL_REPORT,
    NEWS,
    PORTAL_HTML,
    docx_bytes,
    minimal_pdf,
)

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check(data: bytes, name: str) -> None:
    try:
        facts = extract_bytes(data, name)
    except ExtractionError as exc:
        facts, reason = None, str(exc)
    if facts is None:
        assert reason  # a reason for the user, not a crash
        return
    assert set(FIELDS) <= set(facts)
    assert isinstance(facts["body"], str)
    for field in ("authors", "doc_refs", "people", "places", "figures", "movements"):
        assert isinstance(facts[field], list)


@SETTINGS
@given(st.text())
def test_random_unicode_text(text):
    facts = extract_text(text)
    assert set(FIELDS) <= set(facts)


@SETTINGS
@given(
    st.text(
        alphabet=st.sampled_from(
            'Đđ “”"%/-.,:;0123456789ABXYaăâbcđeêôơưÀÁẠẢÃạảãầấậẩẫ\nKế hoạch số xã huyện tỉnh đồng chí'
        ),
        max_size=3000,
    )
)
def test_genre_like_noise(text):
    facts = extract_text(text)
    assert set(FIELDS) <= set(facts)


@SETTINGS
@given(
    st.binary(max_size=5000),
    st.sampled_from(["x.txt", "x.html", "x.docx", "x.pdf", "x"]),
)
def test_binary_junk(data, name):
    check(data, name)


@SETTINGS
@given(st.data())
def test_truncated_files(data):
    sources = {
        "a.docx": docx_bytes(None, NEWS.split("\n")),
        "a.pdf": minimal_pdf(["Bao cao 9 thang", "co 21 mo hinh"]),
        "a.html": PORTAL_HTML.encode("utf-8"),
        "a.txt": FORMAL_REPORT.encode("utf-8"),
    }
    name = data.draw(st.sampled_from(sorted(sources)))
    whole = sources[name]
    cut = data.draw(st.integers(min_value=0, max_value=len(whole)))
    check(whole[:cut], name)


def test_huge_lines_and_empty_input():
    assert extract_text("")["body"] == ""
    facts = extract_text("Nguyễn Văn An " * 20000 + "\n" + "1.234 mô hình, " * 20000)
    assert set(FIELDS) <= set(facts)
    check(b"\n" * 100000, "blank.txt")
    check(("Kế hoạch số 1-KH/HU " * 50000).encode(), "long.txt")


def test_docx_with_a_broken_part():
    good = docx_bytes(None, ["Nội dung thử nghiệm của báo cáo"])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            zout.writestr(item, content)
    check(broken.getvalue(), "broken.docx")
