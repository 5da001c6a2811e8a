from django.urls import path

from danvan.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("issue/", views.document_issue, name="issue"),
    path("reviews-due/", views.due_list, name="due"),
    path("terms/", views.term_list, name="terms"),
    path("issuers/", views.issuer_names, name="issuers"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/implementation/", views.document_tree, name="tree"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
    path(
        "<int:pk>/relations/<int:relation_pk>/delete/",
        views.relation_delete,
        name="relation_delete",
    ),
    path("<int:pk>/reviews/", views.review_add, name="review_add"),
    path(
        "<int:pk>/reviews/<int:point_pk>/done/", views.review_done, name="review_done"
    ),
    path("<int:pk>/files/", views.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
]
