"""The add-on's HTTP backend (Flask): Google posts an event, we answer with card JSON.

The factory checks the configuration, then registers the endpoints: the add-on's
(server/addon/routes.py), the platform's (server/operations.py) and, on the local default only,
the sidebar preview (server/preview/). How errors become answers: server/addon/answers.py.
"""
from __future__ import annotations

from flask import Flask

from . import logs, operations
from .addon import routes
from .addon.auth import Verifier
from .backend import Backend
from .config import Config
from .google_clients import GoogleConnection


MAX_EVENT_BYTES = 256 * 1024  # an add-on event (form inputs, ids, tokens) is a few kilobytes


def create_app(config: Config | None = None, preview: bool = False, google: GoogleConnection | None = None,
               preview_hosts: tuple[str, ...] = ()) -> Flask:
    """The app. `preview` adds the local sidebar preview (only with local auth, never deployed),
    answering only requests addressed to this machine's loopback names and `preview_hosts`
    ("*": any name, when it listens on every address); `google` is how to reach Google in Google
    mode (default: Application Default Credentials)."""
    config = config or Config.from_env()
    logs.configure()
    config.check()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_EVENT_BYTES  # Flask answers 413 beyond it, unread
    app.extensions["handover"] = Backend(config, google)
    app.extensions["handover.verifier"] = Verifier(config)
    app.register_blueprint(routes.bp)
    app.register_blueprint(operations.bp)
    if preview:
        if not config.local_auth or config.mode != "local":
            raise ValueError("the preview runs only on the local default with local auth")
        from . import preview
        app.config[preview.HOSTS] = None if "*" in preview_hosts else preview.LOOPBACK + preview_hosts
        app.register_blueprint(preview.bp)
    return app
