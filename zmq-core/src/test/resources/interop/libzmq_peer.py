#!/usr/bin/python3
"""A libzmq peer for zmq-kt's interop tests, driven by JSON lines on stdin.

Each request is one JSON object per line; each answer is one JSON object per line on stdout:
{"ok": true, ...} or {"ok": false, "error": "..."}. Frames travel as hex strings.

Requests ("sock" names a socket; default "s"):
  {"op": "socket", "sock": "s", "type": "PULL", "options": {"RCVHWM": 10, "HEARTBEAT_IVL": 100}}
  {"op": "bind", "sock": "s", "endpoint": "tcp://127.0.0.1:*"}     -> {"endpoint": "tcp://127.0.0.1:5555"}
  {"op": "connect", "sock": "s", "endpoint": "..."}
  {"op": "unbind" | "disconnect", "sock": "s", "endpoint": "..."}
  {"op": "send", "sock": "s", "frames": ["68656c6c6f"], "timeout": 5000}
  {"op": "recv", "sock": "s", "timeout": 5000}                       -> {"frames": [...]}
  {"op": "send_many", "sock": "s", "count": 1000, "size": 10, "timeout": 10000}
      sends count messages; message i is "i" in decimal, padded with zeros to size bytes
  {"op": "recv_many", "sock": "s", "count": 1000, "timeout": 10000}  -> {"count": n, "bytes": b, "last": [...]}
  {"op": "echo", "sock": "s", "count": 10, "timeout": 5000}         receive and send back, count times
  {"op": "burst", "sock": "s", "count": 2000, "timeout": 10000}
      sends count numbered messages without reading, then reads count echoes -> {"received": n, "missing": [...]}
  {"op": "monitor", "sock": "s"}                                     start collecting monitor events
  {"op": "events", "sock": "s", "wait": 500, "until": "HANDSHAKE_SUCCEEDED"}
      events seen so far (waiting up to `wait` ms for `until` if given) -> {"events": [{"event": "...", "value": n}]}
  {"op": "lazy_server", "sock": "s", "replies": 20, "drop": 0.3, "seed": 1, "timeout": 30000}
      a ROUTER that answers [id, "", body] with the same, dropping requests at random, until it has
      sent `replies` replies -> {"dropped": n}
  {"op": "proxy", "front": "f", "back": "b", "count": 10, "timeout": 10000}
      forward between two sockets until `count` messages went back to the front -> {"forwarded": n}
  {"op": "subscribe", "sock": "s", "topics": ["41"], "unsubscribe": false}   SUB/XSUB socket options
  {"op": "recv_meta", "sock": "s", "timeout": 5000, "props": ["User-Id", "X-Foo"]}
      receive a message and read properties of its connection (zmq_msg_gets) -> {"frames": [...], "props": {...}}
      (a missing property reads as null)
  {"op": "auth_start", "domain": "*", "passwords": {"admin": "secret"}, "allow": ["127.0.0.1"]}
      start pyzmq's ThreadAuthenticator on this process's context (ZAP for PLAIN with these passwords)
  {"op": "auth_stop"}
  {"op": "close", "sock": "s"}
  {"op": "exit"}

Socket options given as strings are hex bytes (PLAIN_USERNAME, ZAP_DOMAIN, METADATA "X-Name:value", ...).
"""
import json
import sys
import time

import zmq
from zmq.utils.monitor import parse_monitor_message

ctx = zmq.Context()
authenticator = None
sockets = {}
monitors = {}
collected = {}


def hexframes(frames):
    return [bytes(f).hex() for f in frames]


def option(name):
    return getattr(zmq, name)


def drain_monitor(name, wait_ms=0, until=None):
    mon = monitors[name]
    deadline = time.monotonic() + wait_ms / 1000.0
    while True:
        while mon.poll(0):
            ev = parse_monitor_message(mon.recv_multipart())
            collected[name].append({"event": zmq.Event(ev["event"]).name, "value": int(ev["value"]),
                                    "endpoint": ev["endpoint"].decode(errors="replace")})
        if until is not None and any(e["event"] == until for e in collected[name]):
            return
        left = deadline - time.monotonic()
        if left <= 0:
            return
        mon.poll(int(left * 1000) + 1)


def handle_proxy(req):
    front = sockets[req["front"]]
    back = sockets[req["back"]]
    poller = zmq.Poller()
    poller.register(front, zmq.POLLIN)
    poller.register(back, zmq.POLLIN)
    deadline = time.monotonic() + req.get("timeout", 10000) / 1000.0
    forwarded = 0
    while forwarded < req["count"]:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready = dict(poller.poll(int(left * 1000) + 1))
        if front in ready:
            back.send_multipart(front.recv_multipart())
        if back in ready:
            front.send_multipart(back.recv_multipart())
            forwarded += 1
    return {"forwarded": forwarded}


def handle_auth_start(req):
    global authenticator
    from zmq.auth.thread import ThreadAuthenticator
    if authenticator is None:
        authenticator = ThreadAuthenticator(ctx)
        authenticator.start()
    if req.get("allow"):
        authenticator.allow(*req["allow"])
    if "passwords" in req:
        authenticator.configure_plain(domain=req.get("domain", "*"), passwords=req["passwords"])
    return {}


def handle_auth_stop():
    global authenticator
    if authenticator is not None:
        authenticator.stop()
        authenticator = None
    return {}


def handle(req):
    op = req["op"]
    name = req.get("sock", "s")
    if op == "socket":
        s = ctx.socket(getattr(zmq, req["type"]))
        s.setsockopt(zmq.LINGER, req.get("linger", 1000))
        for key, value in req.get("options", {}).items():
            if isinstance(value, str):
                value = bytes.fromhex(value)
            s.setsockopt(option(key), value)
        sockets[name] = s
        return {}
    if op == "exit":
        if authenticator is not None:
            authenticator.stop()
        for s in sockets.values():
            s.close(linger=0)
        for m in monitors.values():
            m.close(linger=0)
        ctx.term()
        return {"exit": True}
    if op == "proxy":
        return handle_proxy(req)
    if op == "auth_start":
        return handle_auth_start(req)
    if op == "auth_stop":
        return handle_auth_stop()
    s = sockets[name]
    if op == "bind":
        s.bind(req["endpoint"])
        return {"endpoint": s.getsockopt(zmq.LAST_ENDPOINT).decode()}
    if op == "connect":
        s.connect(req["endpoint"])
        return {}
    if op == "subscribe":
        opt = zmq.UNSUBSCRIBE if req.get("unsubscribe") else zmq.SUBSCRIBE
        for topic in req["topics"]:
            s.setsockopt(opt, bytes.fromhex(topic))
        return {}
    if op == "unbind":
        s.unbind(req["endpoint"])
        return {}
    if op == "disconnect":
        s.disconnect(req["endpoint"])
        return {}
    if op == "send":
        s.setsockopt(zmq.SNDTIMEO, req.get("timeout", 5000))
        s.send_multipart([bytes.fromhex(f) for f in req["frames"]])
        return {}
    if op == "lazy_server":
        import random
        rng = random.Random(req.get("seed", 1))
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 30000))
        replies = 0
        dropped = 0
        while replies < req["replies"]:
            frames = s.recv_multipart()
            if rng.random() < req.get("drop", 0.3):
                dropped += 1
                continue
            s.send_multipart(frames)
            replies += 1
        return {"dropped": dropped}
    if op == "recv":
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 5000))
        return {"frames": hexframes(s.recv_multipart())}
    if op == "recv_meta":
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 5000))
        frames = s.recv_multipart(copy=False)
        props = {}
        for prop in req.get("props", []):
            try:
                props[prop] = frames[0].get(prop)
            except zmq.ZMQError:
                props[prop] = None
        return {"frames": hexframes(f.bytes for f in frames), "props": props}
    if op == "send_many":
        s.setsockopt(zmq.SNDTIMEO, req.get("timeout", 10000))
        size = req.get("size", 10)
        for i in range(req["count"]):
            s.send(str(i).encode().ljust(size, b"0")[:max(size, len(str(i)))])
        return {}
    if op == "recv_many":
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 10000))
        n = 0
        total = 0
        last = []
        try:
            for _ in range(req["count"]):
                last = s.recv_multipart()
                n += 1
                total += sum(len(f) for f in last)
        except zmq.Again:
            pass
        return {"count": n, "bytes": total, "last": hexframes(last)}
    if op == "echo":
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 5000))
        s.setsockopt(zmq.SNDTIMEO, req.get("timeout", 5000))
        for _ in range(req.get("count", 1)):
            s.send_multipart(s.recv_multipart())
        return {}
    if op == "burst":
        s.setsockopt(zmq.SNDTIMEO, req.get("timeout", 10000))
        s.setsockopt(zmq.RCVTIMEO, req.get("timeout", 10000))
        count = req["count"]
        for i in range(count):
            s.send(b"%d" % i)
        seen = set()
        try:
            while len(seen) < count:
                seen.add(int(s.recv_multipart()[-1]))
        except zmq.Again:
            pass
        missing = [i for i in range(count) if i not in seen]
        return {"received": len(seen), "missing": missing[:20]}
    if op == "monitor":
        address = "inproc://monitor-" + name
        s.monitor(address, zmq.EVENT_ALL)
        m = ctx.socket(zmq.PAIR)
        m.connect(address)
        monitors[name] = m
        collected[name] = []
        return {}
    if op == "events":
        drain_monitor(name, req.get("wait", 0), req.get("until"))
        return {"events": collected[name]}
    if op == "close":
        s.close(linger=req.get("linger", 1000))
        del sockets[name]
        return {}
    raise ValueError("unknown op " + op)


def main():
    print(json.dumps({"ok": True, "ready": True, "libzmq": zmq.zmq_version(), "pyzmq": zmq.__version__}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            out = handle(req)
            out["ok"] = True
        except zmq.Again:
            out = {"ok": False, "error": "timeout"}
        except Exception as e:  # report every failure to the test, keep serving
            out = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(out), flush=True)
        if out.get("exit"):
            return


main()
