"""Publish new versions of directories all or nothing.

A build writes the store and the dumps into fresh directories *next to* their
targets (same file system), and only when everything is written does it
repoint each target, a symbolic link, at its new directory with
:func:`os.replace`, which is atomic on POSIX. A reader therefore sees either
the old directory or the new one, never a half-written one; a build that
fails or is interrupted leaves the targets untouched (an interrupted one may
leave a hidden ``.NAME.*`` directory behind, which no reader ever looks at).

Directories are named ``.NAME.<random>`` beside ``NAME``; the old one is
removed after the switch, and only if it has that form, so a link the user
pointed somewhere else is never followed into a deletion.

Several targets are switched one after the other, so between two of those
system calls a reader could see a new store beside the old dumps; each of
them is complete at all times.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType


class Staging:
    """New directories for several targets, switched to together by :meth:`publish`.

    Use it as a context manager: leaving the block without publishing (an
    exception, Ctrl-C) removes what was staged.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def new(self, target: Path) -> Path:
        """An empty directory that will become ``target`` on :meth:`publish`."""
        target.parent.mkdir(parents=True, exist_ok=True)
        directory = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        directory.chmod(0o755)  # mkdtemp's 0700 would hide published files from a web server's user
        self._staged.append((target, directory))
        return directory

    def publish(self) -> None:
        """Point every target at its staged directory, then remove the replaced ones."""
        replaced = []
        for staged in list(self._staged):
            replaced.append(_switch(*staged))
            self._staged.remove(staged)  # live now: never discard it
        for old in replaced:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Remove every staged directory; the targets stay as they were."""
        for _, directory in self._staged:
            shutil.rmtree(directory, ignore_errors=True)
        self._staged.clear()

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()


def _switch(target: Path, directory: Path) -> Path | None:
    """Make ``target`` a link to ``directory``; return the old directory if it is ours to delete."""
    old = _owned_directory(target)
    if target.is_dir() and not target.is_symlink():
        # A plain directory, made by hand: move it aside first.
        old = target.parent / f"{directory.name}.old"
        os.rename(target, old)
    link = target.parent / f"{directory.name}.link"
    os.symlink(directory.name, link)
    os.replace(link, target)
    return old


def _owned_directory(target: Path) -> Path | None:
    """The directory ``target`` links to, if it is a ``.NAME.*`` sibling made by :class:`Staging`."""
    if not target.is_symlink():
        return None
    pointee = target.parent / os.readlink(target)
    if pointee.parent == target.parent and pointee.name.startswith(f".{target.name}."):
        return pointee
    return None
