"""``common.models.ChoiceLabels``: a choice's label looked up, translated when shown."""

from django.utils import translation

from danvan.documents.models import Document, DocumentRelation


def test_labels_follow_the_language_and_unknown_values_pass_through() -> None:
    document = Document(kind=Document.Kind.LETTER, status=Document.Status.IN_FORCE)
    with translation.override("vi"):
        assert document.get_kind_display() == "Công văn"
        assert document.get_status_display() == "còn hiệu lực"
    with translation.override("en"):
        assert document.get_kind_display() == "Official letter"
    assert Document(kind="khac_nua").get_kind_display() == "khac_nua"
    assert Document(kind="").get_kind_display() == ""
    relation = DocumentRelation(kind=DocumentRelation.Kind.IMPLEMENTS)
    with translation.override("en"):
        assert relation.get_kind_display() == "implements"
