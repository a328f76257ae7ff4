"""One fixed-length wrk run against one URL, from a separate process on loopback."""

import json
import pathlib
import shutil
import subprocess

REPORT_SCRIPT = pathlib.Path(__file__).with_name("wrk_report.lua")


def wrk_path():
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk is not installed: `make bench` installs Debian's wrk package, or run `apt-get install wrk`."
        )
    return path


def measure(url, headers=None, seconds=8, connections=16, threads=2):
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(REPORT_SCRIPT),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    result = json.loads(line.removeprefix("BENCH-JSON "))
    result["rps"] = result["requests"] / result["duration_s"]
    return result
