#!/usr/bin/env python3
"""The machine's floor for bench_drift.py and bench_reactive.py: their loops
(same writes, same gaps, same inotify observation, benchlib's) against
bench/floor, a native restorer without plugins, engine or language.

usage: go build -o /tmp/floor ./bench/floor && \
       BENCHLIB=../shared/bench FLOOR=/tmp/floor bench/floor/floor.py [drift|reactive] [iterations]
"""
import os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.environ.get("BENCHLIB", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "bench")))
import benchlib as B

MODE = sys.argv[1] if len(sys.argv) > 1 else "drift"
ITER = int(sys.argv[2]) if len(sys.argv) > 2 else (60 if MODE == "drift" else 40)
FLOOR = os.environ.get("FLOOR", "/tmp/floor")

sd = tempfile.mkdtemp(prefix="floor-", dir=os.environ.get("BENCH_TMP"))
try:
    if MODE == "drift":
        d = os.path.join(sd, "files"); os.makedirs(d)
        target, want = os.path.join(d, "managed"), b"managed content\n"
        w = B.DirWatch(d)
        p = subprocess.Popen([FLOOR, "drift", target, want.decode()])
        gap = float(os.environ.get("DRIFT_GAP", "0.2"))
    else:
        idir, odir = os.path.join(sd, "in"), os.path.join(sd, "out")
        os.makedirs(idir); os.makedirs(odir)
        inp, target, want = os.path.join(idir, "input"), os.path.join(odir, "output"), b"initial\n"
        open(inp, "wb").write(want)
        w = B.DirWatch(odir)
        p = subprocess.Popen([FLOOR, "reactive", inp, target])
        gap = float(os.environ.get("REACT_GAP", "0.3"))
    if B.wait_content(target, want, 10, w) is None:
        sys.exit("the floor program never wrote " + target)
    time.sleep(1.0)
    lat = []
    for i in range(ITER):
        t0 = time.monotonic()
        if MODE == "drift":
            fd = os.open(target, os.O_WRONLY | os.O_TRUNC)
            os.write(fd, b"drift %d\n" % i)
            os.close(fd)
            expect = want
        else:
            expect = b"value %d\n" % i
            with open(inp, "wb") as f:
                f.write(expect)
        t = B.wait_content(target, expect, 10, w)
        if t is not None:
            lat.append(t - t0)
        time.sleep(gap)
    p.kill()
    print(B.fmt_stats("floor %s latency" % MODE, B.stats(lat)))
finally:
    shutil.rmtree(sd, ignore_errors=True)
