"""A package as files in memory: read from a folder, from an uploaded zip, written to a zip,
validated with the same validator as a folder on disk.

``PackageFiles`` maps paths relative to the package root ("lesson.yaml", "figures/map.svg",
POSIX separators) to their bytes. A zip from anyone is read defensively: a size, a count and a
per-file limit, no absolute path, no ``..``, no link, no encrypted entry; a bad zip raises
:class:`PackageFilesError` with a plain message, never anything a page would answer 500 to."""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from authoring.package.errors import PackageError
from authoring.package.validate import LESSON_FILE, validate_package

PackageFiles = dict[str, bytes]

# A package is a text, a few figures (each at most limits.FIGURE_BYTES) and notes: the seeds
# weigh under 0.5 MB. These leave room for ten times that and stop a zip bomb early.
ZIP_BYTES = 10_000_000  # the upload itself
FILE_BYTES = 2_000_000  # one file, uncompressed
TOTAL_BYTES = 20_000_000  # every file together, uncompressed
FILE_COUNT = 200
PATH_CHARS = 255  # what PackageFile.path stores

# Written by macOS's Finder into every zip it makes; never part of a package.
_IGNORED_PARTS = {"__MACOSX", ".DS_Store"}
# The same bytes for the same files: a fixed date (the earliest a zip can hold) and mode.
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


class PackageFilesError(Exception):
    """The upload is not a package zip that can be read; ``message`` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def package_files_read(folder: Path) -> PackageFiles:
    """Every file under ``folder`` (links are not followed into), by relative POSIX path."""
    return {
        file.relative_to(folder).as_posix(): file.read_bytes()
        for file in sorted(folder.rglob("*"))
        if file.is_file() and not file.is_symlink()
    }


def package_files_to_zip(files: PackageFiles) -> bytes:
    """A zip of ``files``, deterministic: sorted paths, a fixed date and mode, so the same
    package always exports the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine exporting
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()


def package_files_from_zip(data: bytes) -> PackageFiles:
    """The files of the package zipped in ``data``. A zip whose files all sit in one folder
    (what "compress this folder" makes) is read as that folder. Raises
    :class:`PackageFilesError` for anything that is not a safe package zip."""
    if len(data) > ZIP_BYTES:
        raise PackageFilesError(f"The file is over {ZIP_BYTES // 1_000_000} MB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise PackageFilesError("This is not a zip file.") from None
    with archive:
        entries = [info for info in archive.infolist() if not _ignored(info.filename)]
        if len(entries) > FILE_COUNT:
            raise PackageFilesError(f"The zip holds {len(entries)} entries: at most {FILE_COUNT}.")
        files: PackageFiles = {}
        total = 0
        for info in entries:
            path = _safe_path(info)
            if path is None:
                continue  # a folder entry
            content = _read_entry(archive, info, path)
            total += len(content)
            if total > TOTAL_BYTES:
                limit = TOTAL_BYTES // 1_000_000
                raise PackageFilesError(f"The files together are over {limit} MB unzipped.")
            if path in files:
                raise PackageFilesError(f"'{path}' is in the zip twice.")
            files[path] = content
    files = _strip_single_folder(files)
    if LESSON_FILE not in files:
        raise PackageFilesError(
            f"No {LESSON_FILE} at the top of the zip (or inside its one folder): "
            "zip the package folder that holds it."
        )
    return files


def _ignored(name: str) -> bool:
    return any(part in _IGNORED_PARTS for part in name.split("/"))


def _safe_path(info: zipfile.ZipInfo) -> str | None:
    """The entry's path inside the package, or None for a folder; refuses what could land
    outside the package or is not a plain file."""
    name = info.filename
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        raise PackageFilesError(f"'{name}' is a link: only plain files may be in a package.")
    if info.flag_bits & 0x1:
        raise PackageFilesError(f"'{name}' is encrypted: zip the package without a password.")
    if name.endswith("/"):
        return None
    parts = PurePosixPath(name).parts
    if len(name) > PATH_CHARS:
        raise PackageFilesError(f"'{name[:60]}…' is a path over {PATH_CHARS} characters.")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or any(part in ("..", ".") for part in parts)
    ):
        raise PackageFilesError(f"'{name}' is not a path inside the package.")
    return PurePosixPath(*parts).as_posix()


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    """The entry's bytes, read no further than the limit (the sizes a zip declares may lie)."""
    too_big = f"'{path}' is over {FILE_BYTES // 1_000_000} MB unzipped: at most that per file."
    if info.file_size > FILE_BYTES:
        raise PackageFilesError(too_big)
    try:
        with archive.open(info) as entry:
            content = entry.read(FILE_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        raise PackageFilesError(f"'{path}' cannot be unzipped: the zip is damaged.") from None
    if len(content) > FILE_BYTES:
        raise PackageFilesError(too_big)
    return content


def _strip_single_folder(files: PackageFiles) -> PackageFiles:
    if LESSON_FILE in files or not files:
        return files
    tops = {path.split("/", 1)[0] for path in files}
    if len(tops) != 1 or any("/" not in path for path in files):
        return files
    return {path.split("/", 1)[1]: content for path, content in files.items()}


@contextmanager
def package_files_folder(files: PackageFiles) -> Iterator[Path]:
    """``files`` written out into a temporary folder, removed on leaving. The paths are
    checked again here, since ``files`` may come from anywhere, not only a zip."""
    with tempfile.TemporaryDirectory(prefix="package-") as temporary:
        root = Path(temporary).resolve()
        for path, content in files.items():
            parts = PurePosixPath(path).parts
            bad = any(p in ("..", ".", "") or "\\" in p for p in parts)
            if not parts or path.startswith("/") or len(path) > PATH_CHARS or bad:
                raise PackageFilesError(f"'{path}' is not a path inside the package.")
            target = root.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        yield root


def package_files_validate(files: PackageFiles) -> list[PackageError]:
    """Every mistake in the package, as ``validate_package`` finds them in a folder, with each
    error's file relative to the package root ("lesson.yaml", not a temporary path)."""
    with package_files_folder(files) as folder:
        return relative_errors(validate_package(folder).errors, folder)


def relative_errors(errors, folder: Path) -> list[PackageError]:
    """``errors`` with their file named relative to ``folder`` when it lies inside it."""
    out = []
    for error in errors:
        file = Path(error.file)
        name = file.relative_to(folder).as_posix() if file.is_relative_to(folder) else error.file
        out.append(PackageError(name, error.line, error.path, error.message))
    return out
