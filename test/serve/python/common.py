"""What the tutorial scripts share: the client (from OPENAI_BASE_URL / OPENAI_API_KEY, as users run them),
the vector store API under either of its SDK homes, and one JSON line of results for the test to read."""
import json
import sys

from openai import OpenAI

client = OpenAI()


def vector_stores():
    """`client.vector_stores` since openai 1.66; `client.beta.vector_stores` in the older tutorials' SDK."""
    return getattr(client, "vector_stores", None) or client.beta.vector_stores


def report(**values) -> None:
    print(json.dumps(values), flush=True)


def fail(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
    sys.exit(1)
