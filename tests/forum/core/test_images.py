"""Photo uploads: type by content, size and dimension limits, resized, metadata stripped."""

import io

import pytest
from django.utils import translation
from PIL import Image

from forum.core import images
from forum.core.errors import ImageRejected
from forum.core.images import image_process


def photo_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (2000, 1500), exif: bool = True, mode: str = "RGB"
) -> bytes:
    img = Image.new(mode, size, (200, 40, 40) if mode == "RGB" else (200, 40, 40, 128))
    buf = io.BytesIO()
    kwargs = {}
    if exif:
        ex = Image.Exif()
        ex[0x010F] = "PhoneMaker"  # Make
        ex[0x0132] = "2026:11:26 10:00:00"  # DateTime
        ex[0x8825] = {1: "N", 2: (59.0, 24.0, 0.0), 3: "E", 4: (17.0, 54.0, 0.0)}  # GPS
        kwargs["exif"] = ex.tobytes()
    img.save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def test_a_jpeg_with_gps_exif_comes_out_resized_and_without_any_exif() -> None:
    source = photo_bytes("JPEG", (2000, 1500), exif=True)
    assert Image.open(io.BytesIO(source)).getexif()  # the input does carry EXIF

    out = image_process(data=source)

    result = Image.open(io.BytesIO(out.data))
    assert result.format == "JPEG"
    assert max(result.size) == images.OUTPUT_MAX_SIDE
    assert (out.width, out.height) == result.size == (1280, 960)
    assert dict(result.getexif()) == {}
    assert "exif" not in result.info
    assert "icc_profile" not in result.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt: str) -> None:
    out = image_process(data=photo_bytes(fmt, (400, 300), exif=False))
    assert out.content_type == "image/jpeg"
    assert (out.width, out.height) == (400, 300)


def test_transparent_png_is_kept_transparent_as_webp() -> None:
    out = image_process(data=photo_bytes("PNG", (100, 100), exif=False, mode="RGBA"))
    assert out.content_type == "image/webp"
    assert Image.open(io.BytesIO(out.data)).mode == "RGBA"


def test_type_is_judged_by_content_not_by_name() -> None:
    gif = io.BytesIO()
    Image.new("RGB", (100, 100)).save(gif, format="GIF")
    with pytest.raises(ImageRejected):
        image_process(data=gif.getvalue())
    with pytest.raises(ImageRejected):
        image_process(data=b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    with pytest.raises(ImageRejected):
        image_process(data=b"\xff\xd8\xff" + b"not really a jpeg" * 10)


def test_too_large_files_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = photo_bytes("PNG", (300, 300), exif=False)
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", len(data) - 1)
    with translation.override("en"), pytest.raises(ImageRejected) as exc:
        image_process(data=data)
    assert "too large" in str(exc.value.message)
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", len(data))
    assert image_process(data=data).width == 300  # exactly at the limit is fine


def test_too_small_and_too_many_pixels_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImageRejected):
        image_process(data=photo_bytes("PNG", (10, 400), exif=False))
    monkeypatch.setattr(images, "MAX_SOURCE_SIDE", 999)
    with pytest.raises(ImageRejected):
        image_process(data=photo_bytes("PNG", (1000, 40), exif=False))
