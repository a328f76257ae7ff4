"""Learners taking a post-test over and over, concurrently: start (or resume) an attempt, answer
every question, submit. A separate process with one keep-alive connection per learner.

    python -m bench.quiz_load http://127.0.0.1:8765 learners.json --seconds 60

learners.json: {"quiz_id": N, "learners": [{"Cookie": ..., "X-CSRFToken": ...}, ...]}.
Prints one JSON line: submissions, errors by kind, and latency percentiles of the submit call.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit


def learner_loop(base, quiz_id, headers, stop_at, results):
    target = urlsplit(base)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    headers = {**headers, "Content-Type": "application/json", "Host": target.netloc}
    while time.monotonic() < stop_at:
        status, attempt = call(connection, "POST", f"/api/v1/me/quizzes/{quiz_id}/attempts/", headers, b"")
        if status != 201:
            results["errors"].append(f"start {status}")
            continue
        answers = [
            {"position": question["position"], "choices": [question["choices"][0]["id"]]}
            for question in attempt["questions"]
        ]
        body = json.dumps({"answers": answers}).encode()
        started = time.perf_counter()
        status, graded = call(connection, "POST", f"/api/v1/me/attempts/{attempt['id']}/submit/", headers, body)
        elapsed = (time.perf_counter() - started) * 1000
        if status == 200 and graded.get("status") == "submitted":
            results["submitted"].append((attempt["id"], elapsed))
        else:
            results["errors"].append(f"submit {status}")
    connection.close()


def call(connection, method, path, headers, body):
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else {}
    except (OSError, http.client.HTTPException, ValueError) as error:
        connection.close()
        return type(error).__name__, {}


def run(base, quiz_id, learners, seconds):
    results = {"submitted": [], "errors": []}
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=learner_loop, args=(base, quiz_id, headers, stop_at, results)) for headers in learners
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(ms for _, ms in results["submitted"])
    attempt_ids = [attempt for attempt, _ in results["submitted"]]
    errors = {}
    for error in results["errors"]:
        errors[error] = errors.get(error, 0) + 1
    return {
        "submissions": len(attempt_ids),
        "distinct_attempts": len(set(attempt_ids)),
        "submissions_per_s": len(attempt_ids) / seconds,
        "errors": errors,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "max_ms": latencies[-1] if latencies else None,
        "attempt_ids": attempt_ids,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("learners_file")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with open(args.learners_file) as handle:
        spec = json.load(handle)
    print(json.dumps(run(args.base_url, spec["quiz_id"], spec["learners"], args.seconds)))


if __name__ == "__main__":
    main()
