"""Facts read from the discovery documents that ship with google-api-python-client.

strict.py checks Sheets and Docs requests against them (an unknown name or a
bad value is Google's 400); drive_listing.py validates Drive's ``fields``
selections. Everything here degrades to "unknown" (None) when the
documents cannot be found.
"""

import functools
import json
import os


@functools.lru_cache(maxsize=None)
def document(name):
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
    doc = document(api)
    if not doc or schema not in doc.get("schemas", {}):
        return None
    return frozenset(doc["schemas"][schema].get("properties", {}))
