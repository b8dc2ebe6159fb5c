"""Admin wiring: menu items, URLs and dashboard panels for moderation."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .panels import MyDraftsPanel, ReassessmentPanel
from .views import REPORT_PERMISSION, ReassessmentReportView, can_import, import_view


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("herbeoordeling/", ReassessmentReportView.as_view(), name="moderation_reassessment"),
        path("methoden-importeren/", import_view, name="moderation_import"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_reports_menu_item")
def reassessment_menu_item():
    return ReportMenuItem(_("Herbeoordeling"), reverse("moderation_reassessment"), icon_name="warning", order=100)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(_("Methoden importeren"), reverse("moderation_import"), icon_name="upload", order=250)


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    panels.append(MyDraftsPanel(request.user))
    if request.user.has_perm(REPORT_PERMISSION):
        panels.append(ReassessmentPanel())
