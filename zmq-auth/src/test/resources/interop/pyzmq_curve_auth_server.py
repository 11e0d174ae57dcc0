#!/usr/bin/python3
"""A libzmq CURVE server guarded by pyzmq's ThreadAuthenticator, for zmq-kt's Authenticator interop tests.

Usage: pyzmq_curve_auth_server.py ENDPOINT SERVER_SECRET_FILE PUBLIC_KEYS_DIR|* [ALLOWED_ADDRESS]

Binds a ROUTER (CURVE server, keys from SERVER_SECRET_FILE, ZAP by a ThreadAuthenticator configured with
configure_curve(domain='*', location=PUBLIC_KEYS_DIR or CURVE_ALLOW_ANY)), prints "endpoint <last endpoint>",
then answers every message [id, body] with [id, body, "User-Id=<the User-Id libzmq gives the message>"]. Each
handshake failure the server's monitor reports is printed as "event <NAME> <value>". Ends when stdin closes.
"""
import sys
import threading

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.monitor import recv_monitor_message

endpoint, secret_file, location = sys.argv[1:4]
allowed = sys.argv[4] if len(sys.argv) > 4 else None

ctx = zmq.Context()
auth = ThreadAuthenticator(ctx)
auth.start()
if allowed:
    auth.allow(allowed)
auth.configure_curve(domain='*', location=zmq.auth.CURVE_ALLOW_ANY if location == '*' else location)

public, secret = zmq.auth.load_certificate(secret_file)
server = ctx.socket(zmq.ROUTER)
server.linger = 0
server.curve_publickey = public
server.curve_secretkey = secret
server.curve_server = True
monitor = server.get_monitor_socket(zmq.EVENT_HANDSHAKE_FAILED_AUTH | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.EVENT_HANDSHAKE_SUCCEEDED)
server.bind(endpoint)
print("endpoint", server.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)

stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()

poller = zmq.Poller()
poller.register(server, zmq.POLLIN)
poller.register(monitor, zmq.POLLIN)
while not stop.is_set():
    ready = dict(poller.poll(100))
    if monitor in ready:
        event = recv_monitor_message(monitor)
        print("event", zmq.Event(event["event"]).name, event["value"], flush=True)
    if server in ready:
        frames = server.recv_multipart(copy=False)
        user_id = frames[-1].get("User-Id")
        server.send_multipart([frames[0].bytes] + [f.bytes for f in frames[1:]] + [("User-Id=" + user_id).encode()])

server.disable_monitor()
monitor.close(linger=0)
server.close(linger=0)
auth.stop()
ctx.term()
