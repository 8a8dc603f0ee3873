#!/usr/bin/env bash
# Research assistant: the Responses request, exported from Assistant Studio.
# Usage: OPENAI_API_KEY=sk-... bash request.sh "your question"   (OPENAI_BASE_URL is optional)
# Function calls come back as output items; answering them takes further requests (see the TypeScript or Python export).
# VECTOR_STORE_ID must name a vector store that holds the Knowledge files.
set -euo pipefail

QUESTION=${1:?usage: bash request.sh "your question"}

# JSON string escaping for the question: backslashes, quotes and control characters.
json_escape() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '%s' "$s"
}

curl -sS "${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer ${OPENAI_API_KEY:?set OPENAI_API_KEY}" \
  --data-binary @- <<JSON
{
  "model": "gpt-4.1-mini",
  "temperature": 0.3,
  "parallel_tool_calls": true,
  "tool_choice": "auto",
  "instructions": "You are a careful research assistant.\\n\\n- Answer from the knowledge files when you can and cite them.\\n- Use search_database to find papers by topic.\\n- Use the code interpreter for numbers and charts.",
  "tools": [
    {
      "type": "function",
      "name": "search_database",
      "description": "Search the paper database by free-text query, optionally within one category.",
      "parameters": {
        "type": "object",
        "properties": {
          "query": {
            "type": "string",
            "description": "Words to look for in paper titles."
          },
          "category": {
            "type": "string",
            "enum": ["all", "nlp", "biology", "climate"],
            "description": "Category to search in."
          }
        },
        "required": ["query", "category"],
        "additionalProperties": false
      },
      "strict": true
    },
    {
      "type": "file_search",
      "vector_store_ids": ["${VECTOR_STORE_ID:?set VECTOR_STORE_ID to a vector store holding the Knowledge files}"],
      "max_num_results": 20,
      "ranking_options": { "ranker": "auto", "score_threshold": 0 }
    },
    {
      "type": "code_interpreter",
      "container": { "type": "auto" }
    }
  ],
  "input": "$(json_escape "$QUESTION")"
}
JSON
