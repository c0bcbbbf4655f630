"""Write a commit's files out of a partial git mirror that lacks some blobs (issue 9's audit
checkouts: ``git checkout`` stops at the first missing blob; this writes every file the mirror
holds and counts the rest). Usage: ``python scripts/materialise_commit.py GIT_DIR COMMIT DEST``.
"""

from __future__ import annotations

import os
import subprocess
import sys


def materialise(git_dir: str, commit: str, dest: str) -> tuple[int, int]:
    """``(written, missing)`` blobs of ``commit``'s tree, written under ``dest``."""
    listing = subprocess.run(["git", "-C", git_dir, "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout
    blobs = []
    for entry in filter(None, listing.split(b"\0")):
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob":
            blobs.append((mode, sha, path))
    reader = subprocess.Popen(["git", "-C", git_dir, "cat-file", "--batch"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdin is not None and reader.stdout is not None
    missing = 0
    for mode, sha, path in blobs:
        reader.stdin.write(sha + b"\n")
        reader.stdin.flush()
        header = reader.stdout.readline()
        if header.endswith(b"missing\n"):
            missing += 1
            continue
        data = reader.stdout.read(int(header.split()[2]))
        reader.stdout.read(1)
        target = os.path.join(os.fsencode(dest), path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mode == b"120000":
            os.symlink(data, target)
            continue
        with open(target, "wb") as handle:
            handle.write(data)
        if mode == b"100755":
            os.chmod(target, 0o755)
    reader.stdin.close()
    reader.wait()
    return len(blobs) - missing, missing


if __name__ == "__main__":
    written, absent = materialise(*sys.argv[1:4])
    print(f"{written} written, {absent} missing")
