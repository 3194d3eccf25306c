"""Facts read from the discovery documents that ship with google-api-python-client.

Used to tell a request kind Google does not know (400 "Unknown name") from
one Google knows but the fake does not implement, and to validate Drive's
``fields`` selections. Everything here degrades to "unknown" (None) when the
documents cannot be found.
"""

import functools
import json
import os


@functools.lru_cache(maxsize=None)
def _document(name):
    try:
        import googleapiclient
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(googleapiclient.__file__), "discovery_cache",
                        "documents", name + ".json")
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError:
        return None


@functools.lru_cache(maxsize=None)
def schema_properties(api, schema):
    """Property names of a schema, e.g. ("sheets.v4", "Request"); None if unknown."""
    document = _document(api)
    if not document or schema not in document.get("schemas", {}):
        return None
    return frozenset(document["schemas"][schema].get("properties", {}))
