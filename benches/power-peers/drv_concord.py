#!/usr/bin/env python3
"""Driver for `concord power`, in the same shape as the peers' drivers (stdlib only).

Converts the game with convert_game.py (exit 3 when it cannot be expressed exactly), runs
`concord power --index INDEX --format json` on it, and writes {"normalised": [...], "compute_s"}
for the harness's cross-check. Two times are kept:
- wall_cli_s: the wall time of the whole `concord power` process (start-up, reading and
  resolving the agreement, computing, printing exact JSON);
- compute_s: the in-process time of building the game and computing the exact indices, measured
  by the `power-timing` example (median of 3), like the peers' own in-process figure; when the
  example is not built, compute_s is wall_cli_s.

Usage: drv_concord.py GAME.json banzhaf|shapley [--out result.json] [--concord PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import convert_game  # noqa: E402

DEFAULT_BIN = os.path.join(HERE, "..", "..", "target", "release", "concord")
TIMING_BIN = os.path.join(HERE, "..", "..", "target", "release", "examples", "power-timing")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("game")
    ap.add_argument("index", choices=["banzhaf", "shapley"])
    ap.add_argument("--out")
    ap.add_argument("--concord", default=DEFAULT_BIN)
    args = ap.parse_args()
    with open(args.game) as f:
        game = json.load(f)
    try:
        text = convert_game.convert(game)
    except convert_game.Unsupported as e:
        print(f"concord: {game['name']}: cannot be expressed exactly: {e}", file=sys.stderr)
        sys.exit(convert_game.UNSUPPORTED)
    with tempfile.NamedTemporaryFile("w", suffix=".concord", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        t0 = time.perf_counter()
        p = subprocess.run([args.concord, "--format", "json", "power", "--index", args.index, path],
                           capture_output=True, text=True)
        wall = time.perf_counter() - t0
        compute = wall
        if p.returncode == 0 and os.path.exists(TIMING_BIN):
            t = subprocess.run([TIMING_BIN, path, args.index, "3"], capture_output=True, text=True)
            if t.returncode == 0:
                compute = json.loads(t.stdout)["compute_s"]
    finally:
        os.unlink(path)
    if p.returncode != 0:
        sys.stderr.write(p.stderr + p.stdout[-2000:])
        sys.exit(p.returncode)
    report = json.loads(p.stdout)
    (rule,) = report["rules"]
    exact = [Fraction(int(m[args.index]["numerator"]), int(m[args.index]["denominator"]))
             for m in rule["members"]]
    res = {"pkg": "concord", "game": game["name"], "index": args.index, "n": len(exact),
           "compute_s": compute, "wall_cli_s": wall, "normalised": [float(x) for x in exact],
           "exact": [f"{x.numerator}/{x.denominator}" for x in exact],
           "sum_is_one": sum(exact) == 1}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(res, f)
    print(f"concord {game['name']} {args.index}: n={len(exact)} wall={wall:.4f}s compute={compute:.4f}s "
          f"sum_is_one={res['sum_is_one']}", file=sys.stderr)


if __name__ == "__main__":
    main()
