"""The minutes of a dialogue (biên bản đối thoại trực tiếp) as a Party paper.

Laid out by ``common.paper`` in the Party layout (Hướng dẫn 36-HD/VPTW), as
the meetings' minutes: the holding body's header, "BIÊN BẢN" and the subject
("Đối thoại trực tiếp giữa … với …"), the time, place and participants, the
opinions raised, each with the answer given at the dialogue or the body it
was assigned to and its due date (and its answer since, when given), signed
by the leader who held it and the secretary. Made when asked, unnumbered
(the number is written when it is filed): answered with ``serve_bytes``.
"""

from __future__ import annotations

from django.utils.text import slugify

from danvan.common import paper
from danvan.dialogues.models import Issue, Session
from danvan.meetings.services.papers import archive_line, header_lines, place_of

BLANK_NUMBER = "      "
ROMAN = ("I", "II", "III", "IV")


def reference(session: Session) -> str:
    code = session.body.abbreviation
    return f"{BLANK_NUMBER}-BB/{code}" if code else f"{BLANK_NUMBER}-BB"


def subject(session: Session) -> str:
    return (
        f"Đối thoại trực tiếp giữa {session.leader_title} {session.leader_name} "
        f"với {session.audience}"
    )


def _issue_paras(number: int, issue: Issue) -> list[paper.Para]:
    topic = f" ({issue.topic.name})" if issue.topic is not None else ""
    paras = [
        paper.Para(
            runs=(
                paper.Run(f"{number}. {issue.raised_by}{topic}: ", bold=True),
                paper.Run(issue.content),
            )
        )
    ]
    if issue.status == Issue.Status.ANSWERED:
        paras.append(
            paper.Para(
                runs=(
                    paper.Run("Trả lời tại buổi đối thoại: ", italic=True),
                    paper.Run(issue.answer),
                )
            )
        )
    else:
        body = issue.assigned_body.name if issue.assigned_body else ""
        due = f", hạn trả lời ngày {issue.due_on:%d/%m/%Y}" if issue.due_on else ""
        paras.append(
            paper.Para(
                runs=(
                    paper.Run("Giao giải quyết: ", italic=True),
                    paper.Run(f"{body}{due}."),
                )
            )
        )
        if issue.status == Issue.Status.DONE and issue.answered_on:
            paras.append(
                paper.Para(
                    runs=(
                        paper.Run(
                            f"Đã trả lời ngày {issue.answered_on:%d/%m/%Y}: ",
                            italic=True,
                        ),
                        paper.Run(issue.answer),
                    )
                )
            )
    return paras


def _body(session: Session, issues: list[Issue]) -> list[paper.Para]:
    facts = [
        paper.Para(f"- Thời gian: ngày {session.held_on:%d/%m/%Y}.", indent=False),
    ]
    if session.place:
        facts.append(paper.Para(f"- Địa điểm: {session.place}.", indent=False))
    facts.append(
        paper.Para(
            f"- Chủ trì: đồng chí {session.leader_name}, {session.leader_title}.",
            indent=False,
        )
    )
    audience = session.audience
    if session.participants:
        audience = f"{audience} ({session.participants} người tham dự)"
    facts.append(paper.Para(f"- Thành phần: {audience}.", indent=False))
    sections: list[tuple[str, list[paper.Para]]] = [
        ("THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", facts)
    ]
    content = []
    if session.subject:
        content.append(paper.Para(f"Nội dung đối thoại: {session.subject}."))
    content += [
        paper.Para(line) for line in session.summary.split("\n") if line.strip()
    ]
    if content:
        sections.append(("NỘI DUNG", content))
    raised: list[paper.Para] = []
    for number, issue in enumerate(issues, 1):
        raised += _issue_paras(number, issue)
    if not raised:
        raised.append(paper.Para("Không có ý kiến nào được nêu."))
    sections.append(("Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI, GIẢI QUYẾT", raised))
    answered = sum(1 for i in issues if i.status == Issue.Status.ANSWERED)
    sections.append(
        (
            "KẾT LUẬN",
            [
                paper.Para(
                    f"Buổi đối thoại tiếp nhận {len(issues)} ý kiến; trả lời trực "
                    f"tiếp {answered} ý kiến, giao giải quyết {len(issues) - answered}"
                    " ý kiến theo thời hạn nêu trên."
                )
            ],
        )
    )
    paras: list[paper.Para] = []
    for roman, (heading, content_paras) in zip(ROMAN, sections, strict=False):
        paras.append(paper.Para(f"{roman}. {heading}", bold=True, indent=False))
        paras += content_paras
    paras.append(
        paper.Para(
            "Buổi đối thoại kết thúc cùng ngày; biên bản đã được đọc lại và thông qua."
        )
    )
    return paras


def build(session: Session, issues: list[Issue]) -> paper.Paper:
    """The minutes of ``session`` with its ``issues`` (in their order)."""
    superior, issuer = header_lines(session.body)
    return paper.Paper(
        superior=superior,
        issuer=issuer,
        reference=reference(session),
        place=place_of(session.area),
        date=session.held_on,
        title="BIÊN BẢN",
        subject=subject(session),
        body=_body(session, issues),
        recipients=["- Các cơ quan được giao giải quyết,", archive_line(session.body)],
        signature=paper.Signature(
            "CHỦ TRÌ", session.leader_title.upper(), session.leader_name
        ),
        secretary=paper.Signature("THƯ KÝ", "", ""),
        layout=paper.PARTY_LAYOUT,
    )


def minutes_docx(session: Session, issues: list[Issue]) -> bytes:
    return paper.render(build(session, issues))


def filename(session: Session) -> str:
    name = slugify(session.audience)[:40]
    return f"bien-ban-doi-thoai-{session.held_on:%Y-%m-%d}-{name}.docx"
