"""Minutes (biên bản) and conclusion notices (thông báo kết luận) of a meeting.

Each is numbered once in the documents register (``issue_document``: the next
number of the convening body's sequence, per Party term) and laid out as a
Party paper (``danvan.common.paper``). The file is kept; generating again
after the conclusions changed rewrites the file under the same number and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.common import paper
from danvan.common.audit import acting_as
from danvan.common.text import fold, normalize
from danvan.meetings.models import GeneratedDocument, Meeting, Task
from danvan.meetings.services.meetings import (
    _check_meeting_editor,
    carried_forward,
    chair_label,
    position_title,
)
from danvan.units.models import Area, Body

# Register kind (as ``issue_document`` takes it) and the paper's title.
PAPER_KINDS = {
    GeneratedDocument.Kind.MINUTES: ("Biên bản", "BIÊN BẢN"),
    GeneratedDocument.Kind.NOTICE: ("Thông báo", "THÔNG BÁO"),
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]

# Titles a signer signs with, by the kind of the convening body, first match.
_COMMITTEE_ROLES = ["Phó Bí thư", "Bí thư", "Ủy viên Ban Thường vụ"]
_BOARD_ROLES = ["Phó Trưởng Ban", "Trưởng Ban"]
_OTHER_ROLES = ["Phó Chủ tịch", "Chủ tịch", *_BOARD_ROLES, *_COMMITTEE_ROLES[:2]]


@dataclass(frozen=True)
class PaperOptions:
    """What the office may set before generating: date, signature, recipients."""

    issued_on: dt.date
    signer_capacity: str
    signer_title: str
    signer_name: str
    recipients: list[str]


def _upper(text: str) -> str:
    return normalize(text).upper()


def _province(area: Area) -> Area | None:
    if area.level == Area.Level.PROVINCE:
        return area
    return area.ancestors().filter(level=Area.Level.PROVINCE).first()


def header_lines(body: Body) -> tuple[str, str]:
    """The superior body and the issuing body, in capitals, as 36-HD sets them.

    A board writes its committee above its own short name ("TỈNH ỦY LÀO CAI" /
    "BAN TUYÊN GIÁO VÀ DÂN VẬN"); a committee below the province writes the
    provincial Party organisation above ("ĐẢNG BỘ TỈNH LÀO CAI" / "ĐẢNG ỦY XÃ
    TRẠM TẤU"); a provincial committee stands alone.
    """
    name = body.name
    parent = body.parent
    if body.kind == Body.Kind.PARTY_BOARD and parent is not None:
        if fold(name).endswith(fold(parent.name)):
            name = name[: len(name) - len(parent.name)].strip()
        return _upper(parent.name), _upper(name)
    if body.kind == Body.Kind.PARTY_COMMITTEE:
        province = _province(body.area)
        if province is None or province.pk == body.area_id:
            return "", _upper(name)
        return f"ĐẢNG BỘ {_upper(province.full_name)}", _upper(name)
    return (_upper(parent.name) if parent else ""), _upper(name)


def place_of(area: Area) -> str:
    """The place of the date line: the area's name ("Trạm Tấu", "Lào Cai")."""
    if area.level == Area.Level.VILLAGE and area.parent is not None:
        area = area.parent
    return area.name


def archive_line(body: Body) -> str:
    """The last recipient: the file copy kept by the office."""
    if body.kind == Body.Kind.PARTY_COMMITTEE:
        words = body.name.split()
        if len(words) >= 2 and fold(words[1]) == "uy":
            return f"- Lưu Văn phòng {words[0]} {words[1]}."
        return "- Lưu Văn phòng."
    if body.kind == Body.Kind.PARTY_BOARD:
        return "- Lưu Văn phòng Ban."
    return "- Lưu Văn thư."


def _role(title: str, body: Body) -> str:
    roles = {
        Body.Kind.PARTY_COMMITTEE: _COMMITTEE_ROLES,
        Body.Kind.PARTY_BOARD: _BOARD_ROLES,
    }.get(Body.Kind(body.kind), _OTHER_ROLES)
    key = fold(title)
    for role in roles:
        if fold(role) in key:
            return role.upper()
    return ""


def _chair_name(meeting: Meeting) -> str:
    if meeting.chair is not None:
        return meeting.chair.full_name
    name = meeting.chair_name.split(",")[0].strip()
    if fold(name).startswith("dong chi "):
        name = name[len("đồng chí ") :].strip()
    return name


def _chair_title(meeting: Meeting) -> str:
    if meeting.chair is not None:
        return position_title(meeting.chair, meeting.held_on, meeting.convening_body)
    _name, _sep, title = meeting.chair_name.partition(",")
    return title.strip()


def secretary_signature(meeting: Meeting) -> paper.Signature:
    """The secretary's block of the minutes; the name left blank when not set."""
    name = meeting.secretary.full_name if meeting.secretary else ""
    return paper.Signature("THƯ KÝ", "", name)


def default_signature(meeting: Meeting, kind: str) -> paper.Signature:
    """Who signs: the chair, for the committee's standing board or the board."""
    name = _chair_name(meeting)
    if kind == GeneratedDocument.Kind.MINUTES:
        return paper.Signature("CHỦ TRÌ HỘI NGHỊ", "", name)
    body = meeting.convening_body
    role = _role(_chair_title(meeting), body)
    if body.kind == Body.Kind.PARTY_COMMITTEE:
        return paper.Signature("T/M BAN THƯỜNG VỤ", role, name)
    if body.kind == Body.Kind.PARTY_BOARD:
        capacity = "K/T TRƯỞNG BAN" if role == "PHÓ TRƯỞNG BAN" else ""
        return paper.Signature(capacity, role or "TRƯỞNG BAN", name)
    return paper.Signature(f"T/M {_upper(body.name)}", role, name)


def default_recipients(meeting: Meeting, kind: str) -> list[str]:
    """The notice's recipients."""
    body = meeting.convening_body
    lines = []
    if kind == GeneratedDocument.Kind.NOTICE:
        if body.kind == Body.Kind.PARTY_BOARD and body.parent is not None:
            lines.append(f"- Thường trực {body.parent.name} (b/c),")
        lines.append("- Các đồng chí dự hội nghị,")
        # The owner bodies of the meeting's tasks and of those carried to it:
        # their keys in one query, then the bodies (each read from an index).
        own = (
            Task.objects.filter(meeting=meeting)
            .order_by()
            .values_list("owner_body", flat=True)
        )
        carried = (
            carried_forward(meeting).order_by().values_list("owner_body", flat=True)
        )
        keys = list(own.union(carried))
        owners = Body.objects.filter(pk__in=keys).order_by("path")
        lines += [f"- {owner.name}," for owner in owners]
    lines.append(archive_line(body))
    return lines


def paper_options(meeting: Meeting, kind: str) -> PaperOptions:
    """The options of a paper: as last generated, else the defaults."""
    # Read from the meeting's papers (prefetched by its page: no query per kind).
    kept = next((g for g in meeting.generated_documents.all() if g.kind == kind), None)
    if kept is not None:
        return PaperOptions(
            kept.issued_on,
            kept.signer_capacity,
            kept.signer_title,
            kept.signer_name,
            [line for line in kept.recipients.split("\n") if line.strip()],
        )
    signature = default_signature(meeting, kind)
    return PaperOptions(
        meeting.held_on,
        signature.capacity,
        signature.title,
        signature.name,
        default_recipients(meeting, kind),
    )


def meeting_phrase(meeting: Meeting) -> str:
    """ "Hội nghị giao ban công tác dân vận tháng 9/2026", from the title."""
    title = meeting.title
    if fold(title).startswith("hoi nghi"):
        return "Hội nghị" + title[len("Hội nghị") :]
    return f"Hội nghị {title[:1].lower()}{title[1:]}"


def _comrade(label: str) -> str:
    return label if fold(label).startswith("dong chi") else f"đồng chí {label}"


def subject(meeting: Meeting, kind: str) -> str:
    """The subject line under the title."""
    if kind == GeneratedDocument.Kind.MINUTES:
        return meeting_phrase(meeting)
    chair = chair_label(meeting)
    if chair:
        return f"Kết luận của {_comrade(chair)} tại {meeting_phrase(meeting)}"
    return f"Kết luận tại {meeting_phrase(meeting)}"


def _due(task: Task) -> str:
    return f"; hoàn thành trước ngày {task.due_on:%d/%m/%Y}" if task.due_on else ""


def _task_line(task: Task, with_title: bool) -> str:
    what = f": {task.title.rstrip('.')}" if with_title else " chủ trì thực hiện"
    return f"- Giao {task.owner_body.name}{what}{_due(task)}."


def _period_dates(meeting: Meeting) -> str:
    start, end = meeting.period_start, meeting.period_end
    if not start or not end:
        return ""
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def period_phrase(meeting: Meeting) -> str:
    """ "quý II/2021 (từ ngày … đến ngày …)", or the dates alone for other dates."""
    dates = _period_dates(meeting)
    if not dates or meeting.period_type == Meeting.PeriodType.CUSTOM:
        return dates
    return f"{meeting.period_label} ({dates})"


def _period_clause(meeting: Meeting) -> str:
    """ ", kỳ đánh giá quý II/2021 (từ ngày … đến ngày …)", or only the dates
    when the title already names the period."""
    phrase = period_phrase(meeting)
    if not phrase:
        return ""
    label = meeting.period_label
    if meeting.period_type != Meeting.PeriodType.CUSTOM and fold(label) in fold(
        meeting.title
    ):
        return f" ({_period_dates(meeting)})"
    return f", kỳ đánh giá {phrase}"


def _participants(meeting: Meeting) -> list[str]:
    people = []
    for person in meeting.attendees.order_by("search_name"):
        title = position_title(person, meeting.held_on, meeting.convening_body)
        people.append(f"{person.full_name}, {title}" if title else person.full_name)
    guests = [g.strip(" -–") for g in meeting.guests.split("\n") if g.strip(" -–")]
    return people + guests


def _conclusions(meeting: Meeting, *, heading: str | None) -> list[paper.Para]:
    body: list[paper.Para] = []
    if heading:
        body.append(paper.Para(heading, bold=True, indent=False))
    tasks = list(meeting.tasks.select_related("owner_body", "conclusion"))
    for conclusion in meeting.conclusions.all():
        body.append(paper.Para(f"{conclusion.order}. {conclusion.text}"))
        for task in tasks:
            if task.conclusion_id == conclusion.pk:
                body.append(paper.Para(_task_line(task, task.title != conclusion.text)))
    loose = [t for t in tasks if t.conclusion_id is None]
    if loose:
        body.append(paper.Para("Giao nhiệm vụ:"))
        body += [paper.Para(_task_line(t, True)) for t in loose]
    return body


def _carried(meeting: Meeting) -> list[paper.Para]:
    lines = []
    for task in carried_forward(meeting):
        origin = f"hội nghị ngày {task.meeting.held_on:%d/%m/%Y}"
        lines.append(
            paper.Para(
                f"- {task.title.rstrip('.')} ({task.owner_body.name}; "
                f"theo kết luận {origin}"
                f"{_due(task)})."
            )
        )
    return lines


def _notice_body(meeting: Meeting) -> list[paper.Para]:
    body = meeting.convening_body
    place = f", tại {meeting.place}" if meeting.place else ""
    intro = (
        f"Ngày {meeting.held_on:%d/%m/%Y}{place}, {body.name} tổ chức "
        f"{meeting_phrase(meeting)}{_period_clause(meeting)}."
    )
    paras = [paper.Para(intro)]
    chair = chair_label(meeting)
    if chair:
        paras.append(
            paper.Para(
                f"{_comrade(chair)[:1].upper()}{_comrade(chair)[1:]} chủ trì hội nghị."
            )
        )
    participants = _participants(meeting)
    if participants:
        paras.append(paper.Para(f"Dự hội nghị có: {'; '.join(participants)}."))
    paras.append(
        paper.Para(
            "Sau khi nghe báo cáo và ý kiến thảo luận của các đại biểu, "
            "đồng chí chủ trì hội nghị kết luận như sau:"
        )
    )
    paras += _conclusions(meeting, heading=None)
    carried = _carried(meeting)
    if carried:
        paras.append(
            paper.Para(
                "Các nhiệm vụ chưa hoàn thành theo kết luận các hội nghị trước, "
                "tiếp tục thực hiện:"
            )
        )
        paras += carried
    paras.append(
        paper.Para(
            f"{body.name} thông báo để các cơ quan, đơn vị liên quan biết, thực hiện."
        )
    )
    return paras


def _minutes_body(meeting: Meeting) -> list[paper.Para]:
    sections: list[tuple[str, list[paper.Para]]] = []
    facts = [paper.Para(f"- Thời gian: ngày {meeting.held_on:%d/%m/%Y}.", indent=False)]
    if meeting.place:
        facts.append(paper.Para(f"- Địa điểm: {meeting.place}.", indent=False))
    chair = chair_label(meeting)
    if chair:
        facts.append(paper.Para(f"- Chủ trì: {_comrade(chair)}.", indent=False))
    if meeting.secretary is not None:
        secretary = meeting.secretary.full_name
        facts.append(paper.Para(f"- Thư ký: {_comrade(secretary)}.", indent=False))
    participants = _participants(meeting)
    if participants:
        facts.append(paper.Para("- Thành phần tham dự:", indent=False))
        facts += [paper.Para(f"+ {p};", indent=True) for p in participants]
    sections.append(("THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", facts))
    content = []
    period = period_phrase(meeting)
    if period:
        # Built from the period itself: slicing the notice's clause cut letters.
        content.append(paper.Para(f"Hội nghị đánh giá kết quả {period}."))
    content += [paper.Para(line) for line in meeting.agenda.split("\n") if line.strip()]
    if content:
        sections.append(("NỘI DUNG", content))
    carried = _carried(meeting)
    if carried:
        sections.append(("NHIỆM VỤ CHUYỂN TIẾP TỪ HỘI NGHỊ TRƯỚC", carried))
    conclusions = _conclusions(meeting, heading=None)
    if conclusions:
        sections.append(("KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ", conclusions))
    paras = []
    for number, (heading, content_paras) in zip(ROMAN, sections, strict=False):
        paras.append(paper.Para(f"{number}. {heading}", bold=True, indent=False))
        paras += content_paras
    paras.append(
        paper.Para(
            "Hội nghị kết thúc cùng ngày; biên bản đã được thông qua tại hội nghị."
        )
    )
    return paras


def build_paper(
    meeting: Meeting, kind: str, reference: str, options: PaperOptions
) -> paper.Paper:
    """The minutes or the notice of ``meeting`` as a Party paper."""
    superior, issuer = header_lines(meeting.convening_body)
    body = (
        _notice_body(meeting)
        if kind == GeneratedDocument.Kind.NOTICE
        else _minutes_body(meeting)
    )
    return paper.Paper(
        superior=superior,
        issuer=issuer,
        reference=reference,
        place=place_of(meeting.convening_body.area),
        date=options.issued_on,
        title=PAPER_KINDS[GeneratedDocument.Kind(kind)][1],
        subject=subject(meeting, kind),
        body=body,
        recipients=options.recipients,
        signature=paper.Signature(
            options.signer_capacity, options.signer_title, options.signer_name
        ),
        secretary=(
            secretary_signature(meeting)
            if kind == GeneratedDocument.Kind.MINUTES
            else None
        ),
    )


@transaction.atomic
def generate_paper(
    *,
    actor: User,
    meeting: Meeting,
    kind: str,
    issued_on: dt.date | None = None,
    signer_capacity: str | None = None,
    signer_title: str | None = None,
    signer_name: str | None = None,
    recipients: list[str] | None = None,
) -> GeneratedDocument:
    """Generate the minutes or the notice: numbered the first time only.

    The first generation takes the next number from the register, dated
    ``issued_on`` (the meeting's date by default); later ones rewrite the file
    with the same number and date, and with the signature and recipients given.
    """
    from danvan.documents.exceptions import DocumentError
    from danvan.documents.services import issue_document

    _check_meeting_editor(actor, meeting)
    kind = GeneratedDocument.Kind(kind)
    # One generation of a meeting at a time: the first one takes the number.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    kept = GeneratedDocument.objects.filter(meeting=meeting, kind=kind).first()
    defaults = paper_options(meeting, kind)

    def given(value: str | None, default: str) -> str:
        return default if value is None else normalize(value)

    lines = defaults.recipients if recipients is None else recipients
    options = PaperOptions(
        issued_on=kept.issued_on if kept else (issued_on or defaults.issued_on),
        signer_capacity=given(signer_capacity, defaults.signer_capacity),
        signer_title=given(signer_title, defaults.signer_title),
        signer_name=given(signer_name, defaults.signer_name),
        recipients=[normalize(line) for line in lines if normalize(line)],
    )
    if options.issued_on < meeting.held_on:
        raise ValidationError(
            {"issued_on": _("The date of issue is before the meeting.")}
        )
    if kept is None:
        try:
            document = issue_document(
                actor=actor,
                body=meeting.convening_body,
                kind=PAPER_KINDS[kind][0],
                title=f"{PAPER_KINDS[kind][0]} {subject(meeting, kind)}"
                if kind == GeneratedDocument.Kind.MINUTES
                else subject(meeting, kind),
                issued_on=options.issued_on,
                area=meeting.area,
                signer_name=options.signer_name,
                summary=meeting.title,
            )
        except DocumentError as exc:
            raise ValidationError(exc.message) from exc
        kept = GeneratedDocument(
            meeting=meeting, kind=kind, document=document, reference=document.reference
        )
    content = paper.render(build_paper(meeting, kind, kept.reference, options))
    if kept.file:
        kept.file.delete(save=False)
    # Stored under a random name (models.paper_path); downloads use download_name.
    kept.file.save("paper.docx", ContentFile(content), save=False)
    kept.issued_on = options.issued_on
    kept.signer_capacity = options.signer_capacity
    kept.signer_title = options.signer_title
    kept.signer_name = options.signer_name
    kept.recipients = "\n".join(options.recipients)
    kept.generated_at = timezone.now()
    kept.generated_by = actor
    with acting_as(actor):
        kept.save()
    return kept


def generate_minutes(
    *, actor: User, meeting: Meeting, **options: object
) -> GeneratedDocument:
    """The minutes (biên bản) of the meeting, numbered "…-BB/…"."""
    return generate_paper(
        actor=actor,
        meeting=meeting,
        kind=GeneratedDocument.Kind.MINUTES,
        **options,  # type: ignore[arg-type]
    )


def generate_notice(
    *, actor: User, meeting: Meeting, **options: object
) -> GeneratedDocument:
    """The conclusion notice (thông báo kết luận), numbered "…-TB/…"."""
    return generate_paper(
        actor=actor,
        meeting=meeting,
        kind=GeneratedDocument.Kind.NOTICE,
        **options,  # type: ignore[arg-type]
    )
