#!/usr/bin/env python3
"""Fails when a capturing lambda or a braced temporary ({...} as an
argument) is written inside a co_await expression.

GCC 12 destroys such a closure or temporary twice (a double free on the
first request; docs/decisions.md §9). It must be bound to a local first:
    auto work = [x](pqxx::work& tx) { ... };
    auto result = co_await in_transaction(pool, std::move(work));
Usage: check_co_await_lambdas.py ROOT
"""
import pathlib
import re
import sys

# From `co_await` to the end of its statement, a '[' that opens a non-empty
# capture list followed by a parameter list: `[x](`, `[&pool](`, `[a = b](`.
CAPTURING_LAMBDA = re.compile(r"\[\s*[^\]\s][^\]]*\]\s*\(")
# A braced initializer passed as an argument: `f(a, {b, c})`, `f({x})`.
BRACED_TEMPORARY = re.compile(r"[(,]\s*\{")


def code_only(text):
    """The text with comments and string literals blanked (line numbers kept)."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', re.S)
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def statements_with_co_await(text):
    for match in re.finditer(r"co_await\b", text):
        end = text.find(";", match.end())
        yield match.start(), text[match.start():end if end >= 0 else len(text)]


def main():
    root = pathlib.Path(sys.argv[1])
    problems = []
    for path in sorted(root.glob("server/**/*.[ch]pp")):
        text = code_only(path.read_text())
        for start, statement in statements_with_co_await(text):
            line = text.count("\n", 0, start) + 1
            if CAPTURING_LAMBDA.search(statement):
                problems.append(f"{path.relative_to(root)}:{line}: capturing lambda inside co_await")
            if BRACED_TEMPORARY.search(statement):
                problems.append(f"{path.relative_to(root)}:{line}: braced temporary inside co_await")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
