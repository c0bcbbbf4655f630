"""Write every blob of COMMIT that the partial mirror holds into DEST (missing blobs skipped)."""
import subprocess, sys, os
git, commit, dest = sys.argv[1:4]
out = subprocess.run(["git", "-C", git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
entries = [e for e in out.split(b"\0") if e]
objs = []
for e in entries:
    meta, path = e.split(b"\t", 1)
    mode, kind, sha = meta.split()
    if kind == b"blob":
        objs.append((mode, sha, path))
p = subprocess.Popen(["git", "-C", git, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
missing = 0
for mode, sha, path in objs:
    p.stdin.write(sha + b"\n"); p.stdin.flush()
    header = p.stdout.readline()
    if header.endswith(b"missing\n"):
        missing += 1; continue
    size = int(header.split()[2]); data = p.stdout.read(size); p.stdout.read(1)
    target = os.path.join(dest.encode(), path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if mode == b"120000":
        try: os.symlink(data, target)
        except OSError: pass
    else:
        with open(target, "wb") as f: f.write(data)
        if mode == b"100755": os.chmod(target, 0o755)
print(f"{len(objs)-missing} written, {missing} missing")
