"""The file search tutorial: a PDF in a vector store, an assistant that searches it, an answer with citations."""
import sys

from common import client, fail, report, vector_stores

pdf_path = sys.argv[1]
assistant = client.beta.assistants.create(
    name="Financial Analyst Assistant",
    instructions="You are an expert financial analyst. Use your knowledge base to answer questions about audited financial statements.",
    model="gpt-4o",
    tools=[{"type": "file_search"}],
)
vector_store = vector_stores().create(name="Financial Statements")
with open(pdf_path, "rb") as stream:
    file_batch = vector_stores().file_batches.upload_and_poll(vector_store_id=vector_store.id, files=[stream])
if file_batch.status != "completed" or file_batch.file_counts.completed != 1:
    fail(f"the batch ended {file_batch.status} with {file_batch.file_counts}")
assistant = client.beta.assistants.update(
    assistant_id=assistant.id,
    tool_resources={"file_search": {"vector_store_ids": [vector_store.id]}},
)
thread = client.beta.threads.create(messages=[{"role": "user", "content": "What was the revenue in 2023?"}])
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
if run.status != "completed":
    fail(f"the run ended {run.status}: {run.last_error}")
messages = list(client.beta.threads.messages.list(thread_id=thread.id, run_id=run.id))
text = messages[0].content[0].text
citations = []
for annotation in text.annotations:
    if file_citation := getattr(annotation, "file_citation", None):
        citations.append({"text": annotation.text, "filename": client.files.retrieve(file_citation.file_id).filename})
steps = list(
    client.beta.threads.runs.steps.list(
        thread_id=thread.id, run_id=run.id, include=["step_details.tool_calls[*].file_search.results[*].content"]
    )
)
results = [
    result.content[0].text
    for step in steps
    if step.step_details.type == "tool_calls"
    for call in step.step_details.tool_calls
    if call.type == "file_search"
    for result in call.file_search.results or []
]
report(answer=text.value, citations=citations, results=results)
