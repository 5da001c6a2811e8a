from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import pages, rules, steps

app_name = "petitions"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.petition_list, name="list"),
    path("petitions.xlsx", pages.petition_export, name="export"),
    path("due/", pages.due, name="due"),
    path("new/", pages.petition_create, name="create"),
    path("<int:pk>/", pages.petition_detail, name="petition_detail"),
    path("<int:pk>/steps/<slug:name>/", steps.step, name="step"),
    path("<int:pk>/attachments/new/", pages.attachment_add, name="attachment_add"),
    path("<int:pk>/identity/", pages.identity_bodies, name="identity_bodies"),
    path("attachments/<int:pk>/", pages.attachment, name="attachment"),
    path("rules/", rules.rule_sets, name="rule_sets"),
    path("routing/", rules.routing_list, name="routing_list"),
    path("routing/new/", rules.routing_edit, name="routing_create"),
    path("routing/<int:pk>/", rules.routing_edit, name="routing_edit"),
]
