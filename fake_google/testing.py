"""google-api-python-client services for the fake, for tests of the fake itself::

    with FakeGoogle() as fake:
        drive = drive_service(fake)

(The product's own clients are pointed at the fake by tests/google_env.py.)
"""


def fake_credentials(token="fake-token"):
    """OAuth credentials that only carry a bearer token (the fake accepts any)."""
    import google.oauth2.credentials

    return google.oauth2.credentials.Credentials(token=token)


def build_service(fake, name, version):
    """A real googleapiclient service for ("drive","v3"), ("docs","v1"), ("sheets","v4")."""
    from googleapiclient.discovery import build

    return build(name, version, credentials=fake_credentials(),
                 client_options={"api_endpoint": fake.base_url}, static_discovery=True,
                 cache_discovery=False)


def drive_service(fake):
    return build_service(fake, "drive", "v3")


def docs_service(fake):
    return build_service(fake, "docs", "v1")


def sheets_service(fake):
    return build_service(fake, "sheets", "v4")
