"""Images: real uploads through the admin are refused when they are not an image, too large or a
decompression bomb; alt text is required; pages get responsive AVIF/WebP/JPEG renditions."""

import io
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection

from methods.models import MethodPage
from tests.factories.methods import MethodPageFactory
from tests.moderation.helpers import editor, method_edit_data


def png(width, height, mode="RGB", noise=False):
    if noise:
        image = PILImage.frombytes(mode, (width, height), os.urandom(width * height * len(mode)))
    else:
        image = PILImage.new(mode, (width, height), color=0 if mode == "1" else (20, 80, 160))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def real_image(title="Voorlichting in de klas"):
    image = Image(title=title, file=ImageFile(io.BytesIO(png(1600, 900)), name="klas.png"))
    image.save()
    return image


class Uploads(TestCase):
    def setUp(self):
        self.client.force_login(editor())

    def upload(self, name, content):
        return self.client.post(reverse("wagtailimages:add"), {
            "title": name, "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        })

    def test_a_real_image_is_accepted(self):
        response = self.upload("foto.png", png(800, 600))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Image.objects.get().width, 800)

    def test_a_file_that_is_not_an_image_is_refused_with_a_message(self):
        response = self.upload("foto.png", b"%PDF-1.4 dit is geen afbeelding")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Upload een geldige afbeelding. Het geüploade bestand is geen of een beschadigde")
        self.assertFalse(Image.objects.exists())

    def test_a_file_over_the_size_limit_is_refused_with_a_message(self):
        side = 1 + int((settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE / 3) ** 0.5)
        content = png(side, side, noise=True)  # random pixels do not compress
        self.assertGreater(len(content), settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        response = self.upload("groot.png", content)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "te groot")
        self.assertFalse(Image.objects.exists())

    def test_a_decompression_bomb_is_refused_with_a_message(self):
        side = 1 + int(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS ** 0.5)
        content = png(side, side, mode="1")  # tens of millions of pixels in a few kilobytes
        self.assertLess(len(content), 100_000)
        response = self.upload("bom.png", content)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "pixels")
        self.assertFalse(Image.objects.exists())


class AltTextAndRenditions(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.image = real_image()

    def setUp(self):
        self.client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.invalid", "pw"))

    def test_hero_image_without_alt_text_is_refused(self):
        page = MethodPageFactory()
        data = method_edit_data(page, hero_image=str(self.image.pk), hero_image_alt="")
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        self.assertContains(response, "Geef een alternatieve tekst voor de afbeelding.")
        self.assertIsNone(MethodPage.objects.get(pk=page.pk).get_latest_revision_as_object().hero_image_id)

    def test_inline_image_without_alt_text_is_refused_on_publish(self):
        page = MethodPageFactory()
        data = method_edit_data(page)
        data.update({"body-count": "1", "body-0-type": "image", "body-0-deleted": "", "body-0-order": "0",
                     "body-0-id": "img1", "body-0-value-image": str(self.image.pk), "body-0-value-alt_text": "",
                     "action-publish": "action-publish"})
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MethodPage.objects.get(pk=page.pk).has_unpublished_changes)

    def test_hero_and_inline_images_are_responsive_with_modern_formats_and_a_fallback(self):
        page = MethodPageFactory(
            hero_image=self.image, hero_image_alt="Leerlingen in een klas tijdens een gastles",
            body=[("image", {"image": self.image, "decorative": False, "alt_text": "Een gastles op school"})],
        )
        html = self.client.get(page.url).content.decode()
        self.assertEqual(html.count("<picture>"), 2)
        self.assertIn('type="image/avif"', html)
        self.assertIn('type="image/webp"', html)
        self.assertIn('alt="Leerlingen in een klas tijdens een gastles"', html)
        self.assertIn('alt="Een gastles op school"', html)
        # Widths are renditions, never the 1600px original.
        self.assertRegex(html, r'srcset="[^"]*\.width-480\.[^"]* 480w')
        self.assertNotIn("original_images/klas", html)
        self.assertRegex(html, r'<img[^>]+src="[^"]+\.jpg"')  # the JPEG fallback


def png_claiming(width, height):
    """A PNG header that claims width x height pixels (a bomb does not need the data to hurt)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


class Bombs(TestCase):
    setUp = Uploads.setUp
    upload = Uploads.upload

    def test_an_image_claiming_more_than_pillows_hard_limit_is_a_message_not_a_500(self):
        # Pillow raises DecompressionBombError (not a warning) above twice its own limit.
        response = self.upload("bom.png", png_claiming(20_000, 20_000))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "pixels")
        self.assertFalse(Image.objects.exists())

    def test_an_image_claiming_absurd_dimensions_is_a_message_not_a_500(self):
        response = self.upload("bom.png", png_claiming(2**31 - 1, 2**31 - 1))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())

    def test_a_truncated_image_is_a_message_not_a_500(self):
        response = self.upload("half.png", png(800, 600)[:400])
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())
