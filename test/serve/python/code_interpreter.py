"""The code interpreter tutorial: a CSV attached to the question, a chart drawn by the code, the PNG downloaded."""
import sys

from common import client, fail, report

csv_path, png_path = sys.argv[1], sys.argv[2]
file = client.files.create(file=open(csv_path, "rb"), purpose="assistants")
assistant = client.beta.assistants.create(
    name="Data visualizer",
    instructions="You are great at creating beautiful data visualizations. You analyze data present in .csv files and draw charts.",
    model="gpt-4o",
    tools=[{"type": "code_interpreter"}],
)
thread = client.beta.threads.create(
    messages=[
        {
            "role": "user",
            "content": "Plot the sales per month as a bar chart.",
            "attachments": [{"file_id": file.id, "tools": [{"type": "code_interpreter"}]}],
        }
    ]
)
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
if run.status != "completed":
    fail(f"the run ended {run.status}: {run.last_error}")
messages = client.beta.threads.messages.list(thread_id=thread.id, order="asc")
images = [part.image_file.file_id for message in messages if message.role == "assistant" for part in message.content if part.type == "image_file"]
if not images:
    fail("the answer has no image")
content = client.files.content(images[0])
with open(png_path, "wb") as out:
    out.write(content.read())
steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run.id)
logs = [
    output.logs
    for step in steps
    if step.step_details.type == "tool_calls"
    for call in step.step_details.tool_calls
    if call.type == "code_interpreter"
    for output in call.code_interpreter.outputs
    if output.type == "logs"
]
report(images=images, logs=logs)
