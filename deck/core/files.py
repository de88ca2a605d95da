"""Saving files so that a crash at any moment leaves the old file or the new one, never a mix."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path


def write_atomic(
    path: str | os.PathLike[str], data: bytes, before_replace: Callable[[], None] | None = None, *, follow_symlinks: bool = True
) -> None:
    """Write `data` to `path` via a temporary file in the same folder, fsynced, then renamed over it.

    The file's permission bits are kept when it already exists; a new file gets the user's umask.
    A symbolic link is followed: the file it points to is replaced, and the link stays a link. A
    target that is not a regular file (a pipe, /dev/stdout) is written to directly: there is
    nothing to replace. `before_replace` runs after the data is on disk and before the rename; an
    exception from it leaves the file untouched. `follow_symlinks=False` (for a path the user did not
    type): a symbolic link there is refused, never followed.
    """
    if not follow_symlinks and Path(path).is_symlink():
        raise OSError(errno.ELOOP, f"{path} is a symbolic link; not followed", str(path))
    try:
        target = Path(path).resolve()
    except RuntimeError:  # a loop of symbolic links, before Python 3.13: said as the OS says it
        raise OSError(errno.ELOOP, "a loop of symbolic links", str(path)) from None
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(Path(path).parent))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(target, "wb") as handle:
            handle.write(data)
        return
    if info is not None and info.st_nlink > 1:
        _write_in_place(target, data, before_replace)  # a rename would split the hard links
        return
    temp = temp_name(target)
    # O_EXCL: never follow or reuse something already there; 0o666 lets the kernel apply the umask
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            if not _same_owner(temp, info):
                temp.unlink(missing_ok=True)
                _write_in_place(target, data, before_replace)  # the file keeps its owner and group
                return
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def temp_name(target: Path) -> Path:
    """`.talk.yaml.1a2b3c4d.tmp`: hidden, and caught by the usual `*.tmp` ignore patterns."""
    return target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"


def _same_owner(temp: Path, info: os.stat_result) -> bool:
    """Give the new file the old one's owner and group where permitted; False where not."""
    mine = temp.stat()
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except PermissionError:
        return False
    return True


class CutShort(OSError):
    """A write in place failed and the old content could not be put back: the backup holds it."""


def _rewrite(target: Path, data: bytes) -> None:
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _write_in_place(target: Path, data: bytes, before_replace: Callable[[], None] | None) -> None:
    """Rewrite the file's own bytes (owner, group and hard links stay), a backup kept until the new
    content is read back whole. A failed write (a full disk) puts the old content back and checks it; where
    even that fails, the backup `.NAME.deck-backup` is kept and the error says so (CutShort). A backup an
    earlier failure left is never deleted: it is kept under a dated name."""
    backup = target.parent / f".{target.name}.deck-backup"
    old = target.read_bytes()
    if backup.is_symlink() or backup.exists():
        if backup.is_symlink():
            backup.unlink()  # a link planted there is never followed, and holds nothing of ours
        else:  # what an earlier failed save kept: it may be the only good copy
            backup.rename(backup.with_name(f"{backup.name}.{secrets.token_hex(4)}"))
    # O_EXCL|O_NOFOLLOW: never through a link planted there; 0o600: the old content stays private
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(old)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        backup.unlink(missing_ok=True)  # a backup cut short is no backup: the file itself is untouched
        raise
    try:
        if before_replace is not None:
            before_replace()
    except ConflictLike:
        backup.unlink(missing_ok=True)  # nothing was written: the backup has nothing to save
        raise
    try:
        _rewrite(target, data)
        if target.read_bytes() != data:
            raise OSError(errno.EIO, "the file did not read back as written")
    except OSError as exc:
        try:
            _rewrite(target, old)
            restored = target.read_bytes() == old
        except OSError:
            restored = False
        if not restored:
            raise CutShort(exc.errno or errno.EIO, f"{exc.strerror or exc}; the file may be cut short: its previous content is in {backup}") from exc
        backup.unlink(missing_ok=True)  # put back, and checked: the file is as it was
        raise
    backup.unlink(missing_ok=True)


class ConflictLike(Exception):
    """Raised by a `before_replace` check to stop a save before anything is written."""


def clean_stale_temps(path: str | os.PathLike[str], older_than_s: float = 60.0) -> list[Path]:
    """Remove this file's temporary files left by a killed save (never anything else); the names removed."""
    import re
    import time

    target = Path(path).resolve()
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp")
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > older_than_s:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a directory; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not supported on this file system; nothing more can be done
    finally:
        os.close(fd)


def create_new(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a new file; FileExistsError if something is already there (never overwrite)."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when the two paths name one file (links followed), so that an export never overwrites its deck."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they point
        try:
            return Path(a).resolve() == Path(b).resolve()
        except (OSError, RuntimeError):  # a loop of symbolic links: no file at all, so not the deck
            return False


class NotARegularFile(OSError):
    """The path names a folder, a pipe, a device or a socket, not a file."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file at `path`. Opened without blocking, so that a pipe
    (FIFO) named where a file should be is refused at once instead of waiting for a writer forever.
    Raises NotARegularFile, or OSError."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1  # the handle owns it now
            return handle.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
