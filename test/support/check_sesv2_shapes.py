"""Checks recorded SESv2 JSON responses against botocore's official service model.

Reads [{"operation": ..., "response": {...}}, ...] on stdin; prints one line per problem and
exits 1 if there are any. Exits 3 when botocore is not installed, so the caller can skip.
"""
import json
import sys

try:
    import botocore.loaders
except ImportError:
    sys.exit(3)

model = botocore.loaders.Loader().load_service_model("sesv2", "service-2")
shapes = model["shapes"]
problems = []


def check(value, shape_name, path):
    shape = shapes[shape_name]
    kind = shape["type"]
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object for {shape_name}")
            return
        members = shape.get("members", {})
        for name, member_value in value.items():
            if name not in members:
                problems.append(f"{path}.{name}: not a member of {shape_name}")
                continue
            check(member_value, members[name]["shape"], f"{path}.{name}")
        for name in shape.get("required", []):
            if name not in value:
                problems.append(f"{path}.{name}: required by {shape_name} but missing")
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list for {shape_name}")
            return
        for index, item in enumerate(value):
            check(item, shape["member"]["shape"], f"{path}[{index}]")
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map for {shape_name}")
            return
        for key, item in value.items():
            check(item, shape["value"]["shape"], f"{path}[{key}]")
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string for {shape_name}")
        elif "enum" in shape and value not in shape["enum"]:
            problems.append(f"{path}: {value!r} is not one of {shape_name}'s values")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean for {shape_name}")
    elif kind in ("integer", "long", "double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"{path}: expected a number for {shape_name}")
    elif kind == "timestamp":
        # REST-JSON's default timestamp format is epoch seconds.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"{path}: expected epoch seconds for {shape_name}")
    else:
        problems.append(f"{path}: shape kind {kind} not checked")


recorded = json.load(sys.stdin)
for entry in recorded:
    operation = model["operations"][entry["operation"]]
    output = operation.get("output")
    if output is None:
        if entry["response"] not in ({}, None):
            problems.append(f"{entry['operation']}: has no output shape but returned a body")
        continue
    check(entry["response"], output["shape"], entry["operation"])

for problem in problems:
    print(problem)
print(f"checked {len(recorded)} responses against sesv2 {model['metadata']['apiVersion']}")
sys.exit(1 if problems else 0)
