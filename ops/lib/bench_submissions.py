#!/usr/bin/env python3
"""Prepares the submission benchmark: reads demo links, fetches each form
through the API, builds a valid answer set from the instrument, submits it
once (so every request wrk makes later is a validated amendment), and writes
a wrk Lua script that cycles through the tokens.

Usage: bench_submissions.py LINKS_FILE BASE_URL PROGRAMME OUT_LUA
Standard library only.
"""
import json
import sys
import urllib.error
import urllib.request


def answer_for(question):
    """A valid answer for a required question without conditions."""
    kind = question["type"]
    if kind == "likert5":
        return 4
    if kind == "scale":
        return question.get("min", 0) + 1
    if kind == "boolean":
        return True
    if kind == "single":
        return question["choices"][0]["value"]
    if kind == "multiple":
        return [question["choices"][0]["value"]]
    if kind == "integer":
        return max(question.get("min", 1), 1)
    if kind == "decimal":
        return max(question.get("min", 1.0), 1.0)
    if kind == "date":
        return "2017-06-30"
    return "ok"


def request(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.loads(response.read())


def main():
    links_file, base, programme, out = sys.argv[1:5]
    entries = []
    for line in open(links_file):
        if line.startswith("#"):
            continue
        slug, _engagement, _respondent, _wave, url = line.rstrip("\n").split("\t")
        if slug != programme:
            continue
        token = url.rsplit("/", 1)[1]
        form = request("GET", f"{base}/api/v1/forms/{token}")
        answers = {}
        # Only required questions with no relevance condition: every
        # other question may (or must) stay unanswered.
        for section in form["instrument"]["sections"]:
            for question in section["questions"]:
                if question.get("required") and not question.get("relevant"):
                    answers[question["key"]] = answer_for(question)
        body = {"answers": answers, "consent_version": form["consent"]["version"]}
        try:
            request("POST", f"{base}/api/v1/forms/{token}/submission", body)
        except urllib.error.HTTPError as error:
            sys.exit(f"bench: the prepared submission for {token[:6]}… was refused: {error.read().decode()}")
        entries.append((f"/api/v1/forms/{token}/submission", json.dumps(body)))
    with open(out, "w") as lua:
        lua.write("local requests = {\n")
        for path, body in entries:
            lua.write("  {%s, %s},\n" % (json.dumps(path), json.dumps(body)))
        lua.write("}\n")
        lua.write("""
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  local r = requests[(i + offset) % #requests + 1]
  return wrk.format("POST", r[1], {["Content-Type"] = "application/json"}, r[2])
end
""")
    print(len(entries))


if __name__ == "__main__":
    main()
