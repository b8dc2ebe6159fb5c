"""What load_demo itself last left of each demo method, so a later run can tell
whether anyone has touched the page since (and then leave it alone)."""

from django.db import models


class DemoMethod(models.Model):
    """One demo method as load_demo last wrote it.

    ``page`` becomes NULL when the page is deleted: the row then records that the
    redactie removed a demo method, so load_demo does not bring it back."""

    slug = models.SlugField(max_length=255, unique=True)
    page = models.OneToOneField("methods.MethodPage", null=True, on_delete=models.SET_NULL, related_name="+")
    # The page's newest revision and publication right after load_demo's own save;
    # any later revision, publish or unpublish by anyone else makes them differ.
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    live_revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL,
                                      related_name="+")
    live = models.BooleanField()

    class Meta:
        verbose_name = "demomethode (door load_demo geschreven)"

    def __str__(self):
        return self.slug

    @classmethod
    def remember(cls, page, slug):
        cls.objects.update_or_create(slug=slug, defaults={
            "page": page, "revision_id": page.latest_revision_id,
            "live_revision_id": page.live_revision_id, "live": page.live,
        })
