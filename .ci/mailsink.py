#!/usr/bin/env python3
"""A development mail sink: a real SMTP server (aiosmtpd) that keeps every message it receives
as a file, and a small web inbox to read them.

    python3 .ci/mailsink.py [--smtp 127.0.0.1:2525] [--http 127.0.0.1:8025] [--dir target/mail]

  --smtp HOST:PORT   where the SMTP server listens (port 0: a free port, printed at start)
  --http HOST:PORT   where the inbox is served; "off" for none
  --dir DIR          where messages are kept, one <n>.eml file each (created; kept across runs)

The inbox (http://127.0.0.1:8025/ by default) lists the messages newest first and shows each
one's text and HTML parts and headers, with its links clickable, so a newcomer can follow a
confirmation link or a one-click unsubscribe. `GET /api/messages` answers the same list as JSON
(id, from, to, subject, date), `GET /api/messages/<id>` one message's headers and parts, and
`GET /raw/<id>` the message as received: tests read those. Nothing is relayed anywhere.

At start it prints one line `mailsink: smtp HOST:PORT http HOST:PORT dir DIR` to stdout.
"""

import argparse
import email
import email.policy
import html
import json
import os
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

LOCK = threading.Lock()


def address(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


class Store:
    """Messages as numbered .eml files in one folder."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    def ids(self):
        names = (n[:-4] for n in os.listdir(self.folder) if n.endswith(".eml"))
        return sorted((int(n) for n in names if n.isdigit()), reverse=True)

    def add(self, data):
        with LOCK:
            number = (max(self.ids(), default=0)) + 1
            path = os.path.join(self.folder, f"{number}.eml")
            with open(path + ".part", "wb") as out:
                out.write(data)
            os.replace(path + ".part", path)
        return number

    def raw(self, number):
        try:
            with open(os.path.join(self.folder, f"{number}.eml"), "rb") as source:
                return source.read()
        except OSError:
            return None

    def parsed(self, number):
        raw = self.raw(number)
        if raw is None:
            return None
        return email.message_from_bytes(raw, policy=email.policy.default)


def summary(number, message):
    return {
        "id": number,
        "from": str(message.get("From", "")),
        "to": str(message.get("To", "")),
        "subject": str(message.get("Subject", "")),
        "date": str(message.get("Date", "")),
    }


def parts(message):
    text = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    return (
        text.get_content() if text is not None else "",
        rich.get_content() if rich is not None else "",
    )


class Handler:
    """aiosmtpd handler: every accepted message is stored as received."""

    def __init__(self, store):
        self.store = store

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.store.add(data)
        return "250 Message accepted for delivery"


def inbox_page(store):
    rows = []
    for number in store.ids():
        message = store.parsed(number)
        if message is None:
            continue
        info = summary(number, message)
        rows.append(
            f"<tr><td><a href='/messages/{number}'>{html.escape(info['subject']) or '(no subject)'}</a></td>"
            f"<td>{html.escape(info['to'])}</td><td>{html.escape(info['date'])}</td></tr>"
        )
    body = "".join(rows) or "<tr><td colspan='3'>No messages yet.</td></tr>"
    return (
        "<!doctype html><meta charset='utf-8'><title>Beacon mail sink</title>"
        "<style>body{font:15px system-ui;margin:2rem;max-width:60rem}td,th{padding:.3rem .6rem;text-align:left}"
        "tr:nth-child(even){background:#f4f4f4}</style>"
        "<h1>Beacon mail sink</h1><p>Every message sent to this development SMTP server. "
        "Nothing is delivered anywhere else. <a href='/'>Refresh</a></p>"
        f"<table><tr><th>Subject</th><th>To</th><th>Date</th></tr>{body}</table>"
    )


def message_page(number, message):
    text, rich = parts(message)
    headers = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in message.items()
    )
    linked = re.sub(
        r"(https?://[^\s<>\"']+)",
        lambda m: f"<a href='{m.group(1)}'>{m.group(1)}</a>",
        html.escape(text, quote=False),
    )
    frame = (
        f"<iframe sandbox='allow-popups allow-popups-to-escape-sandbox' srcdoc=\"{html.escape(rich)}\" "
        "style='width:100%;height:28rem;border:1px solid #ccc'></iframe>"
        if rich
        else "<p>(no HTML part)</p>"
    )
    return (
        "<!doctype html><meta charset='utf-8'>"
        f"<title>{html.escape(str(message.get('Subject', '')))}</title>"
        "<style>body{font:15px system-ui;margin:2rem;max-width:60rem}th{text-align:left;padding-right:1rem;vertical-align:top}"
        "pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style>"
        f"<p><a href='/'>← Inbox</a> · <a href='/raw/{number}'>Raw message</a></p>"
        f"<h1>{html.escape(str(message.get('Subject', '')))}</h1>"
        f"<h2>Text</h2><pre>{linked}</pre><h2>HTML</h2>{frame}"
        f"<h2>Headers</h2><table>{headers}</table>"
    )


def web_handler(store):
    class Web(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, status, body, kind):
            data = body if isinstance(body, bytes) else body.encode("utf-8")
            self.send_response(status)
            self.send_header("content-type", kind)
            self.send_header("cache-control", "no-store")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/":
                return self.send(200, inbox_page(store), "text/html; charset=utf-8")
            if path == "/api/messages":
                listed = []
                for number in store.ids():
                    message = store.parsed(number)
                    if message is not None:
                        listed.append(summary(number, message))
                return self.send(200, json.dumps(listed), "application/json")
            match = re.fullmatch(r"/(messages|api/messages|raw)/(\d+)", path)
            if match:
                kind, number = match.group(1), int(match.group(2))
                if kind == "raw":
                    raw = store.raw(number)
                    if raw is not None:
                        return self.send(200, raw, "message/rfc822")
                else:
                    message = store.parsed(number)
                    if message is not None:
                        if kind == "messages":
                            return self.send(200, message_page(number, message), "text/html; charset=utf-8")
                        text, rich = parts(message)
                        info = summary(number, message)
                        info["headers"] = [[k, str(v)] for k, v in message.items()]
                        info["text"], info["html"] = text, rich
                        return self.send(200, json.dumps(info), "application/json")
            return self.send(404, "not found", "text/plain")

    return Web


def main():
    parser = argparse.ArgumentParser(description="A development SMTP sink with a web inbox.")
    parser.add_argument("--smtp", type=address, default=("127.0.0.1", 2525))
    parser.add_argument("--http", default="127.0.0.1:8025")
    parser.add_argument("--dir", default="target/mail")
    args = parser.parse_args()

    store = Store(args.dir)
    smtp_host, smtp_port = args.smtp
    if smtp_port == 0:
        with socket.socket() as probe:
            probe.bind((smtp_host, 0))
            smtp_port = probe.getsockname()[1]
    controller = Controller(Handler(store), hostname=smtp_host, port=smtp_port)
    controller.start()
    web = None
    http_text = "off"
    if args.http != "off":
        web = ThreadingHTTPServer(address(args.http), web_handler(store))
        http_text = f"{web.server_address[0]}:{web.server_address[1]}"
    print(f"mailsink: smtp {smtp_host}:{smtp_port} http {http_text} dir {os.path.abspath(args.dir)}", flush=True)
    try:
        if web is not None:
            web.serve_forever()
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
