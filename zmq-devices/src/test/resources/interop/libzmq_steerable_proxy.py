#!/usr/bin/python3
"""libzmq's own steerable proxy (zmq_proxy_steerable through pyzmq), for zmq-kt's tests to compare with.

Binds a PULL frontend, a PUSH backend and a PAIR control socket on tcp loopback, prints their endpoints as one
JSON line, runs zmq.proxy_steerable until TERMINATE, then prints "terminated" and exits.
"""
import json

import zmq

ctx = zmq.Context()
frontend = ctx.socket(zmq.PULL)
backend = ctx.socket(zmq.PUSH)
control = ctx.socket(zmq.PAIR)
endpoints = {}
for name, s in (("frontend", frontend), ("backend", backend), ("control", control)):
    s.bind("tcp://127.0.0.1:*")
    endpoints[name] = s.getsockopt(zmq.LAST_ENDPOINT).decode()
endpoints["libzmq"] = zmq.zmq_version()
print(json.dumps(endpoints), flush=True)
zmq.proxy_steerable(frontend, backend, None, control)
print("terminated", flush=True)
for s in (frontend, backend, control):
    s.close(linger=0)
ctx.term()
