"""Renders one PDF in a process of its own: HTML on stdin, PDF on stdout.

The limits are set before WeasyPrint is imported, so a pathological document can only
exhaust this process, never the web server that started it.
"""

import resource
import sys


def main() -> int:
    memory_limit = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    html = sys.stdin.buffer.read().decode("utf-8")

    from policies.pdf.engine import write_pdf

    sys.stdout.buffer.write(write_pdf(html))
    return 0


if __name__ == "__main__":
    sys.exit(main())
