"""git, run on a repository we do not trust: nothing in it may execute, reach out or write.

Every call gets an environment of our own (none of the caller's ``GIT_*`` variables, no system or
global configuration, no transport at all, hence no lazy fetch of a partial clone and no credential
prompt) and command-line settings, which outrank the repository's own: no fsmonitor command, no
hooks, no pager, no exclude or attribute file from elsewhere, no optional locks (git then never
writes the index). What config *includes* cannot be turned off: :mod:`.gitdir` checks them first.
Every call has a time limit, and output is streamed with caps, never read whole.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import typing as t
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scanner.snapshot import Commit, decode_text

TIMEOUT = 60
#: A commit message is kept up to this many bytes, plus its last :data:`MESSAGE_TAIL` bytes
#: (where the ``Signed-off-by`` trailers are).
MESSAGE_HEAD = 64 * 1024
MESSAGE_TAIL = 4 * 1024
#: Commit objects larger than this are not read (no person writes such a message), nor are any
#: beyond this many bytes in all.
MAX_COMMIT_BYTES = 4 * 1024 * 1024
HISTORY_BYTES = 64 * 1024 * 1024
_HEADER_ROOM = 16 * 1024
_CHUNK = 64 * 1024
_SHA = re.compile(rb"[0-9a-f]{40}([0-9a-f]{24})?")

_SETTINGS = (
    "core.quotePath=off",
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.untrackedCache=false",
    f"core.excludesFile={os.devnull}",
    f"core.attributesFile={os.devnull}",
    "core.sshCommand=false",
    "log.showSignature=false",
    "protocol.allow=never",
)


def environment() -> dict[str, str]:
    """The whole environment of a git call: nothing inherited but where programs are."""
    env = {name: os.environ[name] for name in ("PATH", "SYSTEMROOT") if name in os.environ}
    env.update({
        "LC_ALL": "C",
        "HOME": os.devnull,
        "XDG_CONFIG_HOME": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_ATTR_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_ALLOW_PROTOCOL": "",  # an empty list: no transport, whatever protocol.*.allow says
        "GIT_NO_LAZY_FETCH": "1",
        "GIT_NO_REPLACE_OBJECTS": "1",
        "GIT_PAGER": "cat",
    })
    return env


def installed() -> bool:
    return shutil.which("git", path=environment().get("PATH")) is not None


@dataclass
class Streamed:
    """A running git whose output is read as it comes; killed at its deadline."""

    out: t.IO[bytes]
    expired: bool = False
    returncode: int | None = None


@dataclass(frozen=True)
class Git:
    """git on a checked ``git_dir`` and its ``work_tree``, both given (no discovery, no
    ``core.worktree``), run in ``cwd`` (a folder of the work tree: git lists paths from there)."""

    git_dir: Path
    work_tree: Path
    cwd: Path

    def argv(self, *args: str) -> list[str]:
        settings = [part for setting in _SETTINGS for part in ("-c", setting)]
        return ["git", "--no-pager", "--git-dir", str(self.git_dir), "--work-tree",
                str(self.work_tree), *settings, *args]

    def run(self, *args: str, stdin: bytes = b"", timeout: float = TIMEOUT) -> bytes | None:
        """Output of a command with a small output; ``None`` if git is missing, says no or is
        too slow."""
        try:
            done = subprocess.run(self.argv(*args), cwd=self.cwd, env=environment(),
                                  input=stdin, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    @contextmanager
    def stream(self, *args: str, stdin: bytes = b"",
               timeout: float = TIMEOUT) -> Iterator[Streamed]:
        """Run a command and hand on its output stream; at ``timeout`` git is killed (the stream
        then ends early and ``expired`` is set). Raises ``OSError`` if git cannot start."""
        proc = subprocess.Popen(self.argv(*args), cwd=self.cwd, env=environment(),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        assert proc.stdin is not None and proc.stdout is not None
        streamed = Streamed(out=proc.stdout)

        def expire() -> None:
            streamed.expired = True
            proc.kill()

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            try:
                proc.stdin.write(stdin)  # small: it fits the pipe before git answers
                proc.stdin.close()
            except OSError:
                pass
            yield streamed
        finally:
            timer.cancel()
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            streamed.returncode = proc.wait()


def read_commits(git: Git, count: int) -> tuple[list[Commit], bool] | None:
    """The last ``count`` commits from HEAD, each message capped; ``None`` without history.

    The second value says some were left out: objects over :data:`MAX_COMMIT_BYTES`, over
    :data:`HISTORY_BYTES` in all, unreadable, or git too slow. Sizes are asked first (cheap), so
    oversized objects are never streamed; objects are then framed by their size
    (``cat-file --batch``), so no message can forge a record boundary, and only the author, the
    parents and the capped message are kept.
    """
    listed = git.run("rev-list", f"--max-count={count}", "HEAD", "--")
    if listed is None:
        return None
    shas = [sha for sha in listed.split() if _SHA.fullmatch(sha)]
    sizes: dict[bytes, int] = {}
    for line in (git.run("cat-file", "--batch-check", stdin=_lines(shas)) or b"").splitlines():
        sha, kind, length = ([*line.split(), b"", b""])[:3]
        if kind == b"commit" and length.isdigit():
            sizes[sha] = int(length)
    wanted = []
    total = 0
    for sha in shas:
        size = sizes.get(sha, MAX_COMMIT_BYTES + 1)
        if size <= MAX_COMMIT_BYTES and total + size <= HISTORY_BYTES:
            wanted.append(sha)
            total += size
    commits: list[Commit] = []
    if wanted:
        try:
            with git.stream("cat-file", "--batch", stdin=_lines(wanted)) as run:
                for _ in wanted:
                    header = run.out.readline(200).split()
                    if len(header) != 3 or header[1] != b"commit" or not header[2].isdigit():
                        break
                    size = int(header[2])
                    kept = _read_capped(run.out, size)
                    if kept is None or run.out.read(1) != b"\n":
                        break
                    commits.append(_commit(header[0].decode(), *kept, size))
        except OSError:
            return None
    return commits, len(commits) < len(shas)


def _lines(shas: list[bytes]) -> bytes:
    return b"".join(sha + b"\n" for sha in shas)


def _read_capped(out: t.IO[bytes], size: int) -> tuple[bytes, bytes] | None:
    """The first ``MESSAGE_HEAD`` + header bytes and the last ``MESSAGE_TAIL`` bytes of the next
    ``size`` bytes, reading the rest without keeping it; ``None`` if the stream ends first."""
    keep = MESSAGE_HEAD + _HEADER_ROOM
    head = bytearray()
    tail = b""
    left = size
    while left:
        chunk = out.read(min(left, _CHUNK))
        if not chunk:
            return None
        left -= len(chunk)
        room = keep - len(head)
        if room > 0:
            head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            tail = (tail + chunk)[-MESSAGE_TAIL:]
    return bytes(head), tail


def _commit(sha: str, head: bytes, tail: bytes, size: int) -> Commit:
    header, blank, body = head.partition(b"\n\n")
    parents = 0
    author = ""
    for line in header.split(b"\n"):
        if line.startswith(b"parent "):
            parents += 1
        elif line.startswith(b"author ") and not author:
            # "Name <email> 1700000000 +0100": the date follows the last ">".
            ident = line[7:]
            author = decode_text(ident[:ident.rfind(b">") + 1] or ident)
    message = body[:MESSAGE_HEAD] if blank else b""
    if size > len(head) or len(body) > MESSAGE_HEAD:
        # Whole lines only: the trailers (Signed-off-by) end a message.
        end = tail if size > len(head) else body[MESSAGE_HEAD:][-MESSAGE_TAIL:]
        message += b"\n[...]\n" + end[end.find(b"\n") + 1:]
    return Commit(sha=sha, message=decode_text(message), merge=parents > 1, author=author)


#: A revision of a file larger than this is not read (contribution terms are a few kilobytes).
MAX_REVISION_BYTES = 1024 * 1024


def file_revisions(git: Git, path: str, count: int) -> list[tuple[str, bytes | None]] | None:
    """The last ``count`` commits that changed ``path`` (relative to ``git.cwd``), newest first,
    each with the file as that commit left it (``None`` where it deleted it or the file is too
    large); ``None`` when git cannot tell.

    The path is given as a literal pathspec (a file named ``:(exclude)x`` is that file), and
    contents are framed by their size (``cat-file --batch``), as :func:`read_commits` does.
    """
    if "\n" in path or "\r" in path:  # the batch protocol is one spec a line
        return None
    listed = git.run("log", f"--max-count={count}", "--format=%H", "--no-renames", "--",
                     f":(literal){path}")
    if listed is None:
        return None
    shas = [sha.decode() for sha in listed.split() if _SHA.fullmatch(sha)]
    if not shas:
        return []
    specs = [f"{sha}:./{path}".encode() for sha in shas]
    sizes: list[int | None] = []
    for line in (git.run("cat-file", "--batch-check", stdin=b"\n".join(specs) + b"\n")
                 or b"").splitlines():
        parts = line.split()
        ok = len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit()
        sizes.append(int(parts[2]) if ok and int(parts[2]) <= MAX_REVISION_BYTES else None)
    if len(sizes) != len(shas):
        return None
    wanted = [spec for spec, size in zip(specs, sizes, strict=True) if size is not None]
    contents: list[bytes] = []
    if wanted:
        try:
            with git.stream("cat-file", "--batch", stdin=b"\n".join(wanted) + b"\n") as run:
                for _ in wanted:
                    header = run.out.readline(200).split()
                    if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                        return None
                    data = run.out.read(int(header[2]))
                    if len(data) != int(header[2]) or run.out.read(1) != b"\n":
                        return None
                    contents.append(data)
        except OSError:
            return None
    read = iter(contents)
    return [(sha, next(read) if size is not None else None) for sha, size in zip(shas, sizes, strict=True)]
