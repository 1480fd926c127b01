"""Uploaded pictures (idea photos, poll images): checked by content, resized, and
re-encoded without any metadata.

The type comes from the bytes (Pillow's decoder), never from the file name or the
browser's content type. Re-encoding from pixels only drops EXIF (GPS position, camera,
time), XMP, ICC and comments: a young person's photo must not reveal where they live.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from forum.core.errors import ImageRejected, InvalidInput

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # refuse decompression bombs before decoding them
MIN_SIDE = 32
MAX_SOURCE_SIDE = 12_000
OUTPUT_MAX_SIDE = 1280
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
OUTPUT_QUALITY = 82
IMAGE_ALT_MAX = 300


@dataclass(frozen=True)
class ProcessedImage:
    data: bytes
    content_type: str
    width: int
    height: int


def image_process(*, data: bytes) -> ProcessedImage:
    """Validate an uploaded photo; return a resized copy (JPEG, or WebP if transparent)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(
            _("The picture is too large. The largest size is %(mb)d MB.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not data:
        raise ImageRejected()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ImageRejected() from None
    if fmt not in ALLOWED_FORMATS:
        raise ImageRejected()
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ImageRejected(_("The picture is too small."))
    if width > MAX_SOURCE_SIDE or height > MAX_SOURCE_SIDE or width * height > MAX_SOURCE_PIXELS:
        raise ImageRejected(_("The picture has too many pixels."))
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            # Apply the camera's rotation before the EXIF that carries it is dropped.
            img: Image.Image = ImageOps.exif_transpose(opened)
            has_alpha = img.mode in ("RGBA", "LA") or (
                img.mode == "P" and "transparency" in img.info
            )
            img = img.convert("RGBA" if has_alpha else "RGB")
            img.thumbnail((OUTPUT_MAX_SIDE, OUTPUT_MAX_SIDE), Image.Resampling.LANCZOS)
            # A fresh image holds pixels only: no EXIF, XMP, ICC profile or text chunks.
            clean = Image.new(img.mode, img.size)
            clean.paste(img)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ImageRejected() from None
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="WEBP", quality=OUTPUT_QUALITY)
        content_type = "image/webp"
    else:
        clean.save(out, format="JPEG", quality=OUTPUT_QUALITY, optimize=True)
        content_type = "image/jpeg"
    return ProcessedImage(
        data=out.getvalue(), content_type=content_type, width=clean.width, height=clean.height
    )


def image_alt_clean(alt: str) -> str:
    """A picture's required alt text, trimmed: screen-reader users get its message too."""
    alt = alt.strip()
    if not alt:
        raise InvalidInput(
            fields={"alt": [_("Describe the picture for people who cannot see it.")]}
        )
    if len(alt) > IMAGE_ALT_MAX:
        raise InvalidInput(
            fields={
                "alt": [
                    _("Ensure this field has no more than %(max)d characters.")
                    % {"max": IMAGE_ALT_MAX}
                ]
            }
        )
    return alt
