"""The function calling tutorial: the run asks for tool outputs, the program submits them and streams the answer."""
import json

from typing_extensions import override

from openai import AssistantEventHandler
from common import client, fail, report

assistant = client.beta.assistants.create(
    instructions="You are a weather bot. Use the provided functions to answer questions.",
    model="gpt-4o",
    tools=[
        {
            "type": "function",
            "function": {
                "name": "get_current_temperature",
                "description": "Get the current temperature for a specific location",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "location": {"type": "string", "description": "The city and state, e.g., San Francisco, CA"},
                        "unit": {"type": "string", "enum": ["Celsius", "Fahrenheit"]},
                    },
                    "required": ["location", "unit"],
                },
            },
        }
    ],
)
thread = client.beta.threads.create()
client.beta.threads.messages.create(thread_id=thread.id, role="user", content="What's the weather in San Francisco today?")
calls = []
texts = []


class EventHandler(AssistantEventHandler):
    @override
    def on_event(self, event):
        if event.event == "thread.run.requires_action":
            self.handle_requires_action(event.data)

    def handle_requires_action(self, run):
        outputs = []
        for tool in run.required_action.submit_tool_outputs.tool_calls:
            calls.append({"name": tool.function.name, "arguments": json.loads(tool.function.arguments)})
            outputs.append({"tool_call_id": tool.id, "output": "57"})
        with client.beta.threads.runs.submit_tool_outputs_stream(
            thread_id=run.thread_id, run_id=run.id, tool_outputs=outputs, event_handler=EventHandler()
        ) as stream:
            for text in stream.text_deltas:
                texts.append(text)


with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id, event_handler=EventHandler()) as stream:
    stream.until_done()
runs = list(client.beta.threads.runs.list(thread_id=thread.id))
if runs[0].status != "completed":
    fail(f"the run ended {runs[0].status}")
report(calls=calls, answer="".join(texts), status=runs[0].status)
