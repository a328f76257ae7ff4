"""Measure the site under load against its ceiling and same-stack references.

    .venv/bin/python -m bench.run [--database-url URL] [--runs 3] [--seconds 8] [--quiz-seconds 60]

Needs a generated database (python -m bench.generate ...) and wrk. Starts gunicorn with 2 workers
and production settings, measures every scenario `--runs` times with 16 connections (the
ceiling in every run, so each figure is a ratio to the ceiling of its own run), then the quiz
submission load, certificate rendering, and a profile of the slowest endpoint. Prints a table
and writes bench/results/latest.json.
"""

import argparse
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import urllib.request

from .server import gunicorn, server_environment
from .wrk import measure

RESULTS = pathlib.Path(__file__).with_name("results")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cme_bench"


def spread(values):
    values = [v for v in values if v is not None]
    return {"min": min(values), "median": statistics.median(values), "max": max(values)} if values else None


def machine():
    with open("/proc/meminfo") as meminfo:
        memory = next((int(line.split()[1]) // 1024 // 1024 for line in meminfo if line.startswith("MemTotal")), None)
    return {
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def fetch_etag(base, path, headers):
    request = urllib.request.Request(base + path, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["ETag"]


def load_runs(base, scenarios, runs, seconds, connections):
    per_scenario = {scenario.name: [] for scenario in scenarios}
    for run in range(runs):
        for scenario in scenarios:
            result = measure(
                base + scenario.path,
                scenario.headers,
                seconds,
                scenario.connections or connections,
                threads=1 if scenario.connections == 1 else 2,
            )
            per_scenario[scenario.name].append(result)
            print(
                f"  run {run + 1}: {scenario.name:<34} {result['rps']:9.1f} req/s  p95 {result['p95_ms']:7.1f} ms"
                f"  errors {result['errors'] + result['bad_status']}",
                flush=True,
            )
    ceiling = per_scenario[scenarios[0].name]
    summary = {}
    for scenario in scenarios:
        results = per_scenario[scenario.name]
        summary[scenario.name] = {
            "path": scenario.path.split("?")[0],
            "rps": spread([r["rps"] for r in results]),
            "ratio": spread([r["rps"] / c["rps"] for r, c in zip(results, ceiling)]),
            "p50_ms": spread([r["p50_ms"] for r in results]),
            "p95_ms": spread([r["p95_ms"] for r in results]),
            "errors": sum(r["errors"] + r["bad_status"] for r in results),
        }
    return summary


# The reference ceiling the performance targets were set against: a bare DRF view, 16 connections,
# on this kind of machine.
REFERENCE_CEILING = 3850


def quiz_runs(base, actors, runs, seconds, ceiling_rps):
    """32 learners starting and submitting for `seconds`, `runs` times; lost and duplicated
    attempts counted in the database. With every learner always waiting on the server, the
    latency is the queue: p95 scales with 1 / throughput, so besides the p95 measured here the
    report gives the p95 this throughput would give on a machine at the reference
    ceiling (throughput as a ratio to this run's ceiling, the targets' own yardstick)."""
    from quizzes.models import Attempt, AttemptStatus

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"quiz_id": actors["quiz_id"], "learners": actors["quiz_learners"]}, handle)
    results = []
    for run in range(runs):
        output = subprocess.run(
            [sys.executable, "-m", "bench.quiz_load", base, handle.name, "--seconds", str(seconds)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output)
        ids = result.pop("attempt_ids")
        stored = Attempt.objects.filter(pk__in=ids, status=AttemptStatus.SUBMITTED).count()
        result["stored_submitted"] = stored
        result["lost"] = result["distinct_attempts"] - stored
        result["duplicated"] = result["submissions"] - result["distinct_attempts"]
        print(
            f"  quiz run {run + 1}: {result['submissions']} submissions, p95 {result['p95_ms']:.1f} ms, "
            f"errors {result['errors']}, lost {result['lost']}, duplicated {result['duplicated']}",
            flush=True,
        )
        results.append(result)
    os.unlink(handle.name)
    # A submission is the second request of a round (start, submit).
    requests_ratio = [2 * r["submissions_per_s"] / ceiling_rps for r in results]
    return {
        "learners": len(actors["quiz_learners"]),
        "seconds": seconds,
        "submissions": spread([r["submissions"] for r in results]),
        "submissions_per_s": spread([r["submissions_per_s"] for r in results]),
        "p95_ms": spread([r["p95_ms"] for r in results]),
        "ceiling_rps": ceiling_rps,
        "requests_ratio_to_ceiling": spread(requests_ratio),
        "p95_ms_at_reference_ceiling": spread([r["p95_ms"] * ceiling_rps / REFERENCE_CEILING for r in results]),
        "errors": sum(sum(r["errors"].values()) for r in results),
        "error_kinds": {k: v for r in results for k, v in r["errors"].items()},
        "lost": sum(r["lost"] for r in results),
        "duplicated": sum(r["duplicated"] for r in results),
    }


# How the background issuer runs: as any process, at the lowest CPU priority, in the scheduler's
# idle class (it runs only on a core nothing else wants), and in the idle class paced to
# ISSUING_PACE certificates a second, as a batch worker on the site's own cores should. Beside
# them, a loop that only spins in the idle class: what any background CPU work costs the site on
# these cores, whatever it does.
ISSUING_PACE = 2
SPINNER = "print('ready', flush=True)\nwhile True: pass"


def background_loads(member_id):
    issuer = [sys.executable, "-m", "bench.certificates", "issue", "--count", "1000", "--exclude-member", member_id]
    return {
        "normal": issuer,
        "niced": ["nice", "-n", "19", *issuer],
        "idle": ["chrt", "--idle", "0", *issuer],
        "idle, paced": ["chrt", "--idle", "0", *issuer, "--per-second", str(ISSUING_PACE)],
        "idle, spinner only": ["chrt", "--idle", "0", sys.executable, "-c", SPINNER],
    }


def progress_under_issuance(base, scenario, runs, seconds, connections, environment, member_id):
    """The progress endpoint's p95 beside each of background_loads(), each measurement paired
    with a quiet one taken just before it, and how many certificates the load issued meanwhile:
    a background load that yields the cores to the site also issues fewer."""
    from django.db.models import Max

    from lms.models import Certificate

    loads = background_loads(member_id)
    pairs = {name: [] for name in loads}
    for _ in range(runs):
        for name, command in loads.items():
            quiet = measure(base + scenario.path, scenario.headers, seconds, connections)["p95_ms"]
            load = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)
            if load.stdout.readline().strip() != "ready":
                raise SystemExit(f"the background load {name!r} did not start (exit code {load.wait()})")
            last = Certificate.objects.aggregate(last=Max("pk"))["last"] or 0
            busy = measure(base + scenario.path, scenario.headers, seconds, connections)["p95_ms"]
            issued = Certificate.objects.filter(pk__gt=last).count()
            load.terminate()
            load.wait()
            pairs[name].append((quiet, busy, issued / seconds))
            print(
                f"  issuing ({name}): progress p95 {busy:.1f} ms, quiet {quiet:.1f} ms, "
                f"{issued / seconds:.1f} certificates/s",
                flush=True,
            )
    report = {}
    for name, measured in pairs.items():
        report[name] = {
            "p95_ms_quiet": spread([quiet for quiet, _, _ in measured]),
            "p95_ms_issuing": spread([busy for _, busy, _ in measured]),
            "slowdown": spread([busy / quiet - 1 for quiet, busy, _ in measured]),
            "certificates_per_s": spread([rate for _, _, rate in measured]),
        }
    return report


def slowest_own_endpoint(measured, summary):
    """The project's endpoint with the lowest median ratio to the ceiling: latency probes have no
    comparable rate, and the references are the yardstick, not the product."""
    loaded = [s for s in measured if s.connections is None and not s.reference]
    return min(loaded, key=lambda s: summary[s.name]["ratio"]["median"])


def profile(path, headers, requests=200):
    """pyinstrument over `requests` in-process calls of one endpoint; the text report."""
    from pyinstrument import Profiler

    from .queries import InProcess

    requester = InProcess(headers)
    requester.get(path)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(requests):
        requester.get(path)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quiz-seconds", type=int, default=60)
    parser.add_argument(
        "--only",
        help="measure only the GET scenarios whose name contains this (and the ceiling), "
        "or 'issuing' for progress while certificates are issued; no quiz or profile runs",
    )
    args = parser.parse_args()

    environment = server_environment(args.database_url)
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from lms.models import Member

    from .actors import prepare
    from .certificates import render_times
    from .queries import count_queries
    from .scenarios import scenarios

    if not Member.objects.exists():
        raise SystemExit(
            f"No members in {args.database_url}: run python -m bench.generate first (see docs/performance.md)."
        )
    call_command("collectstatic", "--noinput", verbosity=0)
    # The society was written with COPY, which sends no signals: nothing an earlier run stored
    # (answers, page parts, routes, keys) may outlive it.
    cache.clear()
    print("preparing requests ...", flush=True)
    actors = prepare()
    report = {
        "machine": machine(),
        "database": args.database_url.rsplit("@", 1)[-1],
        "rows": {"members": Member.objects.count(), "completions": actors["completions"]},
        "settings": {
            "runs": args.runs,
            "seconds": args.seconds,
            "connections": args.connections,
            "gunicorn_workers": 2,
        },
    }
    with gunicorn(environment) as base:
        progress_path = f"/api/v1/members/{actors['progress_member']}/progress/"
        etag = fetch_etag(base, progress_path, actors["portal"])
        measured = scenarios(actors, etag)
        if args.only == "issuing":
            report["progress_while_issuing"] = progress_under_issuance(
                base, measured[1], args.runs, args.seconds, args.connections, environment, actors["progress_member"]
            )
            measured = measured[:2]
        elif args.only:
            measured = [measured[0]] + [s for s in measured[1:] if args.only in s.name]
        report["queries"] = {s.name: count_queries(s.path, s.headers) for s in measured}
        refused = {name: status for name, (status, _) in report["queries"].items() if status not in (200, 304)}
        if refused:
            raise SystemExit(f"Scenarios answered with an error, so their figures would mean nothing: {refused}")
        for scenario in measured:  # warm every worker's caches and code paths
            measure(base + scenario.path, scenario.headers, 1, 4)
        print("GET scenarios ...", flush=True)
        report["scenarios"] = load_runs(base, measured, args.runs, args.seconds, args.connections)
        for scenario in measured:
            report["scenarios"][scenario.name]["queries"] = report["queries"][scenario.name][1]
            report["scenarios"][scenario.name]["max_queries"] = scenario.max_queries
        if not args.only:
            print("quiz submissions ...", flush=True)
            ceiling = report["scenarios"][measured[0].name]["rps"]["median"]
            report["quiz"] = quiz_runs(base, actors, args.runs, args.quiz_seconds, ceiling)
            print("certificates ...", flush=True)
            report["certificate_render"] = render_times()
            report["progress_while_issuing"] = progress_under_issuance(
                base, measured[1], args.runs, args.seconds, args.connections, environment, actors["progress_member"]
            )
    RESULTS.mkdir(exist_ok=True)
    if not args.only:
        slowest = slowest_own_endpoint(measured, report["scenarios"])
        report["profiled"] = slowest.name
        (RESULTS / "profile.txt").write_text(profile(slowest.path, slowest.headers))
    name = f"only-{args.only.replace(' ', '-')}" if args.only else "latest"
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2, default=str))
    print_table(report)


def print_table(report):
    print(
        f"\n{report['machine']['cores']} cores, {report['machine']['memory_gib']} GiB; "
        f"{report['rows']['members']:,} members, {report['rows']['completions']:,} completions\n"
    )
    print("| Scenario | req/s (min / median / max) | ratio to ceiling (median) | p95 ms (median) | queries |")
    print("|---|---|---|---|---|")
    for name, row in report["scenarios"].items():
        rps, ratio, p95 = row["rps"], row["ratio"], row["p95_ms"]
        print(
            f"| {name} | {rps['min']:.0f} / {rps['median']:.0f} / {rps['max']:.0f} | "
            f"{ratio['median']:.1%} ({ratio['min']:.1%}-{ratio['max']:.1%}) | {p95['median']:.1f} | {row['queries']} |"
        )
    if "progress_while_issuing" in report:
        print(f"progress while issuing certificates: {report['progress_while_issuing']}")
    if "quiz" not in report:
        return
    quiz = report["quiz"]
    print(
        f"\nquiz: {quiz['learners']} learners x {quiz['seconds']} s: submissions {quiz['submissions']}, "
        f"p95 {quiz['p95_ms']}, errors {quiz['errors']}, lost {quiz['lost']}, duplicated {quiz['duplicated']}; "
        f"requests at {quiz['requests_ratio_to_ceiling']} of the ceiling, p95 at the reference ceiling "
        f"{quiz['p95_ms_at_reference_ceiling']}"
    )
    print(f"certificate render: {report['certificate_render']}")
    print(f"profiled: {report['profiled']} -> bench/results/profile.txt")


if __name__ == "__main__":
    main()
