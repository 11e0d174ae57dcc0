"""pyzmq's side of zmq-log's interop tests, driven by the JVM test through JSON lines on stdout.

  log_peer.py sub ENDPOINT [PREFIX...]  a SUB connected to ENDPOINT (subscribed to every PREFIX, or to
                                        everything): prints {"ready": true}, then one [topic, text] line per
                                        message received.
  log_peer.py pub ROOT                  an XPUB bound on a random loopback port with pyzmq's PUBHandler on it:
                                        prints {"endpoint": ...}, waits for a subscription, logs one record per
                                        level through the standard logging module, prints {"sent": [[topic,
                                        text], ...]} as the handler sent them.

Either mode exits when its stdin closes.
"""
import json
import logging
import os
import sys
import threading

import zmq
from zmq.log.handlers import PUBHandler


def out(value):
    print(json.dumps(value), flush=True)


def exit_when_stdin_closes():
    def wait():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=wait, daemon=True).start()


def sub(endpoint, prefixes):
    ctx = zmq.Context()
    s = ctx.socket(zmq.SUB)
    for p in prefixes or [""]:
        s.subscribe(p.encode("utf8"))
    s.connect(endpoint)
    out({"ready": True})
    while True:
        frames = s.recv_multipart()
        out([f.decode("utf8") for f in frames])


class Recording:
    """Stands in for the handler's socket: records what PUBHandler sends, then sends it."""

    def __init__(self, socket):
        self.socket = socket
        self.sent = []

    def send_multipart(self, frames):
        self.sent.append([f.decode("utf8") for f in frames])
        self.socket.send_multipart(frames)


def pub(root):
    ctx = zmq.Context()
    x = ctx.socket(zmq.XPUB)
    port = x.bind_to_random_port("tcp://127.0.0.1")
    out({"endpoint": "tcp://127.0.0.1:%d" % port})
    x.recv()  # a subscription: the subscriber has joined
    handler = PUBHandler(x)
    handler.root_topic = root
    recording = Recording(x)
    handler.socket = recording
    log = logging.getLogger("pyapp")
    log.setLevel(logging.DEBUG)
    log.propagate = False
    log.addHandler(handler)
    log.debug("debug number %d", 1)
    log.info("plain info ✓")
    log.warning("db.pool::slow %s", "query")
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("failed")
    log.critical("disk::full")
    out({"sent": recording.sent})
    threading.Event().wait()


exit_when_stdin_closes()
if sys.argv[1] == "sub":
    sub(sys.argv[2], sys.argv[3:])
elif sys.argv[1] == "pub":
    pub(sys.argv[2])
else:
    raise SystemExit("unknown mode " + sys.argv[1])
