"""Zip archives of documents (the AN open-data dumps), read without extracting.

A member is named by a path of the form `dump.zip!json/QANR5L16QE1.json`: the
archive's path, `!`, the member's name inside it. `read_file` understands such a
path, and `iter_inputs` yields one per document member, so each member is read,
reported and failed like a file. Nothing is ever written to disk.

Safety bounds, each refused with an `InputError` naming the archive or member:

* an archive with a member named outside it (`..`, an absolute path, a drive)
  is refused whole, before any member is read;
* at most `MAX_MEMBERS` members (checked on the end-of-archive record before the
  directory is parsed, when the record says);
* a member larger than `MAX_MEMBER_BYTES` once inflated, or over `MAX_RATIO`
  times its compressed size (above `RATIO_FLOOR` bytes), is refused; reads are
  bounded whatever the archive declares;
* a corrupt archive or member (bad CRC, truncated, unknown compression,
  encrypted) is one error naming the file.
"""

from __future__ import annotations

import os
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from parlkg.errors import InputError

SEPARATOR = "!"
MAX_MEMBERS = 250_000
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small members may compress very well; bound only larger ones
_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
)
_HINT = "check the download (unzip -t) or take the archive again from the publisher"


def is_archive(path: Path) -> bool:
    """A zip archive: by its first bytes, or by its `.zip` suffix (then a damaged
    archive is still reported as an archive, not as a binary document)."""
    if path.suffix.lower() == ".zip":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) in _MAGIC
    except OSError:
        return False


def member_path(archive: Path, name: str) -> Path:
    """The path naming member `name` of `archive`: `dump.zip!json/x.json`."""
    return Path(f"{archive}{SEPARATOR}{name}")


def split_member(path: Path) -> tuple[Path, str] | None:
    """(archive, member name) for a member path, None for an ordinary path.

    The archive is the shortest prefix before a `!` that is an existing file.
    """
    text = str(path)
    at = text.find(SEPARATOR)
    while at != -1:
        archive = Path(text[:at])
        if archive.is_file():
            return archive, text[at + 1 :]
        at = text.find(SEPARATOR, at + 1)
    return None


@dataclass
class Archive:
    """An open, checked archive: its document members by name."""

    path: Path
    stamp: tuple[int, int]  # (mtime_ns, size) of the archive when opened
    zip: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]

    def names(self) -> list[str]:
        return list(self.members)

    def read(self, name: str) -> bytes:
        """The bytes of member `name`, within the bounds, or an InputError."""
        where = member_path(self.path, name)
        info = self.members.get(name)
        if info is None:
            raise InputError(where, "no such document in the archive")
        if info.flag_bits & 0x1:
            raise InputError(where, "the member is encrypted", hint="parlkg reads open archives")
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(where, _too_big(info.file_size))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                where,
                f"the member inflates {info.file_size // max(info.compress_size, 1)} times "
                f"(over {MAX_RATIO}x): refused as a possible zip bomb",
            )
        try:
            with _LOCK, self.zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except _ZIP_ERRORS as exc:
            raise InputError(where, f"cannot read the member: {exc}", hint=_HINT) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(where, _too_big(len(data)))
        return data


def _too_big(size: int) -> str:
    return (
        f"the member inflates to {size // 1_000_000} MB, "
        f"over the {MAX_MEMBER_BYTES // 1_000_000} MB limit"
    )


_LOCK = threading.RLock()
_OPEN: dict[str, Archive] = {}  # the archive being read (one at a time), by path


def open_archive(path: Path, is_document: Callable[[PurePosixPath], bool]) -> Archive:
    """The archive at `path`, checked; kept open for the members read next.

    Raises an InputError naming `path` when the archive is corrupt, too large or
    holds a member named outside it.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(path, f"cannot read the archive: {exc.strerror or exc}") from None
    stamp = (st.st_mtime_ns, st.st_size)
    key = os.fspath(path)
    with _LOCK:
        cached = _OPEN.get(key)
        if cached is not None and cached.stamp == stamp:
            return cached
        close_archives()
        archive = _open(path, stamp, is_document)
        _OPEN[key] = archive
        return archive


def close_archives() -> None:
    """Close the archive kept open (also done when another archive is opened)."""
    with _LOCK:
        for archive in _OPEN.values():
            archive.zip.close()
        _OPEN.clear()


def _open(
    path: Path, stamp: tuple[int, int], is_document: Callable[[PurePosixPath], bool]
) -> Archive:
    try:
        declared = _declared_members(path)
        if declared is not None and declared > MAX_MEMBERS:
            raise InputError(path, _too_many(declared), hint="split the archive")
        archive = zipfile.ZipFile(path)
    except InputError:
        raise
    except _ZIP_ERRORS as exc:
        raise InputError(path, f"not a readable zip archive: {exc}", hint=_HINT) from None
    try:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, _too_many(len(infos)), hint="split the archive")
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if _unsafe(name):
                raise InputError(
                    path,
                    f"member {name!r} is named outside the archive ('..', an absolute path "
                    "or a drive): the archive is refused and nothing is read from it",
                    hint="take the archive from its publisher; parlkg never extracts archives",
                )
            pure = PurePosixPath(name)
            if info.is_dir() or "__MACOSX" in pure.parts or not is_document(pure):
                continue
            members[name] = info
    except InputError:
        archive.close()
        raise
    return Archive(path, stamp, archive, members)


def _too_many(count: int) -> str:
    return f"the archive holds {count} members, over the limit of {MAX_MEMBERS}"


def _unsafe(name: str) -> bool:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return True
    return ".." in PurePosixPath(normal).parts or "\x00" in name


def _declared_members(path: Path) -> int | None:
    """The member count the end-of-central-directory record declares (None if it
    is not found or says "see zip64"); zipfile then checks the archive itself."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        tail_size = min(size, 65_536 + 22)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    return None if count == 0xFFFF else count
