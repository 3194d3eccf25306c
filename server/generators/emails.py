"""Emails from the seed's templates (jinja2, plain text): the customer data request."""
from __future__ import annotations

import os

from jinja2 import Environment, PackageLoader, StrictUndefined

_env = Environment(loader=PackageLoader("server.generators", "templates"), autoescape=False,
                   undefined=StrictUndefined, keep_trailing_newline=True)


def data_request_email(industry: str, customer: str, rep: str = "", contact: str = "",
                       signup_url: str | None = None) -> str:
    """The data-request email for a drilling contractor or a mining company."""
    if industry not in ("drilling", "mining"):
        raise ValueError("industry must be 'drilling' or 'mining'")
    template = _env.get_template(f"data_request_{industry}.txt.j2")
    url = signup_url if signup_url is not None else os.environ.get("HANDOVER_SIGNUP_URL", "")
    return template.render(customer=customer, rep=rep, contact=contact, signup_url=url)
