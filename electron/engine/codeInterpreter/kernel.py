"""Assistant Studio's code interpreter kernel: runs the code the app sends in one persistent namespace.

Started as `python -u -c <this source>`. Requests arrive on stdin and replies leave on fd 3; every frame
is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON. The code's own output goes to
the real stdout and stderr, which the app reads as they stream; after each execution the kernel writes
the request's end marker to both, so the app knows when it holds all of that execution's output.
"""

import ast
import base64
import importlib.machinery
import io
import json
import linecache
import os
import sys
import traceback

# Private copies of the protocol descriptors, not inheritable by processes the code starts; the code
# sees an empty stdin, so input() ends at once instead of swallowing the next request.
REQUESTS = os.dup(0)
REPLIES = os.dup(3)
os.close(3)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)

BACKEND = "studio_inline_backend"
os.environ["MPLBACKEND"] = "module://" + BACKEND

images = []
images_dropped = 0
max_images = 10


def read_exact(size):
    chunks = []
    while size > 0:
        chunk = os.read(REQUESTS, size)
        if not chunk:
            raise SystemExit(0)  # the app closed the pipe: the session is over
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive():
    return json.loads(read_exact(int.from_bytes(read_exact(4), "big")))


def send(message):
    data = json.dumps(message).encode()
    view = memoryview(len(data).to_bytes(4, "big") + data)
    while view:
        view = view[os.write(REPLIES, view):]


def capture_figures():
    """Turns every open figure into a PNG and closes it, as an inline notebook display does."""
    global images_dropped
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    for number in pyplot.get_fignums():
        if len(images) >= max_images:
            images_dropped += 1
            continue
        buffer = io.BytesIO()
        pyplot.figure(number).savefig(buffer, format="png", bbox_inches="tight")
        images.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
    pyplot.close("all")


class InlineBackend:
    """A matplotlib backend (`module://studio_inline_backend`): Agg drawing, and show() captures."""

    def find_spec(self, name, path=None, target=None):
        return importlib.machinery.ModuleSpec(name, self) if name == BACKEND else None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        from matplotlib.backend_bases import FigureManagerBase
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        module.FigureCanvas = FigureCanvasAgg
        module.FigureManager = FigureManagerBase
        module.show = lambda *args, **kwargs: capture_figures()


sys.meta_path.append(InlineBackend())

namespace = {"__name__": "__main__", "__builtins__": __builtins__}
cells = 0


def run_cell(code):
    """Runs the code; the value of a final expression is printed, as a notebook would display it."""
    global cells
    cells += 1
    filename = "<cell %d>" % cells
    # Registered so that tracebacks can quote the lines of the code that failed.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    tree = ast.parse(code, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def describe(error):
    """The error with a traceback that starts at the user's code, not inside the kernel."""
    tb = error.__traceback__
    while tb is not None and not tb.tb_frame.f_code.co_filename.startswith("<cell "):
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(error), error, tb))
    return {"name": type(error).__name__, "message": str(error), "traceback": text}


def execute(request):
    global images, images_dropped, max_images
    images, images_dropped, max_images = [], 0, request["maxImages"]
    status, error = "ok", None
    # The memory limit was set before this process started, as a hard limit the code cannot raise; the
    # kernel's own work below shares it, so each step copes with memory the code still holds.
    try:
        run_cell(request["code"])
    except BaseException as caught:  # SystemExit and KeyboardInterrupt too: the session goes on
        status = "memory" if isinstance(caught, MemoryError) else "error"
        error = describe(caught)
    if error is not None:
        sys.stderr.write(error["traceback"])
    try:
        capture_figures()
    except Exception as failure:
        sys.stderr.write("[figures could not be captured: %s: %s]\n" % (type(failure).__name__, failure))
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # the code may have closed or replaced the stream; the marker still goes out
            pass
    marker = request["marker"].encode()
    os.write(1, marker)
    os.write(2, marker)
    reply = {"id": request["id"], "status": status, "error": error, "images": images, "imagesDropped": images_dropped}
    try:
        send(reply)
    except MemoryError:
        send(dict(reply, images=[], imagesDropped=images_dropped + len(images)))


while True:
    execute(receive())
