#!/usr/bin/env python3
"""Validates an unpacked Yardstick data package against the Frictionless Data
profiles (JSON Schemas kept in tests/schemas/frictionless) and checks its data
against its own Table Schemas: every cell's type and constraints, primary keys
unique, foreign keys resolved; then every file against manifest.json.

usage: validate_datapackage.py PACKAGE_DIR SCHEMAS_DIR
Prints one line per problem and exits 1 when there is any, 0 otherwise."""

import csv
import datetime
import hashlib
import json
import os
import re
import sys

import jsonschema

problems = []


def problem(message):
    problems.append(message)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validate(document, schema, what):
    validator = jsonschema.Draft4Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
        problem(f"{what}: {'/'.join(map(str, error.path))}: {error.message[:300]}")


def typed(value, field):
    """The cell as its field's type, or raises ValueError."""
    kind = field.get("type", "string")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError("not an integer")
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        if value in field.get("trueValues", ["true", "True", "TRUE", "1"]):
            return True
        if value in field.get("falseValues", ["false", "False", "FALSE", "0"]):
            return False
        raise ValueError("not a boolean")
    if kind == "date":
        return datetime.date.fromisoformat(value)
    if kind == "datetime":
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value):
            raise ValueError("not an RFC 3339 time")
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def check_table(directory, resource, keys):
    schema = resource["schema"]
    fields = schema["fields"]
    missing = set(schema.get("missingValues", [""]))
    name = resource["name"]
    with open(os.path.join(directory, resource["path"]), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        problem(f"{name}: empty file")
        return
    header = rows[0]
    if header != [field["name"] for field in fields]:
        problem(f"{name}: header {header[:5]}... differs from the schema's fields")
        return
    seen = {field["name"]: set() for field in fields}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(fields):
            problem(f"{name} row {number}: {len(row)} cells for {len(fields)} fields")
            continue
        for field, cell in zip(fields, row):
            constraints = field.get("constraints", {})
            where = f"{name} row {number} {field['name']}"
            if cell in missing:
                if constraints.get("required"):
                    problem(f"{where}: required")
                continue
            try:
                value = typed(cell, field)
            except ValueError as error:
                problem(f"{where}: {cell!r}: {error}")
                continue
            if "enum" in constraints and value not in constraints["enum"]:
                problem(f"{where}: {cell!r} not in {constraints['enum']}")
            if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
                problem(f"{where}: {cell!r} does not match {constraints['pattern']}")
            if "minimum" in constraints and value < constraints["minimum"]:
                problem(f"{where}: {cell!r} below {constraints['minimum']}")
            if "maximum" in constraints and value > constraints["maximum"]:
                problem(f"{where}: {cell!r} above {constraints['maximum']}")
            if "maxLength" in constraints and len(cell) > constraints["maxLength"]:
                problem(f"{where}: longer than {constraints['maxLength']}")
            if constraints.get("unique") and cell in seen[field["name"]]:
                problem(f"{where}: {cell!r} is not unique")
            seen[field["name"]].add(cell)
    primary = schema.get("primaryKey")
    if isinstance(primary, str):
        column = header.index(primary)
        values = [row[column] for row in rows[1:]]
        if len(set(values)) != len(values) or "" in values:
            problem(f"{name}: primary key {primary} is not unique and filled")
        keys[(name, primary)] = set(values)
    keys[(name, "*rows")] = rows


def check_foreign_keys(resources, keys):
    for resource in resources:
        for key in resource.get("schema", {}).get("foreignKeys", []):
            target = (key["reference"]["resource"], key["reference"]["fields"])
            if target not in keys:
                problem(f"{resource['name']}: foreign key to {target} which has no primary key")
                continue
            rows = keys[(resource["name"], "*rows")]
            column = rows[0].index(key["fields"])
            for number, row in enumerate(rows[1:], start=2):
                if row[column] != "" and row[column] not in keys[target]:
                    problem(f"{resource['name']} row {number} {key['fields']}: {row[column]!r} not in {target}")


def check_manifest(directory):
    manifest = load(os.path.join(directory, "manifest.json"))
    listed = {"manifest.json"}
    for entry in manifest["files"]:
        listed.add(entry["path"])
        with open(os.path.join(directory, entry["path"]), "rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problem(f"manifest: {entry['path']}: SHA-256 differs")
        if len(data) != entry["bytes"]:
            problem(f"manifest: {entry['path']}: size differs")
    for name in os.listdir(directory):
        if name not in listed:
            problem(f"manifest: {name} is not listed")
    if not re.fullmatch(r"\d+:[0-9a-f]{64}", manifest.get("event_log_head", "")):
        problem("manifest: no event_log_head SEQ:HEX")


def main():
    directory, schemas = sys.argv[1], sys.argv[2]
    descriptor = load(os.path.join(directory, "datapackage.json"))
    validate(descriptor, load(os.path.join(schemas, "data-package.json")), "datapackage.json")
    tabular = load(os.path.join(schemas, "tabular-data-resource.json"))
    plain = load(os.path.join(schemas, "data-resource.json"))
    table_schema = load(os.path.join(schemas, "table-schema.json"))
    keys = {}
    for resource in descriptor["resources"]:
        if resource.get("profile") == "tabular-data-resource":
            validate(resource, tabular, f"resource {resource['name']}")
            validate(resource["schema"], table_schema, f"schema of {resource['name']}")
            check_table(directory, resource, keys)
        else:
            validate(resource, plain, f"resource {resource['name']}")
            if not os.path.exists(os.path.join(directory, resource["path"])):
                problem(f"resource {resource['name']}: {resource['path']} is missing")
    check_foreign_keys(descriptor["resources"], keys)
    check_manifest(directory)
    for line in problems[:200]:
        print(line)
    if len(problems) > 200:
        print(f"... and {len(problems) - 200} more")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
