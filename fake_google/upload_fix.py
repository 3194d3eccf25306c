"""Let google-api-python-client send media uploads to a plain-http api_endpoint.

With ``client_options={"api_endpoint": "http://127.0.0.1:PORT/"}`` the client
moves upload URLs to the endpoint's host but keeps the discovery document's
``https`` scheme (googleapiclient.discovery._fix_up_media_path_base_url), so
an upload to a local http server would be attempted over TLS and fail. This
patch also takes the scheme from the endpoint when the endpoint is http://.
Requests to https endpoints (real Google) are unchanged.
"""

import urllib.parse

_patched = False


def enable_http_media_uploads():
    """Install the patch once (idempotent). Returns False if googleapiclient is missing."""
    global _patched
    if _patched:
        return True
    try:
        from googleapiclient import discovery
    except ImportError:
        return False
    original = discovery._fix_up_media_path_base_url

    def fix_up_media_path_base_url(media_path_url, base_url):
        url = original(media_path_url, base_url)
        base = urllib.parse.urlparse(base_url)
        if base.scheme == "http":
            url = urllib.parse.urlunparse(urllib.parse.urlparse(url)._replace(scheme="http"))
        return url

    discovery._fix_up_media_path_base_url = fix_up_media_path_base_url
    _patched = True
    return True
