#!/usr/bin/env python3
"""Measures the processing queue of a running Stemvault service (called by bench/jobs.sh).

  jobs.py queue PORT WORKER_TOKEN WORKERS    claim + complete round trips per second, WORKERS pull workers
  jobs.py poll PORT WORKER_TOKEN MEMBER_TOKEN ROUNDS
                                             job change -> long-poll answer latency: each round holds
                                             GET /api/jobs/{id}/status?wait=30, then sends a heartbeat
Prints one JSON object. Standard library only; each worker keeps one connection (HTTP keep-alive).
"""
import http.client
import json
import statistics
import sys
import threading
import time

STEM = {"stem_type": "vocals", "measured_lufs": -20.0, "peak_amplitude": 0.5, "stem_gain_adjustment_db": 0.0,
        "audio_url": "vocals.opus", "waveform_url": "vocals_waveform.png", "file_size_bytes": 1,
        "duration_seconds": 1.0}


def request(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def queue(port, token, workers):
    done = [0] * workers
    failures = []

    def work(i):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        while True:
            status, body = request(conn, "POST", "/api/worker/jobs/claim", token)
            if status == 204:
                return
            if status != 200:
                failures.append(status)
                return
            job = json.loads(body)["job_id"]
            status, _ = request(conn, "POST", "/api/worker/jobs/%s/complete" % job, token, {"stems": [STEM]})
            if status != 200:
                failures.append(status)
                return
            done[i] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    if failures:
        raise SystemExit("a worker failed: %s" % failures[:5])
    return {"jobs": sum(done), "seconds": round(seconds, 2), "per_second": round(sum(done) / seconds, 1)}


def poll(port, worker, member, rounds):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    status, body = request(conn, "POST", "/api/worker/jobs/claim", worker)
    if status != 200:
        raise SystemExit("no job to claim: %s" % status)
    job = json.loads(body)["job_id"]
    latencies, heartbeats = [], []
    for r in range(rounds):
        answered = {}

        def hold():
            c = http.client.HTTPConnection("127.0.0.1", port)
            s, _ = request(c, "GET", "/api/jobs/%s/status?wait=30" % job, member)
            answered["at"] = time.perf_counter()
            answered["status"] = s

        t = threading.Thread(target=hold)
        t.start()
        time.sleep(0.15)  # the status request is held by now
        sent = time.perf_counter()
        s, _ = request(conn, "POST", "/api/worker/jobs/%s/heartbeat" % job, worker, {"percent": r % 100})
        heartbeats.append((time.perf_counter() - sent) * 1000)
        t.join(35)
        if s != 200 or answered.get("status") != 200:
            raise SystemExit("round %d failed: heartbeat %s, poll %s" % (r, s, answered.get("status")))
        latencies.append((answered["at"] - sent) * 1000)
    q = statistics.quantiles(latencies, n=100)
    return {"rounds": rounds, "p50_ms": round(statistics.median(latencies), 1), "p99_ms": round(q[98], 1),
            "max_ms": round(max(latencies), 1), "heartbeat_p50_ms": round(statistics.median(heartbeats), 1)}


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "queue":
        print(json.dumps(queue(port, sys.argv[3], int(sys.argv[4]))))
    else:
        print(json.dumps(poll(port, sys.argv[3], sys.argv[4], int(sys.argv[5]))))
