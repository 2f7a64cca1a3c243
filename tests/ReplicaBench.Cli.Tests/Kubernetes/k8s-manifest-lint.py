#!/usr/bin/env python3
"""Lints a Kubernetes manifest against the official Python client's models: prints every field that
the Kubernetes API does not know, one per line, as KIND NAME: PATH (unknown field in MODEL).

An oracle independent of KubernetesClient (C#): Debian's python3-kubernetes, whose models are
generated from Kubernetes's OpenAPI document, each with `attribute_map` (python name -> JSON name)
and `openapi_types` (python name -> type). The manifest is walked recursively: every mapping whose
type is a model must use only that model's JSON names; lists and maps are followed into their
element types. Scalars are not type-checked (the API accepts int-or-string quantities and ports).

Usage: k8s-manifest-lint.py FILE.yaml
Exit: 0 no unknown field, 1 unknown fields (listed), 2 a document this script cannot check.
"""
import re
import sys

import yaml
from kubernetes.client import models

LIST = re.compile(r"^list\[(.+)\]$")
DICT = re.compile(r"^dict\(([^,]+), (.+)\)$")
PRIMITIVES = {"str", "int", "float", "bool", "date", "datetime", "object"}


def model_for(document):
    api_version, kind = document.get("apiVersion"), document.get("kind")
    if not api_version or not kind:
        return None
    version = api_version.split("/")[-1]
    return getattr(models, version[0].upper() + version[1:] + kind, None)


def walk(value, type_name, path, problems):
    if type_name in PRIMITIVES:
        if isinstance(value, (dict, list)):
            problems.append(f"{path}: a {type(value).__name__} where the API expects {type_name}")
        return
    match = LIST.match(type_name)
    if match:
        if not isinstance(value, list):
            problems.append(f"{path}: not a list ({type_name})")
            return
        for index, item in enumerate(value):
            walk(item, match.group(1), f"{path}[{index}]", problems)
        return
    match = DICT.match(type_name)
    if match:
        if not isinstance(value, dict):
            problems.append(f"{path}: not a map ({type_name})")
            return
        for key, item in value.items():
            walk(item, match.group(2), f"{path}.{key}", problems)
        return
    model = getattr(models, type_name, None)
    if model is None:
        problems.append(f"{path}: type {type_name} is not in the client's models")
        return
    if not isinstance(value, dict):
        problems.append(f"{path}: not a mapping ({type_name})")
        return
    by_json_name = {json_name: python_name for python_name, json_name in model.attribute_map.items()}
    for key, item in value.items():
        field = f"{path}.{key}" if path else key
        if key not in by_json_name:
            problems.append(f"{field} (unknown field in {type_name})")
            continue
        if item is not None:
            walk(item, model.openapi_types[by_json_name[key]], field, problems)


def main():
    with open(sys.argv[1], encoding="utf-8") as stream:
        documents = [d for d in yaml.safe_load_all(stream) if d is not None]
    problems = []
    for document in documents:
        model = model_for(document)
        name = (document.get("metadata") or {}).get("name", "?")
        if model is None:
            print(f"{document.get('kind')} {name}: apiVersion {document.get('apiVersion')} kind {document.get('kind')} has no model in this client", file=sys.stderr)
            return 2
        found = []
        walk(document, model.__name__, "", found)
        problems.extend(f"{document['kind']} {name}: {p}" for p in found)
    for problem in problems:
        print(problem)
    print(f"checked {len(documents)} object(s): {len(problems)} unknown field(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
