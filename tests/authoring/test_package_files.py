"""A package as files in memory: zipped out the same way every time, unzipped defensively,
validated exactly as a folder is."""

import io
import stat
import zipfile

import pytest

from authoring.package.files import (
    FILE_BYTES,
    FILE_COUNT,
    ZIP_BYTES,
    PackageFilesError,
    package_files_from_zip,
    package_files_read,
    package_files_to_zip,
    package_files_validate,
)
from tests.conftest import EXAMPLE_PACKAGE


def zipped(entries: dict[str, bytes], *, links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            kind = stat.S_IFLNK if name in links else stat.S_IFREG
            info.external_attr = (kind | 0o644) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


@pytest.fixture
def example_files():
    return package_files_read(EXAMPLE_PACKAGE)


def test_reading_a_folder_gives_every_file_by_relative_posix_path(example_files):
    assert "lesson.yaml" in example_files
    assert "figures/millbrook-map.svg" in example_files
    assert example_files["lesson.yaml"] == (EXAMPLE_PACKAGE / "lesson.yaml").read_bytes()


def test_the_same_files_always_zip_to_the_same_bytes(example_files):
    first = package_files_to_zip(example_files)
    again = package_files_to_zip(dict(reversed(list(example_files.items()))))
    assert first == again
    assert package_files_from_zip(first) == example_files


def test_a_zip_of_the_package_folder_is_read_without_its_one_top_folder(example_files):
    data = zipped({f"example/{path}": content for path, content in example_files.items()})
    assert package_files_from_zip(data) == example_files


def test_macos_finder_extras_are_left_out(example_files):
    extras = {"__MACOSX/._lesson.yaml": b"junk", "figures/.DS_Store": b"junk"}
    assert package_files_from_zip(zipped({**example_files, **extras})) == example_files


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        ({"../lesson.yaml": b"x"}, "not a path inside the package"),
        ({"lesson.yaml": b"x", "figures/../../evil": b"x"}, "not a path inside the package"),
        ({"/etc/lesson.yaml": b"x"}, "not a path inside the package"),
        ({"lesson.yaml": b"x", "C:/evil.txt": b"x"}, "not a path inside the package"),
        ({"lesson.yaml": b"x", "a\\b.txt": b"x"}, "not a path inside the package"),
        ({"notes.txt": b"x"}, "No lesson.yaml at the top of the zip"),
        ({"lesson.yaml": b"x", "big.txt": b"0" * (FILE_BYTES + 1)}, "over 2 MB unzipped"),
    ],
)
def test_a_zip_that_could_write_outside_the_package_or_has_no_lesson_is_refused(entries, says):
    with pytest.raises(PackageFilesError, match=says):
        package_files_from_zip(zipped(entries))


def test_a_link_inside_the_zip_is_refused():
    data = zipped({"lesson.yaml": b"x", "source.txt": b"/etc/passwd"}, links=("source.txt",))
    with pytest.raises(PackageFilesError, match="is a link"):
        package_files_from_zip(data)


def test_a_zip_bomb_stops_at_the_per_file_limit_whatever_size_it_declares():
    data = zipped({"lesson.yaml": b"x", "bomb.txt": b"\0" * (50 * FILE_BYTES)})
    assert len(data) < 200_000  # small to upload, a hundred megabytes unzipped
    with pytest.raises(PackageFilesError, match="over 2 MB unzipped"):
        package_files_from_zip(data)


def test_a_zip_bomb_that_declares_a_small_size_is_still_refused():
    data = bytearray(zipped({"lesson.yaml": b"x", "bomb.txt": b"\0" * (50 * FILE_BYTES)}))
    central = data.rindex(b"PK\x01\x02")  # the last entry's record in the central directory
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # "10 bytes unzipped"
    with pytest.raises(PackageFilesError):
        package_files_from_zip(bytes(data))


def test_too_many_files_are_refused_before_any_is_read():
    data = zipped({"lesson.yaml": b"x"} | {f"n/{i}.txt": b"" for i in range(FILE_COUNT)})
    with pytest.raises(PackageFilesError, match=f"at most {FILE_COUNT}"):
        package_files_from_zip(data)


@pytest.mark.parametrize(
    "data", [b"", b"lesson: yes", b"PK\x03\x04broken", b"%PDF-1.4 not a zip", bytes(range(256))]
)
def test_anything_that_is_not_a_zip_says_so(data):
    with pytest.raises(PackageFilesError, match="not a zip file"):
        package_files_from_zip(data)


def test_an_upload_over_the_limit_is_refused_unread():
    with pytest.raises(PackageFilesError, match="over 10 MB"):
        package_files_from_zip(b"PK" + b"\0" * ZIP_BYTES)


def test_a_damaged_entry_says_the_zip_is_damaged(example_files):
    data = bytearray(zipped({"lesson.yaml": example_files["lesson.yaml"]}))
    start = data.index(b"lesson.yaml") + len("lesson.yaml")
    data[start + 10 : start + 40] = b"\xff" * 30  # inside the compressed bytes
    with pytest.raises(PackageFilesError, match="damaged"):
        package_files_from_zip(bytes(data))


def test_a_valid_package_in_memory_has_no_errors(example_files):
    assert package_files_validate(example_files) == []


def test_errors_in_memory_name_the_file_relative_to_the_package_with_its_line(example_files):
    text = example_files["lesson.yaml"].decode()
    broken = {**example_files, "lesson.yaml": text.replace("title:", "titel:", 1).encode()}
    errors = package_files_validate(broken)
    assert errors
    assert {e.file for e in errors} == {"lesson.yaml"}
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "title:" in row)
    assert any(e.line == line and "titel" in e.message for e in errors)


def test_an_undecodable_document_is_named_by_its_path_in_the_package(example_files):
    files = {**example_files, "courier-1911.txt": b"caf\xe9"}
    errors = package_files_validate(files)
    assert [(e.file, e.line) for e in errors] == [("courier-1911.txt", 1)]
