"""Streaming with `text_deltas`, then polling a second run with `runs.retrieve`, as the quickstart did."""
import time

from common import client, fail, report

assistant = client.beta.assistants.create(name="Math Tutor", instructions="You are a personal math tutor.", model="gpt-4o")
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="Solve 3x + 11 = 14.")
deltas = []
with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as stream:
    for text in stream.text_deltas:
        deltas.append(text)
    final = stream.get_final_run()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="And 2x = 8?")
run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=assistant.id)
statuses = [run.status]
deadline = time.time() + 20
while run.status in ("queued", "in_progress") and time.time() < deadline:
    time.sleep(0.1)
    run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    statuses.append(run.status)
if run.status != "completed":
    fail(f"the polled run ended {run.status}")
messages = client.beta.threads.messages.list(thread_id=thread.id)
report(deltas=deltas, streamed=final.status, polled=statuses[-1], newest=messages.data[0].content[0].text.value, count=len(messages.data))
