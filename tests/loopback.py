"""A website served by a test on loopback, on a port of its own: the company's website that
the cookie banner is pasted into, or that a scan visits."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackSite:
    """Subclasses say what each GET gets in `answer(host, path)`; `requests` lists the
    (host, path) of every request, in order."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                host = self.headers.get("Host", "").rsplit(":", 1)[0]
                site.requests.append((host, self.path))
                status, headers, body = site.answer(host, self.path)
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.origin = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, host: str, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        raise NotImplementedError

    def close(self):
        self.server.shutdown()
        self.server.server_close()
