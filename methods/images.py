"""Image uploads: every refusal is a form message.

Wagtail's WagtailImageField reads the size and frame count through Willow/Pillow
after its own checks; above twice Pillow's pixel limit Pillow raises
DecompressionBombError, and a truncated or corrupt file raises OSError (or worse),
which came out as a 500. This field turns them into the same validation messages.
"""

import re

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            return super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except PILImage.DecompressionBombError as exc:
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": found.group(1) if found else "?", "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from exc
        except Exception as exc:  # noqa: BLE001 - whatever a hostile file makes the decoder raise
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: the admin's image forms with SafeImageField for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = SafeImageField
