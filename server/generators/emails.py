"""Emails from the seed's templates (jinja2, plain text): the customer data request."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..rubric import load_rubric

# Every email's plain-text template: the data request here, CS's notification in notify.py.
TEMPLATES = Environment(loader=PackageLoader("server.generators", "templates"), autoescape=False,
                        undefined=StrictUndefined, keep_trailing_newline=True)


def data_request_email(industry: str, customer: str, rep: str = "", contact: str = "",
                       signup_url: str = "") -> str:
    """The data-request email for a drilling contractor or a mining company."""
    if industry not in load_rubric().industries:
        raise ValueError(f"industry must be {' or '.join(repr(k) for k in load_rubric().industries)}")
    template = TEMPLATES.get_template(f"data_request_{industry}.txt.j2")
    return template.render(customer=customer, rep=rep, contact=contact, signup_url=signup_url)
