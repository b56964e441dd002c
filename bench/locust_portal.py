"""Locust users for bench/portal_load.py: anonymous visitors of the public portal.

Each user asks at a fixed rate (``constant_throughput``), so the offered load is
users × rate whatever the answer times; the page and the static reference run side by side.
``PIK_BENCH_TARGET`` picks what they ask for: ``pages`` (start page, a programme page, the
FAQ, in turn) or ``static`` (a static file served by the same server: the reference).
"""

from __future__ import annotations

import os

from locust import constant_throughput, task
from locust.contrib.fasthttp import FastHttpUser

PAGES = ["/", "/programme/im/", "/faq/"]
STATIC = "/static/pik/pik.css"
RATE = float(os.environ.get("PIK_BENCH_RATE", "20"))  # requests per second and user


class Visitor(FastHttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self) -> None:
        self.turn = 0

    @task
    def visit(self) -> None:
        if os.environ.get("PIK_BENCH_TARGET") == "static":
            self.client.get(STATIC, name="static")
            return
        path = PAGES[self.turn % len(PAGES)]
        self.turn += 1
        with self.client.get(path, name=path, catch_response=True) as response:
            if response.status_code != 200 or b"<h1" not in (response.content or b""):
                response.failure(f"{response.status_code}")
