"""The shape of a page: chrome, title, publication stamp, byline and body.

News portals of the Party and the State wrap an article in chrome: breadcrumbs
("Tin Hoạt động >> Chính trị"), today's date ("Hôm nay, Chủ nhật ngày …"),
"Xem cỡ chữ", weather widgets, view and visitor counters, "Gửi cho bạn bè",
"Các tin khác", "Đăng nhập". The article is the run of lines from the headline
to the byline; what comes before the headline and after the byline is chrome,
and chrome lines inside are dropped by their look.

Formal documents (a report or plan with its header "ĐẢNG CỘNG SẢN VIỆT NAM",
"Số 25-BC/HU", a place-and-date line and a title in capitals) are laid out
differently and read by ``FormalHeader``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from danvan.extraction.chars import LOWER, UPPER
from danvan.extraction.numbers import FULL_DATE, find_full_dates, make_date

_CHROME_PHRASES = [
    r"xem cỡ chữ",
    r"cỡ chữ",
    r"in bài( viết)?",
    r"bản in",
    r"gửi (cho bạn bè|email|bài viết|tin)",
    r"chia sẻ",
    r"các tin (khác|đã đưa)",
    r"tin (khác|liên quan|cùng chuyên mục|mới( nhất)?|đọc nhiều|xem nhiều)",
    r"bài (viết )?(khác|liên quan)",
    r"xem (nhiều nhất|thêm|tiếp)",
    r"thông tin mới( nhất)?",
    r"thống kê truy cập",
    r"(đang )?online:?.*",
    r"(số )?lượt (xem|truy cập):?.*",
    r"lượt (xem|truy cập)",
    r"(hôm nay|trong tuần|trong tháng|tất cả|tổng( số)?|hôm qua):\s*[\d.,]+",
    r"đăng nhập",
    r"đăng ký",
    r"đăng xuất",
    r"tìm kiếm",
    r"trang chủ",
    r"liên hệ",
    r"sơ đồ (site|trang)",
    r"về đầu trang",
    r"quay lại",
    r"trở về",
    r"bình luận",
    r"ý kiến (bạn đọc|của bạn)",
    r"gửi ý kiến",
    r"(facebook|zalo|twitter|youtube)",
    r"(tags?|từ khóa|từ khoá):.*",
    r"bản quyền.*",
    r"©.*",
    r"copyright.*",
    r"giấy phép.*",
    r"(trưởng|phó) ban biên tập.*",
    r"chịu trách nhiệm (chính|nội dung).*",
    r"google",
    r"rss",
    r"print",
    r"email",
    r"top",
    r"video",
    r"ảnh",
    r"\(?gmt\s*\+\s*7\)?",
    # Site names and section labels of the portals.
    r"(cổng|trang) (thông tin|ttđt|tt điện tử)\b[^.]{0,60}",
    r"cổng ttđt\b[^.]{0,60}",
    r"(báo|tạp chí) điện tử\b[^.]{0,60}",
    r"website\b[^.]{0,60}",
    r"(tin|tin tức|thông tin) (hoạt động|sự kiện|trong (huyện|tỉnh|nước)|địa phương)"
    r"\b[^.]{0,25}",
    r"(tin tức|tin tức - sự kiện|tin hoạt động|hoạt động dân vận|tin ảnh|video clip)",
    r"(theo dõi|follow).*(facebook|zalo|youtube|chúng tôi).*",
]
_CHROME = re.compile(r"^\W*(?:" + "|".join(_CHROME_PHRASES) + r")\W*$", re.IGNORECASE)
_WEATHER = re.compile(
    r"(°\s*c\b|\d\s*o\s*c\b|độ ẩm|tốc độ gió|áp suất|thấp nhất|cao nhất\s*\d|"
    r"hpa\b|km/h)",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"(>>|»|›|\s>\s|\s/\s.*\s/\s|\s\|\s.*\s\|\s)")
_WEEKDAY = r"(thứ\s+(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)"
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(\s*:\s*\d{2})?\b")
_STAMP_LABEL = re.compile(
    r"(cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày cập nhật|ngày xuất bản|"
    r"thời gian đăng|ngày phát hành|published|posted|updated)",
    re.IGNORECASE,
)
_TODAY = re.compile(r"\bhôm nay\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_FORMAL_MARKS = re.compile(
    r"^(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM)",
)
DOC_TYPE_WORDS = [
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "THÔNG BÁO KẾT LUẬN",
    "CHƯƠNG TRÌNH",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "QUY ĐỊNH",
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "ĐỀ ÁN",
    "TỜ TRÌNH",
    "CÔNG VĂN",
    "QUY CHẾ",
    "BIÊN BẢN",
    "THÔNG TRI",
]
_OWN_NUMBER = re.compile(r"^Số\s*:?\s*(\d+[^\s,;]*)", re.IGNORECASE)
_PLACE_DATE = re.compile(
    rf"^[{UPPER}][^,]{{1,40}},\s*ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}})",
)
_NAME_TOKEN = rf"[{UPPER}][{LOWER}]+"
_BYLINE_NAME = re.compile(rf"^({_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})$")


def is_chrome(line: str) -> bool:
    """Does this line belong to the page around the article?"""
    text = line.strip()
    if not text or _PUNCT_ONLY.match(text):
        return True
    if _CHROME.match(text):
        return True
    if len(text) < 120 and _WEATHER.search(text):
        return True
    if len(text) < 80 and _BREADCRUMB.search(text) and not text.endswith("."):
        return True
    return len(text) < 80 and is_date_line(text)


def is_date_line(line: str) -> bool:
    """A line that is only a date stamp or a date header."""
    text = line.strip()
    rest = FULL_DATE.sub(" ", text)
    rest = _ISO_DATE.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(_WEEKDAY, " ", rest, flags=re.IGNORECASE)
    rest = _STAMP_LABEL.sub(" ", rest)
    rest = re.sub(
        r"(hôm nay|ngày|lúc|xem cỡ chữ|google|gmt\s*\+\s*7|\(|\))",
        " ",
        rest,
        flags=re.IGNORECASE,
    )
    has_date = bool(FULL_DATE.search(text) or _ISO_DATE.search(text))
    return has_date and not re.search(r"[^\W\d_]{2,}", rest)


def publication_date(line: str) -> dt.date | None:
    """The date of a publication stamp ("16/05/2020 09:44:27", "Cập nhật lúc …").

    A header showing today's date, and a bare weekday-and-date header, are not
    publication dates.
    """
    if _TODAY.search(line):
        return None
    labelled = bool(_STAMP_LABEL.search(line))
    timed = bool(_TIME.search(line))
    if not (labelled or timed):
        return None
    iso = _ISO_DATE.search(line)
    if iso and labelled:
        return make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    dates = find_full_dates(line)
    return dates[0][2] if dates else None


def looks_like_headline(line: str) -> bool:
    text = line.strip()
    words = text.split()
    if len(words) < 5 or len(text) > 300 or len(words) > 40:
        return False
    if len(words) > 25 and text.endswith((".", ";")):
        return False  # a paragraph, not a headline
    if is_chrome(text) or text.endswith(":"):
        return False
    if text.isupper():
        return False  # the portal's or the body's name in capitals
    return not text.startswith(("(", "-", "•", "*"))


# First words of bodies and media named after a byline ("Quang Anh - Báo Lào Cai").
_ORGANISATION_WORDS = {
    "Báo",
    "Đài",
    "Trung",
    "Ban",
    "Phòng",
    "Sở",
    "Hội",
    "Huyện",
    "Tỉnh",
    "Thị",
    "Xã",
    "Đảng",
    "Cổng",
    "Trang",
    "Tạp",
    "Công",
    "Ủy",
    "Uỷ",
    "Mặt",
    "Liên",
    "Bộ",
    "Cục",
    "Chi",
    "Đoàn",
    "Theo",
    "Nguồn",
    "Thông",
    "Tin",
}


def byline_authors(line: str) -> list[str]:
    """The authors a byline names ("Tin, ảnh: Thanh Tuấn" -> ["Thanh Tuấn"]).

    Several names may share one byline: "Quang Anh - Minh Thu", "Tin, ảnh:
    Hoàng Anh, Thu Hà". What follows a single name is an affiliation
    ("Kim Thoa. Trung tâm …", "Ngô Quyền-Văn phòng Huyện ủy", "(…)").
    """
    text = line.strip().rstrip(".")
    if (
        not text
        or text.startswith("(")
        or "http" in text
        or ".vn" in text
        or ".com" in text
    ):
        return []
    m = re.match(
        r"^(?:(?:tin|bài|ảnh|tin và ảnh|bài và ảnh|tin, ảnh|bài, ảnh|"
        r"tin/ảnh|bài/ảnh|nguồn tin|thực hiện|nhóm pv)\s*:\s*)(.+)$",
        text,
        re.IGNORECASE,
    )
    if m:
        text = m.group(1).strip()
    text = re.split(r"\.\s+|\s*\(", text)[0].strip(" ,.;")
    parts = re.split(
        rf"\s+[-–—]\s*|\s*[-–—]\s+|(?<=[{LOWER}])-(?=[{UPPER}])|\s*,\s*|\s+và\s+", text
    )
    names: list[str] = []
    for part in parts:
        found = _BYLINE_NAME.match(part.strip(" ,.;"))
        if not found or found.group(1).split()[0] in _ORGANISATION_WORDS:
            break  # an affiliation or a note: stop at the last name
        names.append(found.group(1))
    return names


def byline_author(line: str) -> str | None:
    """The first author a byline names, or None."""
    names = byline_authors(line)
    return names[0] if names else None


@dataclass
class FormalHeader:
    """What the header of a formal document says."""

    title: str | None = None
    own_number: str | None = None
    date: dt.date | None = None
    issuer_lines: list[str] = field(default_factory=list)
    type_word: str | None = None
    title_end: int = 0  # index of the first body line


def read_formal_header(lines: list[str]) -> FormalHeader | None:
    """Recognise a formal document and read its header, or return None."""
    head = lines[:25]
    marks = sum(bool(_FORMAL_MARKS.match(line)) for line in head)
    numbered = any(_OWN_NUMBER.match(line) for line in head)
    typed = [
        i
        for i, line in enumerate(head)
        if line.strip().upper() == line.strip()
        and any(line.strip().startswith(word) for word in DOC_TYPE_WORDS)
        and len(line.split()) <= 8
    ]
    if not typed or not (marks or numbered):
        return None
    header = FormalHeader()
    for i, line in enumerate(head[: typed[0]]):
        m = _OWN_NUMBER.match(line)
        if m and header.own_number is None:
            header.own_number = m.group(1).rstrip(".")
        d = _PLACE_DATE.match(line.strip())
        if d and header.date is None:
            header.date = make_date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
        if line.isupper() and not _FORMAL_MARKS.match(line) and i < typed[0]:
            header.issuer_lines.append(line.strip(" *-"))
    t = typed[0]
    type_line = lines[t].strip()
    header.type_word = next(w for w in DOC_TYPE_WORDS if type_line.startswith(w))
    subject: list[str] = []
    rest = type_line[len(header.type_word) :].strip()
    if rest:
        subject.append(rest)
    j = t + 1
    while j < len(lines) and len(subject) < 4:
        line = lines[j].strip()
        if not line:
            if subject:
                j += 1
                break
            j += 1
            continue
        if _PUNCT_ONLY.match(line) or re.fullmatch(r"[-–—_*\s]+", line):
            j += 1
            break
        if len(line) > 200 or line.endswith((".", ":")):
            break
        subject.append(line)
        j += 1
    type_text = header.type_word.capitalize()
    subject_text = " ".join(subject).strip()
    if subject_text and subject_text[0].isupper() and not subject_text.isupper():
        subject_text = subject_text[0].lower() + subject_text[1:]
    if subject_text.isupper():
        subject_text = subject_text.lower()
    header.title = f"{type_text} {subject_text}".strip()
    header.title_end = j
    return header


@dataclass
class Layout:
    """The article found in a page of text."""

    title: str | None
    published: dt.date | None
    authors: list[str]
    body_lines: list[str]
    formal: FormalHeader | None = None


def read_layout(text: str) -> Layout:
    lines = [line.strip() for line in text.split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line]
    formal = read_formal_header([lines[i] for i in nonblank]) if nonblank else None
    published = None
    for i in nonblank[:12] + nonblank[-6:]:
        date = publication_date(lines[i])
        if date:
            published = date
            break
    if formal:
        body = [lines[i] for i in nonblank[formal.title_end :]]
        return Layout(formal.title, published, [], body, formal)

    title_at = next((i for i in nonblank if looks_like_headline(lines[i])), None)
    if title_at is None:
        return Layout(
            None, published, [], [lines[i] for i in nonblank if not is_chrome(lines[i])]
        )
    title = lines[title_at]
    rest = [i for i in nonblank if i > title_at]
    if not rest:
        # One line only (a pasted paragraph): it is the body too.
        return Layout(title, published, [], [title])
    # The article ends at its last real paragraph; a byline may follow.
    last = max((i for i in rest if _is_paragraph(lines[i])), default=None)
    authors: list[str] = []
    body_idx = [i for i in rest if last is None or i <= last]
    if last is not None:
        for i in [i for i in rest if i > last][:3]:
            if is_chrome(lines[i]):
                continue
            names = byline_authors(lines[i])
            if names:
                authors.extend(names)
                body_idx.append(i)
            break
    body = [lines[i] for i in body_idx if not is_chrome(lines[i])]
    return Layout(title, published, authors, body)


def _is_paragraph(line: str) -> bool:
    if is_chrome(line):
        return False
    words = line.split()
    if len(words) < 20 and byline_authors(line):
        return False
    return len(words) >= 12 or (
        len(words) >= 6 and line.rstrip().endswith((".", "./.", "!", "?"))
    )
