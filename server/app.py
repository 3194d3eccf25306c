"""The Flask app (the add-on's HTTP backend). Endpoints are added per flow."""
from __future__ import annotations

from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return app


app = create_app()
